package org.itkm.train;

import java.util.Map;

/**
 * Scores an epoch's pseudo-labels against ground truth (e.g. the pairwise F-score of Fig. 5). Supplied
 * by the caller that owns the ground truth; training code only passes labels through and logs the
 * numbers, so it never reads identities itself.
 */
@FunctionalInterface
public interface PseudoLabelDiagnostics {
    /** No diagnostics. */
    PseudoLabelDiagnostics NONE = (unit, labels) -> Map.of();

    /**
     * @param unit the clustered unit
     * @param labels one pseudo-label per row of the unit ({@link TrainingUnit#rows()}), -1 for noise
     * @return named values to log (e.g. {@code fscore})
     */
    Map<String, Double> score(TrainingUnit unit, int[] labels);
}
