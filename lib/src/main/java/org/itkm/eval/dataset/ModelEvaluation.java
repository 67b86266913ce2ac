package org.itkm.eval.dataset;

import ai.djl.Device;
import java.util.LinkedHashMap;
import java.util.Map;
import org.itkm.clip.ClipModel;
import org.itkm.data.GroundTruth;
import org.itkm.data.ReidDataset;
import org.itkm.eval.LabeledFeatures;
import org.itkm.eval.Protocol;
import org.itkm.eval.RankingMetrics;
import org.itkm.eval.ReidEvaluator;

/**
 * Evaluates an image encoder on a scenario's query and gallery under the scenario's protocols (Table 1
 * columns) and its within-modality / within-outfit ones: features of each image through its own group's
 * branch and scenario embedding, no flip. Each set's features are computed once and every protocol reads
 * the sets its {@link Protocol.Pairing} names.
 */
public final class ModelEvaluation {
    private ModelEvaluation() {}

    /**
     * @param sysuTrials single-shot galleries for SYSU-MM01 (paper: 10)
     * @param mlrTrials single-shot draws per query for MLR-CUHK03 (paper: 10)
     * @return metrics per protocol, the paper's first ({@link org.itkm.data.Scenario#allProtocols})
     */
    public static Map<Protocol, RankingMetrics> evaluate(ClipModel model, Device device, ReidDataset d,
            boolean mergeGroups, boolean scenarioEmbedding, int sysuTrials, int mlrTrials, long seed) {
        LabeledFeatures q = new LabeledFeatures(EncoderFeatures.ofOwnBranches(model, device, d.query(), mergeGroups,
                scenarioEmbedding, 128), GroundTruth.labels(d.query()), d.layout() + " query", d.layout() + " query");
        LabeledFeatures g = new LabeledFeatures(EncoderFeatures.ofOwnBranches(model, device, d.gallery(), mergeGroups,
                scenarioEmbedding, 128), GroundTruth.labels(d.gallery()), d.layout() + " gallery",
                d.layout() + " gallery");
        Map<Protocol, RankingMetrics> out = new LinkedHashMap<>();
        for (Protocol p : d.scenario().allProtocols()) {
            int trials = p.isSysu() ? sysuTrials : p == Protocol.MLR ? mlrTrials : 0;
            Protocol.Pairing pairing = p.pairing();
            out.put(p, ReidEvaluator.evaluate(pairing.queries(q, g), pairing.gallery(q, g), p, trials, seed, null));
        }
        return out;
    }
}
