package org.itkm.cluster;

import java.util.Arrays;

/**
 * For each row, the best {@code capacity} candidates seen so far by float32 score (higher first; equal
 * scores: lower index first), kept as a bounded min-heap with the worst candidate at the root. A row is
 * only ever touched by one thread at a time; the caller partitions rows between threads.
 */
final class TopCandidates {
    private final int capacity;
    private final float[] score;
    private final int[] index;
    private final int[] size;
    /** Score of the worst kept candidate once a row is full, else -infinity: a quick reject. */
    private final float[] floor;

    TopCandidates(int rows, int capacity) {
        this.capacity = capacity;
        score = new float[(int) Math.min(Integer.MAX_VALUE - 8, (long) rows * capacity)];
        index = new int[score.length];
        size = new int[rows];
        floor = new float[rows];
        Arrays.fill(floor, capacity == 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY);
    }

    /** Per-row reject thresholds (read-only for callers): a score below floors()[row] cannot enter. */
    float[] floors() {
        return floor;
    }

    int capacity() {
        return capacity;
    }

    /** Offers candidate j with score v to row. */
    void offer(int row, float v, int j) {
        if (v < floor[row]) {
            return;
        }
        int base = row * capacity;
        int s = size[row];
        if (s < capacity) {
            // sift up
            int c = s;
            while (c > 0) {
                int p = (c - 1) >>> 1;
                if (!worse(v, j, score[base + p], index[base + p])) {
                    break;
                }
                score[base + c] = score[base + p];
                index[base + c] = index[base + p];
                c = p;
            }
            score[base + c] = v;
            index[base + c] = j;
            size[row] = s + 1;
            if (s + 1 == capacity) {
                floor[row] = score[base];
            }
            return;
        }
        if (!worse(score[base], index[base], v, j)) {
            return;
        }
        // replace the root and sift down
        int c = 0;
        while (true) {
            int l = 2 * c + 1;
            if (l >= capacity) {
                break;
            }
            int r = l + 1;
            int w = r < capacity && worse(score[base + r], index[base + r], score[base + l], index[base + l]) ? r : l;
            if (!worse(score[base + w], index[base + w], v, j)) {
                break;
            }
            score[base + c] = score[base + w];
            index[base + c] = index[base + w];
            c = w;
        }
        score[base + c] = v;
        index[base + c] = j;
        floor[row] = score[base];
    }

    private static boolean worse(float va, int ja, float vb, int jb) {
        return va < vb || (va == vb && ja > jb);
    }

    int size(int row) {
        return size[row];
    }

    boolean full(int row) {
        return size[row] == capacity;
    }

    /** The row's candidates sorted best first: indices into {@code outIndex}, scores into {@code outScore}. */
    void sorted(int row, int[] outIndex, float[] outScore) {
        int s = size[row];
        int base = row * capacity;
        // insertion sort: rows hold a few dozen candidates
        for (int t = 0; t < s; t++) {
            float v = score[base + t];
            int j = index[base + t];
            int p = t;
            while (p > 0 && worse(outScore[p - 1], outIndex[p - 1], v, j)) {
                outScore[p] = outScore[p - 1];
                outIndex[p] = outIndex[p - 1];
                p--;
            }
            outScore[p] = v;
            outIndex[p] = j;
        }
    }
}
