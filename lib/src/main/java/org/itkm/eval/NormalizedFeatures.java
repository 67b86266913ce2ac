package org.itkm.eval;

import org.itkm.io.FloatMatrix;

/**
 * Features prepared for cosine ranking: float32 unit rows for fast blocked products, plus the raw rows
 * and their norms for an exact (double precision) score wherever two float32 similarities are too
 * close to order reliably.
 */
final class NormalizedFeatures {
    final FloatMatrix raw;
    final float[] unit;
    final double[] norms;
    final int dim;

    NormalizedFeatures(FloatMatrix raw) {
        this.raw = raw;
        this.dim = raw.cols();
        int n = raw.rows();
        float[] x = raw.data();
        unit = new float[x.length];
        norms = new double[n];
        for (int i = 0; i < n; i++) {
            int off = i * dim;
            double ss = 0;
            for (int k = 0; k < dim; k++) {
                ss += (double) x[off + k] * x[off + k];
            }
            double norm = Math.sqrt(ss);
            norms[i] = norm;
            if (norm > 0) { // zero rows stay zero: similarity 0 to everything
                for (int k = 0; k < dim; k++) {
                    unit[off + k] = (float) (x[off + k] / norm);
                }
            }
        }
    }

    int rows() {
        return norms.length;
    }

    /**
     * Cosine similarity of query row q and this row g, up to the positive factor 1/|q| common to one
     * query's scores: the raw dot product in double divided by |g|. Identical rows give identical
     * scores, so exact ties stay ties.
     */
    double exactScore(NormalizedFeatures query, int q, int g) {
        if (norms[g] == 0) {
            return 0;
        }
        float[] a = query.raw.data();
        float[] b = raw.data();
        int qo = q * dim;
        int go = g * dim;
        double s = 0;
        for (int k = 0; k < dim; k++) {
            s += (double) a[qo + k] * b[go + k];
        }
        return s / norms[g];
    }

    /**
     * A bound on |float32 cosine from {@link #unit} products - exact cosine|, doubled: below it two
     * float32 scores cannot be ordered without the exact score. (Rounding of the unit rows plus the
     * worst-case summation error of a D-term float32 dot product of unit vectors.)
     */
    static float tieBand(int dim) {
        return (float) (2.0 * (dim + 4) * Math.ulp(1.0f) / 2);
    }
}
