package org.itkm.match;

import java.util.Arrays;

/**
 * Exact linear sum assignment on a rectangular cost matrix, with the semantics of scipy's
 * {@code linear_sum_assignment}: every row of the smaller side is assigned to a distinct column of the
 * other (or vice versa), minimising (or maximising) the total cost; pairs are returned sorted by row.
 *
 * <p>Algorithm: shortest augmenting paths with dual potentials (Jonker-Volgenant, in Crouse's 2016
 * rectangular form), O(r^2 c) for r &lt;= c rows. Entries of +infinity (minimise) or -infinity
 * (maximise) mark forbidden pairs; NaN is rejected, as is a matrix without a complete assignment.
 */
public final class LinearAssignment {
    /** The assignment: row indices (ascending), their columns, and the total cost of the pairs. */
    public record Result(int[] rows, int[] cols, double cost) {
        public int size() {
            return rows.length;
        }

        /** Column assigned to each row (length = rows of the matrix), -1 where none. */
        public int[] columnOfRow(int nRows) {
            int[] out = new int[nRows];
            Arrays.fill(out, -1);
            for (int t = 0; t < rows.length; t++) {
                out[rows[t]] = cols[t];
            }
            return out;
        }
    }

    private LinearAssignment() {}

    /** Minimum-cost assignment of the {@code nRows x nCols} row-major matrix. */
    public static Result minimize(double[] cost, int nRows, int nCols) {
        return solve(cost, nRows, nCols, false);
    }

    /** Maximum-total assignment (e.g. of a similarity matrix). */
    public static Result maximize(double[] cost, int nRows, int nCols) {
        return solve(cost, nRows, nCols, true);
    }

    /** Minimum or maximum assignment of a {@code double[rows][cols]} matrix. */
    public static Result solve(double[][] cost, boolean maximize) {
        int r = cost.length;
        int c = r == 0 ? 0 : cost[0].length;
        double[] flat = new double[r * c];
        for (int i = 0; i < r; i++) {
            if (cost[i].length != c) {
                throw new IllegalArgumentException("ragged cost matrix: row " + i + " has " + cost[i].length
                        + " entries, row 0 has " + c);
            }
            System.arraycopy(cost[i], 0, flat, i * c, c);
        }
        return solve(flat, r, c, maximize);
    }

    private static Result solve(double[] cost, int nRows, int nCols, boolean maximize) {
        if (nRows < 0 || nCols < 0 || (long) nRows * nCols != cost.length) {
            throw new IllegalArgumentException("cost has " + cost.length + " entries, not " + nRows + " x " + nCols);
        }
        if (nRows == 0 || nCols == 0) {
            return new Result(new int[0], new int[0], 0);
        }
        boolean transpose = nRows > nCols;
        int r = transpose ? nCols : nRows;
        int c = transpose ? nRows : nCols;
        double[] a = new double[r * c];
        for (int i = 0; i < nRows; i++) {
            for (int j = 0; j < nCols; j++) {
                double v = cost[i * nCols + j];
                if (Double.isNaN(v) || v == (maximize ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY)) {
                    throw new IllegalArgumentException("invalid cost " + v + " at (" + i + ", " + j + ")"
                            + (maximize ? " for maximisation" : " for minimisation"));
                }
                a[transpose ? j * c + i : i * c + j] = maximize ? -v : v;
            }
        }
        int[] col4row = shortestAugmentingPaths(a, r, c);
        int[] rows = new int[r];
        int[] cols = new int[r];
        if (!transpose) {
            for (int i = 0; i < r; i++) {
                rows[i] = i;
                cols[i] = col4row[i];
            }
        } else {
            // rows of the transposed problem are columns of the original: sort pairs by original row
            Integer[] order = new Integer[r];
            for (int i = 0; i < r; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Integer.compare(col4row[x], col4row[y]));
            for (int t = 0; t < r; t++) {
                rows[t] = col4row[order[t]];
                cols[t] = order[t];
            }
        }
        double total = 0;
        for (int t = 0; t < r; t++) {
            total += cost[rows[t] * nCols + cols[t]];
        }
        return new Result(rows, cols, total);
    }

    /** Column of each row (r &lt;= c) in a minimum-cost assignment. */
    private static int[] shortestAugmentingPaths(double[] cost, int r, int c) {
        double[] u = new double[r];
        double[] v = new double[c];
        double[] shortest = new double[c];
        int[] path = new int[c];
        int[] col4row = new int[r];
        int[] row4col = new int[c];
        boolean[] rowSeen = new boolean[r];
        boolean[] colSeen = new boolean[c];
        int[] remaining = new int[c];
        Arrays.fill(col4row, -1);
        Arrays.fill(row4col, -1);
        for (int cur = 0; cur < r; cur++) {
            // Dijkstra-like search for the cheapest path from row cur to a free column, on reduced costs
            Arrays.fill(shortest, Double.POSITIVE_INFINITY);
            Arrays.fill(rowSeen, false);
            Arrays.fill(colSeen, false);
            int left = c;
            for (int t = 0; t < c; t++) {
                remaining[t] = c - t - 1;
            }
            double minVal = 0;
            int sink = -1;
            int i = cur;
            while (sink == -1) {
                rowSeen[i] = true;
                int best = -1;
                double lowest = Double.POSITIVE_INFINITY;
                int base = i * c;
                for (int t = 0; t < left; t++) {
                    int j = remaining[t];
                    double reduced = minVal + cost[base + j] - u[i] - v[j];
                    if (reduced < shortest[j]) {
                        path[j] = i;
                        shortest[j] = reduced;
                    }
                    // prefer a free column among equals: shorter paths
                    if (shortest[j] < lowest || (shortest[j] == lowest && row4col[j] == -1)) {
                        lowest = shortest[j];
                        best = t;
                    }
                }
                minVal = lowest;
                if (minVal == Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("cost matrix is infeasible: no complete assignment avoids"
                            + " the forbidden (infinite) entries");
                }
                int j = remaining[best];
                if (row4col[j] == -1) {
                    sink = j;
                } else {
                    i = row4col[j];
                }
                colSeen[j] = true;
                remaining[best] = remaining[--left];
            }
            // update the dual potentials
            u[cur] += minVal;
            for (int k = 0; k < r; k++) {
                if (rowSeen[k] && k != cur) {
                    u[k] += minVal - shortest[col4row[k]];
                }
            }
            for (int k = 0; k < c; k++) {
                if (colSeen[k]) {
                    v[k] -= minVal - shortest[k];
                }
            }
            // augment along the path back to row cur
            int j = sink;
            while (true) {
                int row = path[j];
                row4col[j] = row;
                int previous = col4row[row];
                col4row[row] = j;
                j = previous;
                if (row == cur) {
                    break;
                }
            }
        }
        return col4row;
    }
}
