package org.itkm.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FloatMatrixTest {
    private final FloatMatrix m = new FloatMatrix(3, 2, new float[] {3, 4, 0, 0, 0.1f, -2});

    @Test
    void doubleRowsKeepEveryValue() {
        double[][] x = m.toDoubleRows(false);
        assertArrayEquals(new double[] {3, 4}, x[0]);
        assertArrayEquals(new double[] {0, 0}, x[1]);
        assertArrayEquals(new double[] {0.1f, -2}, x[2]);
    }

    @Test
    void unitRowsHaveNormOneAndAZeroRowStaysZero() {
        double[][] x = m.toDoubleRows(true);
        assertArrayEquals(new double[] {0.6, 0.8}, x[0], 1e-12);
        assertArrayEquals(new double[] {0, 0}, x[1]);
        assertEquals(1.0, Math.hypot(x[2][0], x[2][1]), 1e-12);
        assertEquals(0.1f / Math.hypot(0.1f, 2), x[2][0], 1e-12);
    }
}
