package org.itkm.train;

import org.itkm.clip.ClipModel;

/**
 * The run's evaluation during training ({@link EpochEvaluation}) of an image-encoder stage, when the epoch
 * is due: rank-1 / mAP columns and {@code eval_seconds}.
 */
final class EvaluationListener implements EpochListener {
    private final TrainingRun run;
    private final ClipModel model;
    private final boolean mergeGroups;
    private final boolean scenarioEmbedding;

    EvaluationListener(TrainingRun run, ClipModel model, boolean mergeGroups, boolean scenarioEmbedding) {
        this.run = run;
        this.model = model;
        this.mergeGroups = mergeGroups;
        this.scenarioEmbedding = scenarioEmbedding;
    }

    @Override
    public void epochEnded(EpochEnd end) {
        EpochEvaluation evaluation = run.evaluation();
        if (evaluation != null && evaluation.due(end.epoch(), end.epochs())) {
            long t0 = System.nanoTime();
            evaluation.into(end.row(), model, mergeGroups, scenarioEmbedding);
            end.row().put("eval_seconds", (System.nanoTime() - t0) / 1e9);
        }
    }
}
