package org.itkm.cluster;

/**
 * The first k neighbours of each query row, by descending cosine similarity (equal similarities: lower
 * index first), with their exact cosines. For a table of a set against itself, column 0 is the row
 * itself.
 */
public final class NeighborTable {
    private final int rows;
    private final int k;
    private final int[] index;
    private final double[] cosine;

    NeighborTable(int rows, int k, int[] index, double[] cosine) {
        this.rows = rows;
        this.k = k;
        this.index = index;
        this.cosine = cosine;
    }

    public int rows() {
        return rows;
    }

    /** Columns per row. */
    public int k() {
        return k;
    }

    /** Neighbour index of row i at rank r (0-based). */
    public int index(int i, int r) {
        return index[i * k + r];
    }

    /** Exact cosine between row i and its neighbour at rank r. */
    public double cosine(int i, int r) {
        return cosine[i * k + r];
    }

    /** The first {@code count} neighbours of row i (a copy). */
    public int[] row(int i, int count) {
        int[] out = new int[Math.min(count, k)];
        System.arraycopy(index, i * k, out, 0, out.length);
        return out;
    }

    /** Whether j is among the first {@code count} neighbours of row i. */
    public boolean containsInFirst(int i, int j, int count) {
        int base = i * k;
        for (int r = 0, end = Math.min(count, k); r < end; r++) {
            if (index[base + r] == j) {
                return true;
            }
        }
        return false;
    }
}
