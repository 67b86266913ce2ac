package org.itkm.eval.dataset;

import java.util.List;
import java.util.Map;
import org.itkm.data.Sample;

/**
 * Scores pseudo-labels against ground truth (e.g. the pairwise F-score of the paper's Fig. 5).
 * Supplied by the caller that owns the ground truth; training code only passes labels through and logs
 * the numbers, so it never reads identities itself.
 */
@FunctionalInterface
public interface PseudoLabelDiagnostics {
    /** No diagnostics. */
    PseudoLabelDiagnostics NONE = (samples, labels) -> Map.of();

    /**
     * @param samples the clustered images
     * @param labels one pseudo-label per image, -1 for noise
     * @return named values to log (e.g. {@code fscore})
     */
    Map<String, Double> score(List<Sample> samples, int[] labels);

    /**
     * Scores the cross-group positive sets of one scenario (IHM, or the CNL-style search of M6), both
     * directions pooled. Nothing by default.
     *
     * @param a the images of group A
     * @param b the images of group B
     * @param aToB for each image of A, the positions in {@code b} of its positives (may be empty)
     * @param bToA the same from B to A
     * @return named values to log (e.g. {@code precision})
     */
    default Map<String, Double> scorePositives(List<Sample> a, List<Sample> b, int[][] aToB, int[][] bToA) {
        return Map.of();
    }
}
