package org.itkm.train;

import org.itkm.run.CheckpointStore;
import java.io.IOException;

/** Writes the epoch's checkpoint (atomically, through the run's {@link CheckpointStore}), before anything else. */
final class CheckpointListener implements EpochListener {
    private final TrainingRun run;

    CheckpointListener(TrainingRun run) {
        this.run = run;
    }

    @Override
    public void epochEnded(EpochEnd end) throws IOException {
        run.checkpoints().save(end.stage(), end.epoch(), end.checkpoint());
    }
}
