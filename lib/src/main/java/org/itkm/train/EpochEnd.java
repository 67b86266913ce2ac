package org.itkm.train;

import org.itkm.run.CheckpointStore;
import java.util.Map;

/**
 * What the listeners of a training epoch see once its steps are done ({@link EpochListener}).
 *
 * @param stage the stage's name (its checkpoints' and metrics rows' name)
 * @param epoch the epoch, 0-based
 * @param epochs the epochs this run trains of the stage
 * @param row the epoch's metrics.csv row so far; listeners add columns in their order, the metrics
 *     listener writes it
 * @param seconds the epoch's training time (clustering, preparation, steps)
 * @param checkpoint writes the epoch's checkpoint files
 */
record EpochEnd(String stage, int epoch, int epochs, Map<String, Object> row, double seconds,
        CheckpointStore.Writer checkpoint) {}
