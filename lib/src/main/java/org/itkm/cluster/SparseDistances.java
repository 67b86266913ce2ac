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
