package org.itkm.train;

import ai.djl.ndarray.NDManager;
import java.io.IOException;

/**
 * Records the epoch in the manifest (its time and the arrays alive in the stage's manager, counted once
 * the epoch's own arrays are closed: a count that grows epoch after epoch is a leak).
 */
final class ManifestListener implements EpochListener {
    private final TrainingRun run;
    private final NDManager manager;

    ManifestListener(TrainingRun run, NDManager manager) {
        this.run = run;
        this.manager = manager;
    }

    @Override
    public void epochEnded(EpochEnd end) {}

    @Override
    public void epochClosed(EpochEnd end) throws IOException {
        run.manifest().recordEpoch(end.stage(), end.epoch(), end.seconds(), manager.getManagedArrays().size());
    }
}
