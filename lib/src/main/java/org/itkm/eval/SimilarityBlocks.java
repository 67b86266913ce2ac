package org.itkm.eval;

import org.itkm.cluster.UnitFeatures;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.itkm.runtime.OwnedArrays;

/**
 * Query-block × gallery cosine similarities with one matrix product per block on the engine (CPU),
 * so that a full query × gallery matrix is never held.
 */
final class SimilarityBlocks implements AutoCloseable {
    /** Largest similarity block kept at once, in values (64 MiB of float32). */
    static final long MAX_BLOCK_VALUES = 16L << 20;

    private final NDManager manager;
    private final NDArray galleryT;
    private final int dim;
    private final int galleryRows;

    SimilarityBlocks(UnitFeatures gallery) {
        manager = NDManager.newBaseManager(Device.cpu());
        dim = gallery.dim();
        galleryRows = gallery.rows();
        galleryT = OwnedArrays.floats(manager, gallery.unit(), new Shape(galleryRows, dim)).transpose();
    }

    /** How many query rows one block holds for this gallery. */
    int blockRows() {
        return (int) Math.max(1, Math.min(4096, MAX_BLOCK_VALUES / Math.max(1, galleryRows)));
    }

    /** Similarities of query rows [from, to) to every gallery row, row-major (to-from) × galleryRows. */
    float[] block(UnitFeatures query, int from, int to) {
        try (NDManager step = manager.newSubManager()) {
            NDArray q = OwnedArrays.floats(step, java.util.Arrays.copyOfRange(query.unit(), from * dim, to * dim),
                    new Shape(to - from, dim));
            return q.matMul(galleryT).toFloatArray();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
