package org.itkm.lab;

import java.util.Arrays;
import java.util.Locale;

/**
 * The first way a student's numbers differ from the kit's, as one short phrase for a check's report:
 * {@code shape [3,4] expected [4,3]}, {@code value at [1,2] 0.4100 expected 0.3700}, or null when they
 * agree within a tolerance (absolute plus relative, as numpy's {@code allclose}).
 */
public final class Difference {
    private Difference() {}

    /** Whether two numbers agree within {@code tol} (absolute and relative); NaN only equals NaN. */
    public static boolean close(double got, double expected, double tol) {
        if (Double.isNaN(expected) || Double.isNaN(got)) {
            return Double.isNaN(expected) && Double.isNaN(got);
        }
        return Math.abs(got - expected) <= tol + tol * Math.abs(expected);
    }

    /** Scalar comparison: null or "{what} 0.4100 expected 0.3700". */
    public static String scalar(String what, double got, double expected, double tol) {
        return close(got, expected, tol) ? null
                : String.format(Locale.ROOT, "%s %.4f expected %.4f", what, got, expected);
    }

    /** Row-major matrices of the given shapes. */
    public static String matrix(String what, double[] got, int gotRows, int gotCols, double[] expected, int rows,
            int cols, double tol) {
        if (got == null) {
            return what + " is null";
        }
        if (gotRows != rows || gotCols != cols || got.length != expected.length) {
            return String.format(Locale.ROOT, "%s shape [%d,%d] expected [%d,%d]", what, gotRows, gotCols, rows, cols);
        }
        for (int i = 0; i < expected.length; i++) {
            if (!close(got[i], expected[i], tol)) {
                return String.format(Locale.ROOT, "%s value at [%d,%d] %.4f expected %.4f", what, i / cols, i % cols,
                        got[i], expected[i]);
            }
        }
        return null;
    }

    /** Integer sets or lists compared exactly. */
    public static String ints(String what, int[] got, int[] expected) {
        if (got == null) {
            return what + " is null";
        }
        return Arrays.equals(got, expected) ? null : what + " " + Arrays.toString(got) + " expected " + Arrays.toString(expected);
    }

    /** The difference, with a hint appended when there is one. */
    public static String withHint(String difference, String hint) {
        return difference == null || hint == null ? difference : difference + " (hint: " + hint + ")";
    }

    /** Shape of a 2-D array as the kit prints it. */
    public static int[] shape(double[][] m) {
        return new int[] {m == null ? 0 : m.length, m == null || m.length == 0 || m[0] == null ? 0 : m[0].length};
    }

    /** A rectangular 2-D array flattened row-major (null when rows differ in length). */
    public static double[] flatten(double[][] m) {
        int cols = shape(m)[1];
        double[] out = new double[m.length * cols];
        for (int i = 0; i < m.length; i++) {
            if (m[i] == null || m[i].length != cols) {
                return null;
            }
            System.arraycopy(m[i], 0, out, i * cols, cols);
        }
        return out;
    }
}
