package org.itkm.clip;

import java.util.Arrays;

/**
 * A float32 tensor in Java memory (row-major), the unit checkpoints are read into and written from.
 *
 * @param shape dimensions; empty for a scalar
 * @param data values, {@code product(shape)} of them
 */
public record HostTensor(long[] shape, float[] data) {
    public HostTensor {
        if (elementCount(shape) != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold " + data.length
                    + " values");
        }
    }

    /** Number of elements of a shape (1 for a scalar). */
    public static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** The shape as {@code [a, b]} text for messages. */
    public static String describe(long[] shape) {
        return Arrays.toString(shape);
    }

    /** The transpose of a 2-D tensor. */
    public HostTensor transpose2d() {
        if (shape.length != 2) {
            throw new IllegalStateException("transpose of a " + shape.length + "-D tensor");
        }
        int r = (int) shape[0];
        int c = (int) shape[1];
        float[] out = new float[data.length];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                out[j * r + i] = data[i * c + j];
            }
        }
        return new HostTensor(new long[] {c, r}, out);
    }

    /** Rows [from, to) of the leading axis. */
    public HostTensor rows(int from, int to) {
        long rowSize = data.length / shape[0];
        long[] s = shape.clone();
        s[0] = to - from;
        return new HostTensor(s, Arrays.copyOfRange(data, (int) (from * rowSize), (int) (to * rowSize)));
    }

    /** Tensors stacked along the leading axis (shapes must agree beyond it). */
    public static HostTensor concatRows(HostTensor... parts) {
        long rows = 0;
        int total = 0;
        for (HostTensor p : parts) {
            rows += p.shape[0];
            total += p.data.length;
        }
        float[] out = new float[total];
        int at = 0;
        for (HostTensor p : parts) {
            System.arraycopy(p.data, 0, out, at, p.data.length);
            at += p.data.length;
        }
        long[] s = parts[0].shape.clone();
        s[0] = rows;
        return new HostTensor(s, out);
    }
}
