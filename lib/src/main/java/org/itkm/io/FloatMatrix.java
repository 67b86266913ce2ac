package org.itkm.io;

import java.util.Arrays;

/** A dense row-major float32 matrix, the kit's exchange format for feature sets (one row per image). */
public final class FloatMatrix {
    private final int rows;
    private final int cols;
    private final float[] data;

    public FloatMatrix(int rows, int cols, float[] data) {
        if (rows < 0 || cols < 0 || (long) rows * cols != data.length) {
            throw new IllegalArgumentException(
                    "shape " + rows + "x" + cols + " does not match " + data.length + " values");
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The backing array (row-major, not copied). */
    public float[] data() {
        return data;
    }

    public float get(int row, int col) {
        return data[row * cols + col];
    }

    /** A new matrix holding the given rows, in the given order. */
    public FloatMatrix selectRows(int[] rowIndices) {
        float[] out = new float[rowIndices.length * cols];
        for (int i = 0; i < rowIndices.length; i++) {
            System.arraycopy(data, rowIndices[i] * cols, out, i * cols, cols);
        }
        return new FloatMatrix(rowIndices.length, cols, out);
    }

    /**
     * The rows as {@code double[][]} (what Smile's learners take), each scaled to unit L2 norm when
     * {@code unit} is set (a zero row stays zero).
     */
    public double[][] toDoubleRows(boolean unit) {
        double[][] x = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            double inv = 1;
            if (unit) {
                double ss = 0;
                for (int k = 0; k < cols; k++) {
                    ss += (double) get(i, k) * get(i, k);
                }
                inv = ss > 0 ? 1 / Math.sqrt(ss) : 0;
            }
            for (int k = 0; k < cols; k++) {
                x[i][k] = get(i, k) * inv;
            }
        }
        return x;
    }

    /** Index of the first non-finite value, or -1 if every value is finite. */
    public long firstNonFinite() {
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatMatrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatMatrix[" + rows + "x" + cols + "]";
    }
}
