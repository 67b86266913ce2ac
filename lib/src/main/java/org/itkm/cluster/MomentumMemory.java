package org.itkm.cluster;

import org.itkm.runtime.Scalars;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.itkm.io.FloatMatrix;

/**
 * A memory of L2-normalised rows used as contrast targets, as in cluster-contrast: the <b>cluster
 * memory</b> of a group holds one centroid per pseudo-label (mean-initialised, {@link #ofClusters}); the
 * <b>instance memory</b> of a group holds one row per image ({@link #ofInstances}).
 *
 * <p>After each training step, {@link #update} moves the row of each sample's target, in batch order,
 * to {@code m <- mu*m + (1-mu)*f} and renormalises it (mu = 0.1 by default: the weight of the old row).
 * The memory receives no gradient. It lives in its own {@link NDManager} on a device and is meant to be
 * rebuilt (and the old one closed) every epoch, after re-clustering. The rows are kept on the host and
 * uploaded to the device lazily, through one reused direct buffer (no per-step allocation).
 */
public final class MomentumMemory implements AutoCloseable {
    /** Cluster-contrast / CCLNet defaults. */
    public static final float DEFAULT_MOMENTUM = 0.1f;
    public static final float DEFAULT_TEMPERATURE = 0.05f;

    private final NDManager manager;
    private final int rows;
    private final int dim;
    private final float momentum;
    private final float temperature;
    private final float[] host;
    private final ByteBuffer staging;
    private NDArray matrix;
    private NDArray transposed;

    private MomentumMemory(Device device, FloatMatrix initial, float momentum, float temperature) {
        if (!(momentum >= 0 && momentum <= 1) || !(temperature > 0)) {
            throw new IllegalArgumentException("need 0 <= momentum <= 1 and temperature > 0, got " + momentum
                    + " and " + temperature);
        }
        this.rows = initial.rows();
        this.dim = initial.cols();
        this.momentum = momentum;
        this.temperature = temperature;
        this.host = initial.data().clone();
        for (int r = 0; r < rows; r++) {
            normalizeRow(host, r * dim, dim);
        }
        this.staging = ByteBuffer.allocateDirect(Math.max(4, host.length * 4)).order(ByteOrder.nativeOrder());
        this.manager = NDManager.newBaseManager(device);
    }

    /**
     * Cluster memory of one group: row c is the mean of the L2-normalised features labelled c, then
     * L2-normalised; rows labelled -1 (noise) are skipped.
     */
    public static MomentumMemory ofClusters(FloatMatrix features, int[] labels, int clusters, Device device,
            float momentum, float temperature) {
        FloatMatrix unit = UnitFeatures.of(features).unitMatrix();
        return new MomentumMemory(device, PseudoLabels.centroids(labels, clusters, unit), momentum, temperature);
    }

    /** Cluster memory initialised from a clustering result's centroids. */
    public static MomentumMemory ofClusters(PseudoLabels labels, Device device, float momentum, float temperature) {
        return new MomentumMemory(device, labels.centroids(), momentum, temperature);
    }

    /** Instance memory of one group: one L2-normalised row per image. */
    public static MomentumMemory ofInstances(FloatMatrix features, Device device, float momentum,
            float temperature) {
        return new MomentumMemory(device, features, momentum, temperature);
    }

    public int rows() {
        return rows;
    }

    public int dim() {
        return dim;
    }

    public float momentum() {
        return momentum;
    }

    public float temperature() {
        return temperature;
    }

    /** Row r (a copy). */
    public float[] row(int r) {
        float[] out = new float[dim];
        System.arraycopy(host, r * dim, out, 0, dim);
        return out;
    }

    /** The rows x D memory on its device; owned by the memory, valid until the next update or close. */
    public NDArray matrix() {
        if (matrix == null) {
            staging.clear();
            staging.asFloatBuffer().put(host);
            matrix = manager.create(staging, new Shape(rows, dim), DataType.FLOAT32);
            transposed = matrix.transpose();
        }
        return matrix;
    }

    /**
     * Similarities to every row over the temperature, {@code features . M^T / tau} (B x rows). The features
     * are used as given (normalise them first); the result belongs to the features' manager, and no
     * gradient flows into the memory.
     */
    public NDArray logits(NDArray features) {
        matrix();
        NDArray t = transposed.stopGradient();
        t.attach(features.getManager());
        return Scalars.divi(features.matMul(t), temperature);
    }

    /**
     * Momentum update in batch order: for each sample b with target {@code targets[b] >= 0} (negative:
     * skipped), row = normalise(mu * row + (1 - mu) * normalise(f_b)). {@code features} is B x D row-major.
     */
    public void update(float[] features, int[] targets) {
        if (features.length != targets.length * dim) {
            throw new IllegalArgumentException(features.length + " feature values for " + targets.length
                    + " targets of dimension " + dim);
        }
        float[] f = new float[dim];
        for (int b = 0; b < targets.length; b++) {
            int y = targets[b];
            if (y < 0) {
                continue;
            }
            if (y >= rows) {
                throw new IllegalArgumentException("target " + y + " outside the memory's " + rows + " rows");
            }
            System.arraycopy(features, b * dim, f, 0, dim);
            normalizeRow(f, 0, dim);
            int off = y * dim;
            for (int k = 0; k < dim; k++) {
                host[off + k] = momentum * host[off + k] + (1 - momentum) * f[k];
            }
            normalizeRow(host, off, dim);
        }
        invalidate();
    }

    /** {@link #update(float[], int[])} from an engine array (B x D); it is read, not kept. */
    public void update(NDArray features, int[] targets) {
        update(features.toType(DataType.FLOAT32, false).toFloatArray(), targets);
    }

    private void invalidate() {
        if (matrix != null) {
            transposed.close();
            matrix.close();
            matrix = null;
            transposed = null;
        }
    }

    private static void normalizeRow(float[] x, int off, int dim) {
        double ss = 0;
        for (int k = 0; k < dim; k++) {
            ss += (double) x[off + k] * x[off + k];
        }
        double norm = Math.sqrt(ss);
        if (norm > 0) {
            for (int k = 0; k < dim; k++) {
                x[off + k] = (float) (x[off + k] / norm);
            }
        }
    }

    /** The memory as a host matrix (a copy), e.g. for matching. */
    public FloatMatrix snapshot() {
        return new FloatMatrix(rows, dim, host.clone());
    }

    @Override
    public void close() {
        invalidate();
        manager.close();
    }
}
