package org.itkm.cluster;

import java.util.Arrays;

/**
 * DBSCAN with scikit-learn semantics over a sparse distance matrix: the neighbourhood of a point is
 * every point at distance &lt;= eps, itself included; a core point has at least {@code minSamples}
 * neighbours; clusters are grown from core points in order of their lowest index, and a border point
 * joins the first cluster that reaches it. Everything else is noise (-1). Labels are 0..C-1 in that
 * order, exactly as {@code sklearn.cluster.DBSCAN(metric='precomputed').labels_}.
 */
public final class Dbscan {
    private final double eps;
    private final int minSamples;

    public Dbscan(double eps, int minSamples) {
        if (!(eps >= 0) || minSamples < 1) {
            throw new IllegalArgumentException("need eps >= 0 and min_samples >= 1, got eps=" + eps
                    + ", min_samples=" + minSamples);
        }
        this.eps = eps;
        this.minSamples = minSamples;
    }

    /** Cluster labels; {@code d} must keep every pair up to eps (cut-off &gt;= eps). */
    public int[] labels(SparseDistances d) {
        if (d.cutoff() < eps) {
            throw new IllegalArgumentException("distances cut at " + d.cutoff() + " < eps " + eps);
        }
        int n = d.rows();
        boolean[] core = new boolean[n];
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (double v : d.distances(i)) {
                if (v <= eps) {
                    count++;
                }
            }
            core[i] = count >= minSamples;
        }
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        int[] stack = new int[Math.max(1, n)];
        int next = 0;
        for (int seed = 0; seed < n; seed++) {
            if (labels[seed] != -1 || !core[seed]) {
                continue;
            }
            int top = 0;
            labels[seed] = next;
            stack[top++] = seed;
            while (top > 0) {
                int p = stack[--top];
                if (!core[p]) {
                    continue; // border points join but do not extend the cluster
                }
                int[] cols = d.columns(p);
                double[] dist = d.distances(p);
                for (int t = 0; t < cols.length; t++) {
                    int q = cols[t];
                    if (dist[t] <= eps && labels[q] == -1) {
                        labels[q] = next;
                        stack[top++] = q;
                    }
                }
            }
            next++;
        }
        return labels;
    }
}
