package org.itkm.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.Arrays;
import java.util.Random;
import org.itkm.io.FloatMatrix;
import org.junit.jupiter.api.Test;

class NearestNeighborsTest {
    /** Brute force: every pair in double, sorted by (cosine desc, index asc), self first when asked. */
    static int[][] bruteForce(UnitFeatures q, UnitFeatures g, int k, boolean self) {
        int n = q.rows();
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            int fi = i;
            Integer[] order = new Integer[g.rows()];
            double[] s = new double[g.rows()];
            for (int j = 0; j < g.rows(); j++) {
                order[j] = j;
                s[j] = q.cosine(i, g, j);
            }
            Arrays.sort(order, (a, b) -> {
                if (self && (a == fi || b == fi)) {
                    return a == fi ? (b == fi ? 0 : -1) : 1;
                }
                return s[a] > s[b] ? -1 : s[a] < s[b] ? 1 : Integer.compare(a, b);
            });
            out[i] = Arrays.stream(order).limit(Math.min(k, g.rows())).mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /** Clustered random rows with exact duplicates, a zero row and rows tied by symmetry. */
    static FloatMatrix tricky(int n, int d, long seed) {
        Random r = new Random(seed);
        float[][] centers = new float[8][d];
        for (float[] c : centers) {
            for (int k = 0; k < d; k++) {
                c[k] = (float) r.nextGaussian();
            }
        }
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            float[] c = centers[r.nextInt(centers.length)];
            for (int k = 0; k < d; k++) {
                x[i * d + k] = c[k] + 0.4f * (float) r.nextGaussian();
            }
        }
        // 40 copies of row 0 spread over the set (more than k + extra: forces the rescan pass)
        for (int t = 1; t <= 40; t++) {
            System.arraycopy(x, 0, x, (t * 7) * d, d);
        }
        // a scaled copy (same direction, so equal cosine) and a zero row
        for (int k = 0; k < d; k++) {
            x[5 * d + k] = 3 * x[3 * d + k];
            x[6 * d + k] = 0;
        }
        return new FloatMatrix(n, d, x);
    }

    @Test
    void selfNeighboursMatchBruteForceAcrossTilesAndTies() {
        UnitFeatures x = UnitFeatures.of(tricky(333, 24, 7));
        int[][] expected = bruteForce(x, x, 30, true);
        for (int tile : new int[] {50, 333, 4096}) {
            NeighborTable t = new NearestNeighbors(Device.cpu(), tile).self(x, 30);
            assertEquals(30, t.k());
            for (int i = 0; i < x.rows(); i++) {
                assertArrayEquals(expected[i], t.row(i, 30), "tile " + tile + " row " + i);
                for (int c = 0; c < 30; c++) {
                    assertEquals(x.cosine(i, x, t.index(i, c)), t.cosine(i, c), 0.0);
                }
            }
        }
    }

    @Test
    void crossNeighboursMatchBruteForce() {
        FloatMatrix all = tricky(300, 16, 11);
        int[] qi = java.util.stream.IntStream.range(0, 120).toArray();
        int[] gi = java.util.stream.IntStream.range(120, 300).toArray();
        UnitFeatures q = UnitFeatures.of(all.selectRows(qi));
        UnitFeatures g = UnitFeatures.of(all.selectRows(gi));
        // the first 40 copies of row 0 sit at multiples of 7, in both halves
        int[][] expected = bruteForce(q, g, 20, false);
        NeighborTable t = new NearestNeighbors(Device.cpu(), 37).cross(q, g, 20);
        for (int i = 0; i < q.rows(); i++) {
            assertArrayEquals(expected[i], t.row(i, 20), "row " + i);
        }
    }

    @Test
    void smallSetsCapKAndSelfComesFirst() {
        UnitFeatures x = UnitFeatures.of(new FloatMatrix(3, 2, new float[] {1, 0, 1, 0, 0, 1}));
        NeighborTable t = new NearestNeighbors().self(x, 30);
        assertEquals(3, t.k());
        assertArrayEquals(new int[] {0, 1, 2}, t.row(0, 3));
        assertArrayEquals(new int[] {1, 0, 2}, t.row(1, 3)); // duplicate: self first, then the twin
        assertArrayEquals(new int[] {2, 0, 1}, t.row(2, 3)); // equal cosine 0: lower index first
        assertEquals(0, new NearestNeighbors().self(UnitFeatures.of(new FloatMatrix(0, 4, new float[0])), 30).rows());
        NeighborTable one = new NearestNeighbors().self(UnitFeatures.of(new FloatMatrix(1, 2, new float[] {0, 0})), 5);
        assertArrayEquals(new int[] {0}, one.row(0, 5));
    }

    @Test
    void collapsedFeaturesStayBoundedAndValid() {
        // 1,500 rows within float32 error of one direction: every row is a near-tie row (rescan, capped)
        int n = 1500;
        int d = 16;
        float[] x = new float[n * d];
        Random r = new Random(5);
        for (int i = 0; i < n; i++) {
            x[i * d] = 1;
            x[i * d + 1] = (float) (1e-7 * r.nextGaussian());
        }
        UnitFeatures u = UnitFeatures.of(new FloatMatrix(n, d, x));
        NeighborTable t = new NearestNeighbors(Device.cpu(), 512).self(u, 30);
        for (int i = 0; i < n; i++) {
            int[] row = t.row(i, 30);
            assertEquals(i, row[0]);
            assertEquals(30, Arrays.stream(row).distinct().count());
            for (int c = 2; c < 30; c++) { // exact cosines, non-increasing after self
                assertTrue(t.cosine(i, c) <= t.cosine(i, c - 1));
            }
        }
        PseudoLabels p = new JaccardDbscan(30, 6, 0.6, 4, new NearestNeighbors()).cluster(new FloatMatrix(n, d, x));
        assertEquals(n, p.rows());
    }
}
