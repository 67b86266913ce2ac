package org.itkm.cluster;

/**
 * A symmetric distance matrix kept sparse: for each row, the columns (ascending) whose distance is at
 * most a cut-off, with their distances. Every pair left out is farther than the cut-off.
 */
public final class SparseDistances {
    private final int[][] columns;
    private final double[][] distances;
    private final double cutoff;

    SparseDistances(int[][] columns, double[][] distances, double cutoff) {
        this.columns = columns;
        this.distances = distances;
        this.cutoff = cutoff;
    }

    /**
     * The pairs of a dense symmetric matrix within the cut-off (for code that computes distances densely,
     * e.g. a lab's own Jaccard distance, to feed {@link Dbscan}).
     */
    public static SparseDistances fromDense(double[][] d, double cutoff) {
        int n = d.length;
        int[][] cols = new int[n][];
        double[][] dist = new double[n][];
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (int j = 0; j < n; j++) {
                count += d[i][j] <= cutoff ? 1 : 0;
            }
            cols[i] = new int[count];
            dist[i] = new double[count];
            for (int j = 0, p = 0; j < n; j++) {
                if (d[i][j] <= cutoff) {
                    cols[i][p] = j;
                    dist[i][p++] = d[i][j];
                }
            }
        }
        return new SparseDistances(cols, dist, cutoff);
    }

    public int rows() {
        return columns.length;
    }

    /** Largest distance kept. */
    public double cutoff() {
        return cutoff;
    }

    /** Columns of row i within the cut-off, ascending (not copied: do not modify). */
    public int[] columns(int i) {
        return columns[i];
    }

    /** Distances matching {@link #columns(int)} (not copied: do not modify). */
    public double[] distances(int i) {
        return distances[i];
    }

    /** Distance of (i, j), or +infinity if it is beyond the cut-off. */
    public double distance(int i, int j) {
        int pos = java.util.Arrays.binarySearch(columns[i], j);
        return pos >= 0 ? distances[i][pos] : Double.POSITIVE_INFINITY;
    }

    /** Number of stored pairs (both orders counted). */
    public long storedPairs() {
        long s = 0;
        for (int[] c : columns) {
            s += c.length;
        }
        return s;
    }
}
