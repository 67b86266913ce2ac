package org.itkm.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.itkm.io.FloatMatrix;

/**
 * One unit's cluster memory (cluster-contrast ClusterMemory, reference C.1): L2-normalised centroids
 * initialised as member means, updated after every step by momentum, sample by sample in batch order:
 * {@code M[y] ← normalise(μ·M[y] + (1−μ)·f)}. Held host-side and mirrored into an NDArray in the
 * epoch's manager for the loss.
 */
public final class ClusterMemory {
    private final float[] entries;
    private final int dim;
    private final float momentum;

    public ClusterMemory(FloatMatrix centroids, double momentum) {
        this.entries = centroids.data().clone();
        this.dim = centroids.cols();
        this.momentum = (float) momentum;
    }

    public int size() {
        return entries.length / dim;
    }

    /** The entries as a C×D array (a fresh copy in {@code manager}). */
    public NDArray array(NDManager manager) {
        return manager.create(entries, new Shape(size(), dim));
    }

    /** Momentum update with the batch's features (rows normalised here), in batch order; label -1 skipped. */
    public void update(float[] features, int[] labels) {
        for (int i = 0; i < labels.length; i++) {
            int y = labels[i];
            if (y < 0) {
                continue;
            }
            double fn = 0;
            for (int k = 0; k < dim; k++) {
                fn += (double) features[i * dim + k] * features[i * dim + k];
            }
            double inv = fn > 0 ? 1 / Math.sqrt(fn) : 0;
            double ss = 0;
            for (int k = 0; k < dim; k++) {
                float v = (float) (momentum * entries[y * dim + k] + (1 - momentum) * features[i * dim + k] * inv);
                entries[y * dim + k] = v;
                ss += (double) v * v;
            }
            double n = Math.sqrt(ss);
            if (n > 0) {
                for (int k = 0; k < dim; k++) {
                    entries[y * dim + k] = (float) (entries[y * dim + k] / n);
                }
            }
        }
    }

    /** The entries (a copy), e.g. for CHM. */
    public FloatMatrix matrix() {
        return new FloatMatrix(size(), dim, entries.clone());
    }
}
