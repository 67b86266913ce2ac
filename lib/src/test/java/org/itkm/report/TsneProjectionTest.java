package org.itkm.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.itkm.io.FloatMatrix;
import org.junit.jupiter.api.Test;

class TsneProjectionTest {
    @Test
    void separatesTwoClustersAndIsReproducible() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 40;
        int d = 8;
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                x[i * d + k] = (float) ((k == (i < n / 2 ? 0 : 1) ? 5 : 0) + 0.3 * r.nextGaussian());
            }
        }
        FloatMatrix m = new FloatMatrix(n, d, x);
        double[][] a = TsneProjection.of(m, 10, 1000, 7);
        double[][] b = TsneProjection.of(m, 10, 1000, 7);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(a[i], b[i]);
        }
        // every point is closer to its own cluster's centre than to the other's
        double[][] c = new double[2][2];
        for (int i = 0; i < n; i++) {
            c[i < n / 2 ? 0 : 1][0] += a[i][0] / (n / 2.0);
            c[i < n / 2 ? 0 : 1][1] += a[i][1] / (n / 2.0);
        }
        for (int i = 0; i < n; i++) {
            int own = i < n / 2 ? 0 : 1;
            assertTrue(dist(a[i], c[own]) < dist(a[i], c[1 - own]), "point " + i);
        }
    }

    private static double dist(double[] p, double[] q) {
        return Math.hypot(p[0] - q[0], p[1] - q[1]);
    }
}
