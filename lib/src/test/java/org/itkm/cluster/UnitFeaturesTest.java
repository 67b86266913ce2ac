package org.itkm.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.itkm.io.FloatMatrix;
import org.junit.jupiter.api.Test;

class UnitFeaturesTest {
    /** The documented summation: four strided double sums, combined as (s0 + s1) + (s2 + s3). */
    private static double fourSums(float[] x, int i, int j, int d) {
        double[] s = new double[4];
        int k = 0;
        for (; k + 3 < d; k += 4) {
            for (int m = 0; m < 4; m++) {
                s[m] += (double) x[i * d + k + m] * (double) x[j * d + k + m];
            }
        }
        for (; k < d; k++) {
            s[0] += (double) x[i * d + k] * (double) x[j * d + k];
        }
        return (s[0] + s[1]) + (s[2] + s[3]);
    }

    @Test
    void pairedCosinesAreBitIdenticalToSingleOnes() {
        for (int d : new int[] {37, 512}) {
            int n = 41;
            Random r = new Random(d);
            float[] x = new float[n * d];
            for (int p = 0; p < x.length; p++) {
                x[p] = (float) r.nextGaussian();
            }
            java.util.Arrays.fill(x, 5 * d, 6 * d, 0f); // a zero row
            System.arraycopy(x, 0, x, 9 * d, d); // a duplicate of row 0
            UnitFeatures u = UnitFeatures.of(new FloatMatrix(n, d, x));
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(fourSums(x, i, j, d), u.dot(i, u, j), 0.0, "dot " + i + "," + j);
                    assertEquals(u.dot(i, u, j), u.dot(j, u, i), 0.0);
                }
            }
            int[] js = new int[n];
            for (int t = 0; t < n; t++) {
                js[t] = (t * 17 + 3) % n;
            }
            for (int count : new int[] {0, 1, 2, 7, n}) {
                for (int i : new int[] {0, 5, 9, 40}) {
                    double[] out = new double[count];
                    u.cosines(i, u, js, count, out);
                    for (int t = 0; t < count; t++) {
                        assertEquals(u.cosine(i, u, js[t]), out[t], 0.0, "d " + d + " row " + i + " col " + js[t]);
                    }
                }
            }
            assertEquals(0.0, u.cosine(5, u, 3), 0.0);
            assertEquals(u.cosine(0, u, 0), u.cosine(9, u, 0), 0.0);
        }
    }
}
