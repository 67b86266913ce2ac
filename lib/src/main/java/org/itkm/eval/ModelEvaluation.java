package org.itkm.eval;

import ai.djl.Device;
import java.util.LinkedHashMap;
import java.util.Map;
import org.itkm.data.GroundTruth;
import org.itkm.data.ReidDataset;
import org.itkm.model.ClipModel;

/**
 * Evaluates an image encoder on a scenario's query and gallery under the scenario's protocols (Table 1
 * columns): features of each image through its own group's branch and scenario embedding, no flip.
 */
public final class ModelEvaluation {
    private ModelEvaluation() {}

    /**
     * @param sysuTrials single-shot galleries for SYSU-MM01 (paper: 10)
     * @param mlrTrials single-shot draws per query for MLR-CUHK03 (paper: 10)
     */
    public static Map<Protocol, RankingMetrics> evaluate(ClipModel model, Device device, ReidDataset d,
            boolean mergeGroups, boolean scenarioEmbedding, int sysuTrials, int mlrTrials, long seed) {
        LabeledFeatures q = new LabeledFeatures(EncoderFeatures.ofOwnBranches(model, device, d.query(), mergeGroups,
                scenarioEmbedding, 128), GroundTruth.labels(d.query()), d.layout() + " query", d.layout() + " query");
        LabeledFeatures g = new LabeledFeatures(EncoderFeatures.ofOwnBranches(model, device, d.gallery(), mergeGroups,
                scenarioEmbedding, 128), GroundTruth.labels(d.gallery()), d.layout() + " gallery",
                d.layout() + " gallery");
        Map<Protocol, RankingMetrics> out = new LinkedHashMap<>();
        for (Protocol p : d.scenario().protocols()) {
            int trials = p.isSysu() ? sysuTrials : p == Protocol.MLR ? mlrTrials : 0;
            out.put(p, ReidEvaluator.evaluate(q, g, p, trials, seed, null));
        }
        return out;
    }
}
