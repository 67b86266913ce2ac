package org.itkm.lab;

import java.util.Random;
import org.itkm.cluster.KReciprocalJaccard;
import org.itkm.cluster.NearestNeighbors;
import org.itkm.cluster.NeighborTable;
import org.itkm.cluster.SparseDistances;
import org.itkm.cluster.UnitFeatures;
import org.itkm.io.FloatMatrix;

/**
 * Lab 02's check: a student's {@link JaccardDistance} against the kit's sparse {@link KReciprocalJaccard}
 * (pairs it does not store have distance 1) on clustered and random features, including a group smaller
 * than k1. Symmetry is checked first: it is the property the most common mistakes break.
 */
public final class JaccardCheck {
    private static final double TOL = 1e-6;

    private JaccardCheck() {}

    public static CheckResult run(JaccardDistance student) {
        CheckRun run = new CheckRun("lab02 JaccardDistance");
        run.check("clustered 36 rows, k1=8, k2=3", () -> compare(student, clustered(1, 6, 6, 5), 8, 3));
        run.check("random 30 rows, k1=6, k2=2", () -> compare(student, gaussian(2, 30, 4), 6, 2));
        run.check("clustered 48 rows, k1=10, k2=4", () -> compare(student, clustered(3, 8, 6, 8), 10, 4));
        run.check("5 rows, k1=10 > N", () -> compare(student, gaussian(4, 5, 3), 10, 3));
        run.check("no query expansion, k2=1", () -> compare(student, clustered(5, 5, 5, 4), 6, 1));
        return run.print();
    }

    /** The kit's distances as a dense matrix. */
    static double[][] expected(UnitFeatures x, NeighborTable table, int k1, int k2) {
        SparseDistances s = new KReciprocalJaccard(k1, k2).distances(x, table, 1.0);
        int n = x.rows();
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(d[i], 1.0);
            int[] c = s.columns(i);
            double[] v = s.distances(i);
            for (int p = 0; p < c.length; p++) {
                d[i][c[p]] = v[p];
            }
        }
        return d;
    }

    private static String compare(JaccardDistance student, FloatMatrix features, int k1, int k2) {
        UnitFeatures x = UnitFeatures.of(features);
        int n = x.rows();
        NeighborTable table = new NearestNeighbors().self(x, Math.min(k1, n));
        double[][] got = student.distances(x, table, k1, k2);
        double[][] want = expected(x, table, k1, k2);
        int[] shape = Difference.shape(got);
        double[] flat = got == null ? null : Difference.flatten(got);
        if (got == null || flat == null || shape[0] != n || shape[1] != n) {
            return got == null ? "the distances are null" : flat == null ? "rows of different lengths, expected "
                    + n + " x " + n : "shape [" + shape[0] + "," + shape[1] + "] expected [" + n + "," + n + "]";
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (!Difference.close(got[i][j], got[j][i], TOL)) {
                    return Difference.withHint(String.format(java.util.Locale.ROOT,
                            "not symmetric: D[%d,%d] %.4f but D[%d,%d] %.4f", i, j, got[i][j], j, i, got[j][i]),
                            "s(i, j) sums min(V[i, c], V[j, c]) over all columns c, so it is the same both ways;"
                                    + " compare whole weight rows, not the neighbour lists of i only");
                }
            }
        }
        String d = Difference.matrix("D", flat, n, n, Difference.flatten(want), n, n, TOL);
        if (d == null) {
            return null;
        }
        if (k2 > 1 && Difference.matrix("D", flat, n, n, Difference.flatten(expected(x, table, k1, 1)), n, n, TOL) == null) {
            return Difference.withHint(d, "these are the distances without query expansion: average the weight"
                    + " rows of the first min(k2, K) table entries of i (i itself included)");
        }
        double[] oneMinusS = Difference.flatten(want);
        for (int p = 0; p < oneMinusS.length; p++) { // D = 1 - s/(2 - s)  <=>  s = 2(1 - D)/(2 - D)
            oneMinusS[p] = 1 - 2 * (1 - oneMinusS[p]) / (2 - oneMinusS[p]);
        }
        if (Difference.matrix("D", flat, n, n, oneMinusS, n, n, TOL) == null) {
            return Difference.withHint(d, "that is 1 - s; the Jaccard distance of the weight vectors is"
                    + " 1 - s / (2 - s)");
        }
        for (int i = 0; i < n; i++) {
            if (!Difference.close(got[i][i], 0, TOL)) {
                return Difference.withHint(d, "D(i, i) must be 0: s(i, i) = Σ V[i, c] = 1 and D = 1 - s / (2 - s)");
            }
        }
        return Difference.withHint(d, "check kr(i, k) looks at min(k+1, K) columns (the row itself is column 0),"
                + " the 2/3 expansion test and the softmax of -(2 - 2 cos)");
    }

    /** Rows around {@code ids} random centres, {@code per} rows each. */
    static FloatMatrix clustered(long seed, int ids, int per, int dim) {
        Random r = new Random(seed);
        int n = ids * per;
        float[] x = new float[n * dim];
        float[][] c = new float[ids][dim];
        for (float[] row : c) {
            for (int k = 0; k < dim; k++) {
                row[k] = (float) r.nextGaussian();
            }
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < dim; k++) {
                x[i * dim + k] = c[i % ids][k] + (float) (0.35 * r.nextGaussian());
            }
        }
        return new FloatMatrix(n, dim, x);
    }

    static FloatMatrix gaussian(long seed, int n, int dim) {
        Random r = new Random(seed);
        float[] x = new float[n * dim];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return new FloatMatrix(n, dim, x);
    }
}
