package org.itkm.match;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearAssignmentTest {
    /** Every row of the smaller side assigned once, distinct columns, rows ascending, cost consistent. */
    static void assertValid(LinearAssignment.Result res, double[] m, int r, int c) {
        assertEquals(Math.min(r, c), res.size());
        boolean[] rowUsed = new boolean[r];
        boolean[] colUsed = new boolean[c];
        double total = 0;
        for (int t = 0; t < res.size(); t++) {
            assertTrue(t == 0 || res.rows()[t] > res.rows()[t - 1], "rows ascending");
            assertTrue(!rowUsed[res.rows()[t]] && !colUsed[res.cols()[t]]);
            rowUsed[res.rows()[t]] = true;
            colUsed[res.cols()[t]] = true;
            total += m[res.rows()[t] * c + res.cols()[t]];
        }
        assertEquals(total, res.cost(), 1e-12);
    }

    @Test
    void optimalCostEqualsScipy() throws Exception {
        Path p = Path.of(getClass().getResource("/golden/match/lsap.txt").toURI());
        List<String> lines = Files.readAllLines(p);
        int cases = 0;
        for (int t = 0; t + 1 < lines.size(); t += 2) {
            String[] h = lines.get(t).split(" ");
            int r = Integer.parseInt(h[1]);
            int c = Integer.parseInt(h[2]);
            boolean max = h[3].equals("1");
            double expected = Double.parseDouble(h[4]);
            double[] m = java.util.Arrays.stream(lines.get(t + 1).split(" ")).mapToDouble(Double::parseDouble)
                    .toArray();
            LinearAssignment.Result res = max ? LinearAssignment.maximize(m, r, c) : LinearAssignment.minimize(m, r, c);
            assertValid(res, m, r, c);
            assertEquals(expected, res.cost(), 1e-9, lines.get(t));
            cases++;
        }
        assertEquals(42, cases);
    }

    @Test
    void smallHandCases() {
        // classic 3x3: optimum 0->1, 1->0, 2->2 with cost 1 + 2 + 2 = 5
        double[][] m = {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}};
        LinearAssignment.Result res = LinearAssignment.solve(m, false);
        assertArrayEquals(new int[] {0, 1, 2}, res.rows());
        assertArrayEquals(new int[] {1, 0, 2}, res.cols());
        assertEquals(5, res.cost(), 0);
        // a tall matrix: only the two best rows get a column
        LinearAssignment.Result tall = LinearAssignment.maximize(new double[] {0.1, 0.9, 0.8, 0.2, 0.5, 0.5}, 3, 2);
        assertArrayEquals(new int[] {0, 1}, tall.rows());
        assertArrayEquals(new int[] {1, 0}, tall.cols());
        assertArrayEquals(new int[] {1, 0, -1}, tall.columnOfRow(3));
        assertEquals(0, LinearAssignment.minimize(new double[0], 0, 5).size());
        // forbidden entries
        double inf = Double.POSITIVE_INFINITY;
        LinearAssignment.Result f = LinearAssignment.minimize(new double[] {inf, 1, 2, inf}, 2, 2);
        assertArrayEquals(new int[] {1, 0}, f.cols());
        assertThrows(IllegalArgumentException.class, () -> LinearAssignment.minimize(new double[] {inf, inf, 1, 2}, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> LinearAssignment.minimize(new double[] {Double.NaN}, 1, 1));
    }

    @Test
    void agreesWithBruteForceOnSmallRandomMatrices() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int r = 1 + rnd.nextInt(5);
            int c = 1 + rnd.nextInt(5);
            double[] m = new double[r * c];
            for (int k = 0; k < m.length; k++) {
                m[k] = rnd.nextInt(5); // ties
            }
            double best = bruteForce(m, r, c, 0, new boolean[c], 0, Math.min(r, c) == r);
            assertEquals(best, LinearAssignment.minimize(m, r, c).cost(), 1e-12);
        }
    }

    /** Minimum over all injective maps of the smaller side. */
    private static double bruteForce(double[] m, int r, int c, int i, boolean[] used, double acc, boolean rowsSmaller) {
        if (!rowsSmaller) {
            double[] t = new double[r * c];
            for (int a = 0; a < r; a++) {
                for (int b = 0; b < c; b++) {
                    t[b * r + a] = m[a * c + b];
                }
            }
            return bruteForce(t, c, r, 0, new boolean[r], 0, true);
        }
        if (i == r) {
            return acc;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < c; j++) {
            if (!used[j]) {
                used[j] = true;
                best = Math.min(best, bruteForce(m, r, c, i + 1, used, acc + m[i * c + j], true));
                used[j] = false;
            }
        }
        return best;
    }
}
