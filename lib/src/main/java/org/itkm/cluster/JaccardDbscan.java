package org.itkm.cluster;

import ai.djl.Device;
import org.itkm.io.FloatMatrix;

/**
 * Pseudo-labels for one homogeneous group: L2-normalised rows, k-nearest neighbours, sparse
 * k-reciprocal Jaccard distance, DBSCAN (cluster-contrast defaults k1=30, k2=6, eps=0.6,
 * min_samples=4). Only pairs within eps are ever stored; nothing is N x N.
 */
public final class JaccardDbscan {
    /** Defaults of cluster-contrast / CCLNet and the paper (eps 0.6, min_samples 4). */
    public static final int DEFAULT_K1 = 30;
    public static final int DEFAULT_K2 = 6;
    public static final double DEFAULT_EPS = 0.6;
    public static final int DEFAULT_MIN_SAMPLES = 4;

    private final KReciprocalJaccard jaccard;
    private final Dbscan dbscan;
    private final double eps;
    private final int minSamples;
    private final NearestNeighbors neighbors;

    public JaccardDbscan(int k1, int k2, double eps, int minSamples, NearestNeighbors neighbors) {
        this.jaccard = new KReciprocalJaccard(k1, k2);
        this.dbscan = new Dbscan(eps, minSamples);
        this.eps = eps;
        this.minSamples = minSamples;
        this.neighbors = neighbors;
    }

    /** The defaults on the CPU. */
    public JaccardDbscan() {
        this(DEFAULT_K1, DEFAULT_K2, DEFAULT_EPS, DEFAULT_MIN_SAMPLES, new NearestNeighbors(Device.cpu(),
                NearestNeighbors.DEFAULT_TILE));
    }

    /** Sparse Jaccard distances within eps (for diagnostics and tests). */
    public SparseDistances distances(UnitFeatures x) {
        return jaccard.distances(x, neighbors.self(x, jaccard.k1()), eps);
    }

    /** Clusters the rows of one group (any number of rows, including 0). */
    public PseudoLabels cluster(FloatMatrix features) {
        UnitFeatures x = UnitFeatures.of(features);
        int n = x.rows();
        if (n == 0 || eps >= 1) {
            // every Jaccard distance is <= 1, so eps >= 1 makes all rows one neighbourhood
            int[] labels = new int[n];
            java.util.Arrays.fill(labels, n >= minSamples ? 0 : -1);
            return new PseudoLabels(labels, x, new PseudoLabels.Timings(0, 0, 0));
        }
        long t0 = System.nanoTime();
        NeighborTable table = neighbors.self(x, jaccard.k1());
        long t1 = System.nanoTime();
        SparseDistances d = jaccard.distances(x, table, eps);
        long t2 = System.nanoTime();
        int[] labels = dbscan.labels(d);
        long t3 = System.nanoTime();
        return new PseudoLabels(labels, x, new PseudoLabels.Timings((t1 - t0) / 1e9, (t2 - t1) / 1e9,
                (t3 - t2) / 1e9));
    }

    /**
     * Clusters each group separately ({@code group[i]} in 0..groups-1 for row i); labels are local to
     * each group and refer to the group's rows in ascending row order ({@link #groupRows}).
     */
    public PseudoLabels[] clusterGroups(FloatMatrix features, int[] group, int groups) {
        if (group.length != features.rows()) {
            throw new IllegalArgumentException(group.length + " group ids for " + features.rows() + " rows");
        }
        PseudoLabels[] out = new PseudoLabels[groups];
        for (int g = 0; g < groups; g++) {
            out[g] = cluster(features.selectRows(groupRows(group, g)));
        }
        return out;
    }

    /** Rows of group g, ascending. */
    public static int[] groupRows(int[] group, int g) {
        return java.util.stream.IntStream.range(0, group.length).filter(i -> group[i] == g).toArray();
    }
}
