package org.itkm.cluster;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The k-reciprocal Jaccard distance of cluster-contrast / CCLNet ({@code faiss_rerank}, lambda = 0),
 * computed sparse: only pairs whose weight vectors overlap are ever touched.
 *
 * <ol>
 *   <li>Neighbour table of width K = min(k1, N), the row itself first (see {@link NearestNeighbors}).</li>
 *   <li>kr(i, k): of the first min(k+1, K) columns of i, those j whose own first min(k+1, K) columns
 *       contain i. R(i) = kr(i, k1).</li>
 *   <li>Expansion: for c in R(i), H(c) = kr(c, round(k1/2)) (half to even, as {@code np.around}) is added
 *       when |H(c) ∩ R(i)| &gt; 2/3 |H(c)|; duplicates removed.</li>
 *   <li>Weights V[i, j] = softmax over the expanded set of -(2 - 2 cos(i, j)).</li>
 *   <li>Query expansion: V[i] = mean of the rows V[t] for the first min(k2, K) table entries t of i.</li>
 *   <li>s(i, j) = sum over columns (ascending) of min(V[i, c], V[j, c]); D = 1 - s / (2 - s), clamped at
 *       0. Pairs without overlap have D = 1.</li>
 * </ol>
 * All arithmetic is in double; s(i, j) and s(j, i) add the same terms in the same order, so D is exactly
 * symmetric.
 */
public final class KReciprocalJaccard {
    private final int k1;
    private final int k2;

    public KReciprocalJaccard(int k1, int k2) {
        if (k1 < 1 || k2 < 1) {
            throw new IllegalArgumentException("k1 and k2 must be >= 1, got k1=" + k1 + ", k2=" + k2);
        }
        this.k1 = k1;
        this.k2 = k2;
    }

    public int k1() {
        return k1;
    }

    public int k2() {
        return k2;
    }

    /** Sparse weight rows: columns ascending and their weights. */
    record WeightRows(int[][] columns, double[][] weights) {}

    /**
     * Distances of every pair with D &lt;= {@code cutoff} (cutoff &lt; 1 keeps only overlapping pairs).
     * {@code table} must be the self neighbour table of {@code x} with at least min(k1, N) columns.
     */
    public SparseDistances distances(UnitFeatures x, NeighborTable table, double cutoff) {
        int n = x.rows();
        if (table.rows() != n || table.k() < Math.min(k1, n)) {
            throw new IllegalArgumentException("neighbour table " + table.rows() + "x" + table.k()
                    + " does not fit " + n + " rows with k1=" + k1);
        }
        WeightRows v = queryExpanded(x, table, weights(x, table));
        return jaccard(v, n, cutoff);
    }

    /** The k-reciprocal neighbours of i among its first min(k+1, K) columns, in table order. */
    static int[] reciprocal(NeighborTable t, int i, int k, int width) {
        int cols = Math.min(k + 1, width);
        int[] out = new int[cols];
        int count = 0;
        for (int r = 0; r < cols; r++) {
            int j = t.index(i, r);
            if (t.containsInFirst(j, i, cols)) {
                out[count++] = j;
            }
        }
        return Arrays.copyOf(out, count);
    }

    WeightRows weights(UnitFeatures x, NeighborTable t) {
        int n = x.rows();
        int width = Math.min(k1, n);
        int half = (int) Math.rint(k1 / 2.0);
        int[][] r = new int[n][];
        int[][] h = new int[n][];
        IntStream.range(0, n).parallel().forEach(i -> {
            r[i] = reciprocal(t, i, k1, width);
            h[i] = reciprocal(t, i, half, width);
        });
        int[][] cols = new int[n][];
        double[][] vals = new double[n][];
        // per-thread membership stamps (row i writes i + 1): R(i) and the expanded set, without sorting
        ThreadLocal<int[][]> stamps = ThreadLocal.withInitial(() -> new int[2][n]);
        IntStream.range(0, n).parallel().forEach(i -> {
            int[] ri = r[i];
            int[][] st = stamps.get();
            int[] inR = st[0];
            int[] inSet = st[1];
            int mark = i + 1;
            int[] set = Arrays.copyOf(ri, Math.max(16, ri.length * 4));
            int size = ri.length;
            for (int j : ri) {
                inR[j] = mark;
                inSet[j] = mark;
            }
            for (int c : ri) {
                int[] hc = h[c];
                int inter = 0;
                for (int j : hc) {
                    if (inR[j] == mark) {
                        inter++;
                    }
                }
                if (inter > 2.0 / 3.0 * hc.length) { // the same double comparison as the Python code
                    if (size + hc.length > set.length) {
                        set = Arrays.copyOf(set, 2 * (size + hc.length));
                    }
                    for (int j : hc) {
                        if (inSet[j] != mark) {
                            inSet[j] = mark;
                            set[size++] = j;
                        }
                    }
                }
            }
            Arrays.sort(set, 0, size); // distinct already
            int unique = size;
            int[] e = Arrays.copyOf(set, unique);
            double[] nd = new double[unique];
            double max = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < unique; p++) {
                nd[p] = -(2 - 2 * cosine(x, t, i, e[p], width));
                max = Math.max(max, nd[p]);
            }
            double total = 0;
            for (int p = 0; p < unique; p++) {
                nd[p] = Math.exp(nd[p] - max);
                total += nd[p];
            }
            for (int p = 0; p < unique; p++) {
                nd[p] = nd[p] / total;
            }
            cols[i] = e;
            vals[i] = nd;
        });
        return new WeightRows(cols, vals);
    }

    /** Cosine from the table when j is there (the same exact value), else computed. */
    private static double cosine(UnitFeatures x, NeighborTable t, int i, int j, int width) {
        for (int r = 0; r < width; r++) {
            if (t.index(i, r) == j) {
                return t.cosine(i, r);
            }
        }
        return x.cosine(i, x, j);
    }

    /**
     * Per-thread dense accumulator with the list of touched columns. Every value added is positive
     * (softmax weights and their means), so a zero sum marks an untouched column.
     */
    private static final class Accumulator {
        final double[] sum;
        final int[] list;
        int count;

        Accumulator(int n) {
            sum = new double[n];
            list = new int[n];
        }

        void add(int j, double v) {
            double s = sum[j];
            if (s == 0) {
                list[count++] = j;
            }
            sum[j] = s + v;
        }

        void reset() {
            for (int p = 0; p < count; p++) {
                sum[list[p]] = 0;
            }
            count = 0;
        }
    }

    WeightRows queryExpanded(UnitFeatures x, NeighborTable t, WeightRows v) {
        int n = x.rows();
        int width = Math.min(k1, n);
        int k = Math.min(k2, width);
        int[][] cols = new int[n][];
        double[][] vals = new double[n][];
        ThreadLocal<Accumulator> scratch = ThreadLocal.withInitial(() -> new Accumulator(n));
        IntStream.range(0, n).parallel().forEach(i -> {
            Accumulator acc = scratch.get();
            for (int r = 0; r < k; r++) {
                int row = t.index(i, r);
                int[] c = v.columns()[row];
                double[] w = v.weights()[row];
                for (int p = 0; p < c.length; p++) {
                    acc.add(c[p], w[p]);
                }
            }
            int[] c = Arrays.copyOf(acc.list, acc.count);
            Arrays.sort(c);
            double[] w = new double[c.length];
            for (int p = 0; p < c.length; p++) {
                w[p] = acc.sum[c[p]] / k;
            }
            cols[i] = c;
            vals[i] = w;
            acc.reset();
        });
        return new WeightRows(cols, vals);
    }

    /**
     * The heavy columns of a row are its largest weights, taken until the weights left out add up to at
     * most this share of s* (see {@link #jaccard}). A smaller share probes more columns and sums fewer pairs.
     */
    static final double REST_SHARE = 0.75;

    /**
     * Pairs within the cut-off, found without summing every overlapping pair. D &lt;= cutoff needs
     * s(i, j) &gt;= s* = 2(1 - cutoff)/(2 - cutoff). Split row i into its heavy columns H_i (its largest
     * weights) and the rest, whose weights add up to r_i: then s(i, j) &lt;= (the sum over the columns of H_i
     * that j holds of min(V[i, c], V[j, c])) + r_i. So row i only looks at the rows holding one of its heavy
     * columns (through an index of the rows, and their weights, per column), accumulates that partial sum
     * for each, and sums in full only the pairs whose bound reaches s* (less a margin of 1e-9 for rounding).
     * Planted 34,000 x 512 at eps = 0.6: rows hold ~118 columns, ~37 of them heavy; ~2,200 index entries
     * and ~1,700 other rows are looked at per row (sharing any column would bring ~7,400 and ~5,000), and
     * ~7 pairs per row are summed. The survivors' s is the same sum as before, term by term in ascending
     * column order (adding the exact 0 of an unshared column changes nothing), so every kept distance is
     * bit-identical.
     */
    SparseDistances jaccard(WeightRows v, int n, double cutoff) {
        // inverted index: for each column, the rows (ascending) holding a weight there, and that weight
        int[] start = new int[n + 1];
        for (int[] c : v.columns()) {
            for (int col : c) {
                start[col + 1]++;
            }
        }
        for (int c = 0; c < n; c++) {
            start[c + 1] += start[c];
        }
        int[] invRow = new int[start[n]];
        double[] invWeight = new double[start[n]];
        // after[i][p]: where the rows after i begin in the list of i's p-th column (rows are filled in order)
        int[][] after = new int[n][];
        int[] fill = Arrays.copyOf(start, n);
        for (int i = 0; i < n; i++) {
            int[] c = v.columns()[i];
            double[] w = v.weights()[i];
            int[] a = new int[c.length];
            for (int p = 0; p < c.length; p++) {
                invRow[fill[c[p]]] = i;
                invWeight[fill[c[p]]] = w[p];
                a[p] = ++fill[c[p]];
            }
            after[i] = a;
        }
        // every D is <= 1: from a cut-off of 1 on, every overlapping pair is kept
        double need = cutoff >= 1 ? Double.NEGATIVE_INFINITY : 2 * (1 - cutoff) / (2 - cutoff) - 1e-9;
        double[] selfDist = new double[n];
        // upper triangle only (D is exactly symmetric): row i finds its partners j > i
        int[][] upperCols = new int[n][];
        double[][] upperDist = new double[n][];
        ThreadLocal<PairScratch> scratch = ThreadLocal.withInitial(() -> new PairScratch(n));
        IntStream.range(0, n).parallel().forEach(i -> {
            int[] c = v.columns()[i];
            double[] w = v.weights()[i];
            double self = 0;
            for (double wi : w) {
                self += wi; // min(V[i,c], V[i,c]), in the same column order as every other pair
            }
            selfDist[i] = distance(self);
            if (self < need) { // s(i, j) <= the row's own sum
                upperCols[i] = new int[0];
                upperDist[i] = new double[0];
                return;
            }
            double heavy = heavyFloor(w, need);
            double rest = 0;
            for (double wi : w) {
                rest += wi < heavy ? wi : 0;
            }
            PairScratch sc = scratch.get();
            double[] partial = sc.partial;
            int[] touched = sc.touched;
            int count = 0;
            int[] from = after[i];
            for (int p = 0; p < c.length; p++) {
                double wp = w[p];
                if (wp < heavy) {
                    continue;
                }
                int end = start[c[p] + 1];
                for (int q = from[p]; q < end; q++) {
                    int j = invRow[q];
                    double h = partial[j];
                    touched[count] = j;
                    count += h == 0 ? 1 : 0; // every weight is positive: 0 marks a row not met yet
                    partial[j] = h + Math.min(wp, invWeight[q]);
                }
            }
            double[] dense = sc.dense;
            boolean scattered = false;
            int kept = 0;
            for (int p = 0; p < count; p++) {
                int j = touched[p];
                double bound = partial[j] + rest;
                partial[j] = 0;
                if (bound < need) {
                    continue;
                }
                if (!scattered) {
                    for (int e = 0; e < c.length; e++) {
                        dense[c[e]] = w[e];
                    }
                    scattered = true;
                }
                int[] cj = v.columns()[j];
                double[] wj = v.weights()[j];
                double s = 0;
                for (int e = 0; e < cj.length; e++) {
                    s += Math.min(dense[cj[e]], wj[e]);
                }
                double d = distance(s);
                if (d <= cutoff) {
                    sc.keep(kept++, j, d);
                }
            }
            if (scattered) {
                for (int col : c) {
                    dense[col] = 0;
                }
            }
            upperCols[i] = new int[kept];
            upperDist[i] = new double[kept];
            sc.sortedInto(kept, upperCols[i], upperDist[i]);
        });
        return symmetric(upperCols, upperDist, selfDist, cutoff);
    }

    /**
     * The least weight of a row's heavy columns: its largest weights {@code w}, taken until those left
     * out add up to at most {@link #REST_SHARE} of {@code need}; -infinity (every column heavy) when
     * need &lt;= 0. Equal weights are all heavy or all not.
     */
    static double heavyFloor(double[] w, double need) {
        if (need <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double[] sorted = w.clone();
        Arrays.sort(sorted);
        double restBudget = REST_SHARE * need;
        double rest = 0;
        for (double x : sorted) {
            rest += x;
        }
        for (int p = sorted.length - 1; p >= 0; p--) {
            rest -= sorted[p];
            if (rest <= restBudget) {
                return sorted[p];
            }
        }
        return sorted.length == 0 ? Double.POSITIVE_INFINITY : sorted[0];
    }

    /** Per-thread scratch of the pair search; all of partial and dense is zero between rows. */
    private static final class PairScratch {
        final double[] partial;
        final int[] touched;
        final double[] dense;
        int[] keptCols = new int[16];
        double[] keptDist = new double[16];

        PairScratch(int n) {
            partial = new double[n];
            touched = new int[n];
            dense = new double[n];
        }

        void keep(int at, int j, double d) {
            if (at == keptCols.length) {
                keptCols = Arrays.copyOf(keptCols, 2 * at);
                keptDist = Arrays.copyOf(keptDist, 2 * at);
            }
            keptCols[at] = j;
            keptDist[at] = d;
        }

        /** The first {@code kept} pairs, by ascending column (usually a handful: insertion sort). */
        void sortedInto(int kept, int[] cols, double[] dist) {
            if (kept > 32) { // a cut-off near 1 keeps every overlapping pair
                long[] key = new long[kept];
                for (int t = 0; t < kept; t++) {
                    key[t] = ((long) keptCols[t] << 32) | t;
                }
                Arrays.sort(key);
                for (int t = 0; t < kept; t++) {
                    cols[t] = (int) (key[t] >>> 32);
                    dist[t] = keptDist[(int) key[t]];
                }
                return;
            }
            for (int t = 0; t < kept; t++) {
                int j = keptCols[t];
                double d = keptDist[t];
                int p = t;
                while (p > 0 && cols[p - 1] > j) {
                    cols[p] = cols[p - 1];
                    dist[p] = dist[p - 1];
                    p--;
                }
                cols[p] = j;
                dist[p] = d;
            }
        }
    }

    /** D = 1 - s / (2 - s), clamped at 0. */
    private static double distance(double s) {
        double d = 1 - s / (2 - s);
        return d < 0 ? 0 : d;
    }

    /** Full rows (ascending columns) from the upper triangle and the diagonal. */
    private static SparseDistances symmetric(int[][] upperCols, double[][] upperDist, double[] selfDist,
            double cutoff) {
        int n = upperCols.length;
        int[] lower = new int[n];
        for (int[] row : upperCols) {
            for (int j : row) {
                lower[j]++;
            }
        }
        int[][] cols = new int[n][];
        double[][] dist = new double[n][];
        boolean[] selfKept = new boolean[n];
        for (int i = 0; i < n; i++) {
            selfKept[i] = selfDist[i] <= cutoff;
            int size = lower[i] + (selfKept[i] ? 1 : 0) + upperCols[i].length;
            cols[i] = new int[size];
            dist[i] = new double[size];
        }
        int[] filled = new int[n];
        for (int i = 0; i < n; i++) { // ascending i: the lower entries of every row arrive in order
            int at = filled[i];
            if (selfKept[i]) {
                cols[i][at] = i;
                dist[i][at++] = selfDist[i];
            }
            System.arraycopy(upperCols[i], 0, cols[i], at, upperCols[i].length);
            System.arraycopy(upperDist[i], 0, dist[i], at, upperDist[i].length);
            for (int p = 0; p < upperCols[i].length; p++) {
                int j = upperCols[i][p];
                cols[j][filled[j]] = i;
                dist[j][filled[j]++] = upperDist[i][p];
            }
        }
        return new SparseDistances(cols, dist, cutoff);
    }
}
