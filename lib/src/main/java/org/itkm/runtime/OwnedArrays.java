package org.itkm.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Creates NDArrays from Java values whose memory belongs to PyTorch.
 *
 * <p>Why: on the CPU, DJL 0.32's PyTorch engine builds arrays from a direct buffer with
 * {@code torch::from_blob} and keeps no reference to the buffer ({@code JniUtils.createNdFromByteBuffer}
 * uses the {@code PtNDArray(manager, handle)} constructor). {@code manager.create(float[])} copies into
 * such a buffer, which becomes garbage at once: after the next GC the tensor reads freed memory (autograd
 * even keeps such tensors for the backward pass). Here the values are copied into a tensor PyTorch owns
 * while the buffer is provably alive, and the buffer is freed at once ({@link DirectBuffers}). Arithmetic with Java numbers has the same defect inside DJL
 * ({@link Scalars}). Large per-step inputs should instead come from one long-lived reused buffer (kept
 * in a field), as the trainers do.
 */
public final class OwnedArrays {
    private OwnedArrays() {}

    /** A float32 array holding a copy of {@code values}. */
    public static NDArray floats(NDManager m, float[] values, Shape shape) {
        ByteBuffer buf = ByteBuffer.allocateDirect(4 * values.length).order(ByteOrder.nativeOrder());
        buf.asFloatBuffer().put(values);
        return owned(m, buf, shape, DataType.FLOAT32);
    }

    /** An int32 array holding a copy of {@code values}. */
    public static NDArray ints(NDManager m, int[] values, Shape shape) {
        ByteBuffer buf = ByteBuffer.allocateDirect(4 * values.length).order(ByteOrder.nativeOrder());
        buf.asIntBuffer().put(values);
        return owned(m, buf, shape, DataType.INT32);
    }

    /** An int64 array holding a copy of {@code values}. */
    public static NDArray longs(NDManager m, long[] values, Shape shape) {
        ByteBuffer buf = ByteBuffer.allocateDirect(8 * values.length).order(ByteOrder.nativeOrder());
        buf.asLongBuffer().put(values);
        return owned(m, buf, shape, DataType.INT64);
    }

    private static NDArray owned(NDManager m, ByteBuffer buf, Shape shape, DataType type) {
        try {
            try (NDArray view = m.create(buf, shape, type)) {
                return view.duplicate(); // PyTorch-owned copy
            }
        } finally {
            Reference.reachabilityFence(buf);
            DirectBuffers.free(buf); // copied, and the view closed: free it now, not at some later GC
        }
    }
}
