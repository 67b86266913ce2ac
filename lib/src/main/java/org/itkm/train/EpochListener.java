package org.itkm.train;

import java.io.IOException;
import java.util.List;

/**
 * Per-epoch bookkeeping of a training stage, outside its loop (fast-reid's hooks, DJL's training
 * listeners). The loops of Stage I / III ({@link EncoderTrainingLoop}) and Stage II
 * ({@link TextRepresentationLearning}) only train; after each epoch's steps they call their listeners in
 * list order, which is, for the kit's stages:
 * <ol>
 *   <li>{@link CheckpointListener}: the epoch's checkpoint, first, so that a failure of what follows
 *       (an evaluation, a full disk for metrics.csv) never loses the epoch's training;</li>
 *   <li>{@link EvaluationListener} (image-encoder stages): the evaluation columns when the epoch is due;</li>
 *   <li>a stage's own columns (Stage III: {@link LossTerms}, each term of its loss);</li>
 *   <li>{@link MemoryListener}: the process's resident and peak memory;</li>
 *   <li>{@link MetricsListener}: the row, appended to metrics.csv;</li>
 * </ol>
 * then, once the epoch's arrays are closed, {@link #epochClosed} ({@link ManifestListener}: the epoch's
 * time and live arrays in the manifest).
 *
 * <p>A listener may add columns to {@link EpochEnd#row()} (never change or remove one another wrote: the
 * columns' order is metrics.csv's), read the model, and write the run's records through the run's
 * {@link TrainingRun#writes() gate}; it may not change the model, the optimiser, the memories, or draw
 * from any random stream of the run (the training numbers must not depend on which listeners run).
 */
interface EpochListener {
    /** After the epoch's steps, while its clusters and state are open. */
    void epochEnded(EpochEnd end) throws IOException;

    /** After the epoch's clusters and state are closed (what is left lives across epochs). */
    default void epochClosed(EpochEnd end) throws IOException {}

    /** Calls {@link #epochEnded} of each listener in order. */
    static void ended(List<EpochListener> listeners, EpochEnd end) throws IOException {
        for (EpochListener l : listeners) {
            l.epochEnded(end);
        }
    }

    /** Calls {@link #epochClosed} of each listener in order. */
    static void closed(List<EpochListener> listeners, EpochEnd end) throws IOException {
        for (EpochListener l : listeners) {
            l.epochClosed(end);
        }
    }
}
