package org.itkm.train;

import ai.djl.Device;
import java.util.Locale;
import java.util.Map;
import org.itkm.clip.ClipModel;
import org.itkm.config.RunConfig;
import org.itkm.eval.Protocol;
import org.itkm.eval.RankingMetrics;

/**
 * The evaluation a run does every {@code eval.everyEpochs} epochs of each stage (and after its last):
 * rank-1 and mAP of every protocol of the run's scenarios, as metrics.csv columns
 * ({@code eval_sysu_all_r1}, {@code eval_ltcc_cc_map}...), so a curve shows when a method helps or hurts.
 * The evaluated query and gallery (the test ones, or validation identities with {@code eval.split=val})
 * are only looked at, never trained on.
 */
final class EpochEvaluation {
    private final TrainingData data;
    private final RunConfig config;
    private final Device device;
    private Map<String, Map<Protocol, RankingMetrics>> latest;

    EpochEvaluation(TrainingData data, RunConfig config, Device device) {
        this.data = data;
        this.config = config;
        this.device = device;
    }

    /** Whether epoch {@code epoch} (0-based) of a stage of {@code epochs} epochs is evaluated. */
    boolean due(int epoch, int epochs) {
        return config.eval().due(epoch, epochs);
    }

    /** Evaluates the encoder as the final evaluation would and writes the figures into {@code row}. */
    void into(Map<String, Object> row, ClipModel model, boolean mergeGroups, boolean scenarioEmbedding) {
        latest = TrainingPipeline.evaluate(model, device, data, config, mergeGroups, scenarioEmbedding);
        latest.values().forEach(m -> m.forEach((p, r) -> {
            String key = "eval_" + p.id().replace('-', '_').toLowerCase(Locale.ROOT);
            row.put(key + "_r1", r.rank1());
            row.put(key + "_map", r.mAP());
        }));
    }

    /**
     * The metrics of the latest evaluation in this process, or null. Every stage evaluates after its last
     * epoch and Stage II leaves the image encoder alone, so once training returns these are the final
     * model's metrics: the pipeline's final evaluation need not be computed twice.
     */
    Map<String, Map<Protocol, RankingMetrics>> latest() {
        return latest;
    }
}
