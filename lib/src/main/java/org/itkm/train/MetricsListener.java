package org.itkm.train;

import java.io.IOException;

/** Appends the epoch's row to the run's metrics.csv. */
final class MetricsListener implements EpochListener {
    private final TrainingRun run;

    MetricsListener(TrainingRun run) {
        this.run = run;
    }

    @Override
    public void epochEnded(EpochEnd end) throws IOException {
        run.metrics().append(end.row());
    }
}
