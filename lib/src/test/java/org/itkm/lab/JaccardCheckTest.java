package org.itkm.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.itkm.cluster.NeighborTable;
import org.itkm.cluster.UnitFeatures;
import org.junit.jupiter.api.Test;

/** Lab 02: the check passes a right dense {@link JaccardDistance} and names the typical mistakes. */
class JaccardCheckTest {
    enum Mistake { NONE, ONE_SIDED, NO_QUERY_EXPANSION, NO_CLAMP_FORMULA }

    static JaccardDistance student(Mistake mistake) {
        return (UnitFeatures x, NeighborTable t, int k1, int k2) -> {
            int n = x.rows();
            int width = Math.min(k1, n);
            int half = (int) Math.rint(k1 / 2.0);
            double[][] v = new double[n][n];
            for (int i = 0; i < n; i++) {
                int[] r = reciprocal(t, i, k1, width);
                Set<Integer> set = new LinkedHashSet<>();
                for (int j : r) {
                    set.add(j);
                }
                for (int c : r) {
                    int[] h = reciprocal(t, c, half, width);
                    int inter = 0;
                    for (int j : h) {
                        for (int q : r) {
                            inter += q == j ? 1 : 0;
                        }
                    }
                    if (inter > 2.0 / 3.0 * h.length) {
                        for (int j : h) {
                            set.add(j);
                        }
                    }
                }
                double total = 0;
                for (int j : set) {
                    v[i][j] = Math.exp(-(2 - 2 * x.cosine(i, x, j)));
                    total += v[i][j];
                }
                for (int j : set) {
                    v[i][j] /= total;
                }
            }
            int k = mistake == Mistake.NO_QUERY_EXPANSION ? 1 : Math.min(k2, width);
            double[][] q = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int r = 0; r < k; r++) {
                    for (int c = 0; c < n; c++) {
                        q[i][c] += v[t.index(i, r)][c] / k;
                    }
                }
            }
            double[][] d = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int c = 0; c < n; c++) {
                        // one-sided: only the columns of i's own weight row that are non-zero, with i's weight
                        s += mistake == Mistake.ONE_SIDED ? (q[j][c] > 0 ? q[i][c] : 0) : Math.min(q[i][c], q[j][c]);
                    }
                    d[i][j] = mistake == Mistake.NO_CLAMP_FORMULA ? 1 - s : Math.max(0, 1 - s / (2 - s));
                }
            }
            return d;
        };
    }

    private static int[] reciprocal(NeighborTable t, int i, int k, int width) {
        int cols = Math.min(k + 1, width);
        List<Integer> out = new ArrayList<>();
        for (int r = 0; r < cols; r++) {
            int j = t.index(i, r);
            if (t.containsInFirst(j, i, cols)) {
                out.add(j);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void rightImplementationPasses() {
        CheckResult r = JaccardCheck.run(student(Mistake.NONE));
        assertTrue(r.passed(), r.report());
    }

    @Test
    void mistakesFailWithTheirHints() {
        assertFails(Mistake.ONE_SIDED, "not symmetric");
        assertFails(Mistake.NO_QUERY_EXPANSION, "without query expansion");
        assertFails(Mistake.NO_CLAMP_FORMULA, "1 - s / (2 - s)");
    }

    private static void assertFails(Mistake m, String hint) {
        CheckAssertions.failsWithHint(JaccardCheck.run(student(m)), hint);
    }

    @Test
    void unimplementedAndWrongShapes() {
        CheckResult gap = JaccardCheck.run((x, t, k1, k2) -> {
            throw new NotImplementedYet();
        });
        assertTrue(gap.notImplemented(), gap.report());
        CheckResult shape = JaccardCheck.run((x, t, k1, k2) -> new double[x.rows()][x.rows() + 1]);
        assertTrue(shape.report().contains("expected [36,36]"), shape.report());
    }
}
