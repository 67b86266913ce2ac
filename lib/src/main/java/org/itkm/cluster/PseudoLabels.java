package org.itkm.cluster;

import java.util.Arrays;
import org.itkm.io.FloatMatrix;

/**
 * The outcome of clustering one homogeneous group: a label per row (0..C-1, -1 for noise), the size of
 * each cluster and each cluster's centroid (mean of its members' L2-normalised features, then
 * L2-normalised: the initial entry of the cluster memory).
 */
public final class PseudoLabels {
    private final int[] labels;
    private final int[] sizes;
    private final FloatMatrix centroids;
    private final Timings timings;

    /** Wall-clock seconds of the three phases of {@link JaccardDbscan#cluster}. */
    public record Timings(double neighbours, double jaccard, double dbscan) {
        public double total() {
            return neighbours + jaccard + dbscan;
        }
    }

    PseudoLabels(int[] labels, UnitFeatures features, Timings timings) {
        this.labels = labels;
        this.timings = timings;
        int clusters = Arrays.stream(labels).max().orElse(-1) + 1;
        sizes = new int[clusters];
        for (int l : labels) {
            if (l >= 0) {
                sizes[l]++;
            }
        }
        centroids = centroids(labels, clusters, features.unitMatrix());
    }

    /**
     * Labels given from outside clustering (0..C-1, -1 for none) over the rows' features: what a clustering
     * of {@code features} into exactly these groups would return.
     */
    public static PseudoLabels of(int[] labels, FloatMatrix features) {
        if (labels.length != features.rows()) {
            throw new IllegalArgumentException(labels.length + " labels for " + features.rows() + " feature rows");
        }
        return new PseudoLabels(labels.clone(), UnitFeatures.of(features), new Timings(0, 0, 0));
    }

    /** Mean of the member rows of each cluster, L2-normalised (a zero mean stays zero). */
    public static FloatMatrix centroids(int[] labels, int clusters, FloatMatrix rows) {
        int d = rows.cols();
        double[] sum = new double[clusters * d];
        float[] x = rows.data();
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i];
            if (l < 0) {
                continue;
            }
            for (int k = 0; k < d; k++) {
                sum[l * d + k] += x[i * d + k];
            }
        }
        float[] out = new float[clusters * d];
        for (int c = 0; c < clusters; c++) {
            double ss = 0;
            for (int k = 0; k < d; k++) {
                ss += sum[c * d + k] * sum[c * d + k];
            }
            double norm = Math.sqrt(ss);
            if (norm > 0) {
                for (int k = 0; k < d; k++) {
                    out[c * d + k] = (float) (sum[c * d + k] / norm);
                }
            }
        }
        return new FloatMatrix(clusters, d, out);
    }

    /** How long each phase took. */
    public Timings timings() {
        return timings;
    }

    /** Label per row: 0..C-1, or -1 for noise (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    public int label(int row) {
        return labels[row];
    }

    public int rows() {
        return labels.length;
    }

    public int clusters() {
        return sizes.length;
    }

    /** Rows labelled -1. */
    public int noise() {
        int n = 0;
        for (int l : labels) {
            n += l < 0 ? 1 : 0;
        }
        return n;
    }

    /** Members per cluster (a copy). */
    public int[] sizes() {
        return sizes.clone();
    }

    /** C x D L2-normalised cluster centroids. */
    public FloatMatrix centroids() {
        return centroids;
    }

    /** Row indices of cluster c, ascending. */
    public int[] members(int c) {
        int[] out = new int[sizes[c]];
        int t = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == c) {
                out[t++] = i;
            }
        }
        return out;
    }
}
