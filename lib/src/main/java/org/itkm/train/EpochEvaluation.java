package org.itkm.train;

import ai.djl.Device;
import java.util.Locale;
import java.util.Map;
import org.itkm.config.RunConfig;
import org.itkm.model.ClipModel;

/**
 * The evaluation a run does every {@code eval.everyEpochs} epochs of each stage (and after its last):
 * rank-1 and mAP of every protocol of the run's scenarios, as metrics.csv columns
 * ({@code eval_sysu_all_r1}, {@code eval_ltcc_cc_map}...), so a curve shows when a method helps or hurts.
 * The test split is only looked at, never trained on.
 */
final class EpochEvaluation {
    private final TrainingData data;
    private final RunConfig config;
    private final Device device;

    EpochEvaluation(TrainingData data, RunConfig config, Device device) {
        this.data = data;
        this.config = config;
        this.device = device;
    }

    /** Whether epoch {@code epoch} (0-based) of a stage of {@code epochs} epochs is evaluated. */
    boolean due(int epoch, int epochs) {
        int every = config.eval().everyEpochs();
        return every > 0 && ((epoch + 1) % every == 0 || epoch == epochs - 1);
    }

    /** Evaluates the encoder as the final evaluation would and writes the figures into {@code row}. */
    void into(Map<String, Object> row, ClipModel model, boolean mergeGroups, boolean scenarioEmbedding) {
        TrainingPipeline.evaluate(model, device, data, config, mergeGroups, scenarioEmbedding).values()
                .forEach(m -> m.forEach((p, r) -> {
                    String key = "eval_" + p.id().replace('-', '_').toLowerCase(Locale.ROOT);
                    row.put(key + "_r1", r.rank1());
                    row.put(key + "_map", r.mAP());
                }));
    }
}
