package org.itkm.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.itkm.io.FloatMatrix;
import org.junit.jupiter.api.Test;

class DbscanTest {
    /** Sparse distances from a dense symmetric matrix (pairs up to cutoff). */
    static SparseDistances sparse(double[][] d, double cutoff) {
        int n = d.length;
        int[][] cols = new int[n][];
        double[][] dist = new double[n][];
        for (int i = 0; i < n; i++) {
            int fi = i;
            cols[i] = java.util.stream.IntStream.range(0, n).filter(j -> d[fi][j] <= cutoff).toArray();
            dist[i] = java.util.Arrays.stream(cols[i]).mapToDouble(j -> d[fi][j]).toArray();
        }
        return new SparseDistances(cols, dist, cutoff);
    }

    @Test
    void borderPointJoinsTheFirstClusterGrown() {
        // two chains of core points (0,1,2) and (4,5,6); point 3 is within eps of 2 and 4 only
        double[][] d = new double[7][7];
        for (double[] row : d) {
            java.util.Arrays.fill(row, 1.0);
        }
        int[][] close = {{0, 1}, {1, 2}, {0, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 6}, {4, 6}};
        for (int[] p : close) {
            d[p[0]][p[1]] = d[p[1]][p[0]] = 0.5;
        }
        for (int i = 0; i < 7; i++) {
            d[i][i] = 0;
        }
        // min_samples 3: 0,1,2,4,5,6 are core (itself + 2), 3 has itself + 2 = 3 -> core too
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0}, new Dbscan(0.6, 3).labels(sparse(d, 0.6)));
        // min_samples 4: core points are 2 (0,1,3) and 4 (3,5,6); 3 is border of both -> first cluster (0)
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1}, new Dbscan(0.6, 4).labels(sparse(d, 0.6)));
        // eps below every off-diagonal distance: all noise with min_samples 2, singletons with 1
        assertArrayEquals(new int[] {-1, -1, -1, -1, -1, -1, -1}, new Dbscan(0.4, 2).labels(sparse(d, 0.4)));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, new Dbscan(0.4, 1).labels(sparse(d, 0.4)));
    }

    @Test
    void degenerateInputsGiveLabelsWithoutExceptions() {
        JaccardDbscan c = new JaccardDbscan();
        PseudoLabels empty = c.cluster(new FloatMatrix(0, 8, new float[0]));
        assertEquals(0, empty.rows());
        assertEquals(0, empty.clusters());
        assertEquals(0, empty.centroids().rows());
        // fewer points than min_samples: all noise
        PseudoLabels three = c.cluster(new FloatMatrix(3, 2, new float[] {1, 0, 1, 0.1f, 0.9f, 0.1f}));
        assertArrayEquals(new int[] {-1, -1, -1}, three.labels());
        // duplicates: one cluster, centroid = the common direction
        float[] dup = new float[6 * 3];
        for (int i = 0; i < 6; i++) {
            dup[i * 3] = 3;
            dup[i * 3 + 1] = 4;
        }
        PseudoLabels one = c.cluster(new FloatMatrix(6, 3, dup));
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0}, one.labels());
        assertArrayEquals(new float[] {0.6f, 0.8f, 0}, one.centroids().data(), 1e-6f);
        assertArrayEquals(new int[] {6}, one.sizes());
        // zero rows are allowed (cosine 0 to everything)
        PseudoLabels zeros = c.cluster(new FloatMatrix(5, 2, new float[10]));
        assertEquals(5, zeros.rows());
        // random directions with a tight eps: nobody has 3 others within eps -> all noise
        Random r = new Random(1);
        float[] noise = new float[200 * 64];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) r.nextGaussian();
        }
        PseudoLabels allNoise = new JaccardDbscan(30, 6, 0.2, 4, new NearestNeighbors())
                .cluster(new FloatMatrix(200, 64, noise));
        assertEquals(200, allNoise.noise());
        assertEquals(0, allNoise.clusters());
    }

    @Test
    void groupsAreClusteredSeparately() {
        float[] x = new float[12 * 2];
        int[] group = new int[12];
        for (int i = 0; i < 12; i++) {
            x[i * 2] = i % 2 == 0 ? 1 : 0;
            x[i * 2 + 1] = i % 2 == 0 ? 0 : 1;
            group[i] = i % 2;
        }
        PseudoLabels[] out = new JaccardDbscan().clusterGroups(new FloatMatrix(12, 2, x), group, 3);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0}, out[0].labels());
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0}, out[1].labels());
        assertEquals(0, out[2].rows()); // an empty group
        assertArrayEquals(new int[] {1, 3, 5, 7, 9, 11}, JaccardDbscan.groupRows(group, 1));
    }
}
