package org.itkm.report;

import org.itkm.io.FloatMatrix;
import smile.manifold.TSNE;
import smile.math.MathEx;

/**
 * 2-D t-SNE of representations (Smile's exact t-SNE) for the paper's Fig. 4 and Fig. S4. Rows are
 * L2-normalised first, as the kit compares representations by cosine; seeded, so a figure is
 * reproducible.
 */
public final class TsneProjection {
    private TsneProjection() {}

    /**
     * @param iterations gradient steps; about 1,000 are needed past the early-exaggeration phase
     * @return n × 2 coordinates
     */
    public static double[][] of(FloatMatrix x, double perplexity, int iterations, long seed) {
        int n = x.rows();
        if (n < 4) {
            throw new IllegalArgumentException("t-SNE needs at least 4 points, got " + n);
        }
        double[][] rows = x.toDoubleRows(true);
        double p = Math.min(perplexity, (n - 1) / 3.0);
        synchronized (MathEx.class) { // Smile draws the initial layout from its global generator
            MathEx.setSeed(seed);
            return new TSNE(rows, 2, p, 200, iterations).coordinates;
        }
    }
}
