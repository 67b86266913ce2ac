package org.itkm.eval;

import org.itkm.cluster.UnitFeatures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one query's similarity row into the ranks of its valid matches without sorting the gallery.
 *
 * <p>Under every protocol, gallery items of other identities are valid (except the SYSU cam-3/cam-2
 * rule) and the query identity's items are either matches or junk. So the rank of the k-th best
 * match among valid items is k plus the number of valid other-identity items ranked before it; one
 * pass over the row counts those, and the common case (an item scoring below every match) costs one
 * comparison. Ranking is by cosine similarity, ties broken by the lower gallery index; float32
 * scores closer than twice {@link UnitFeatures#productErrorBound} are ordered by the exact score instead.
 */
final class GalleryRanker {
    final Protocol protocol;
    final UnitFeatures gallery;
    final int[] densePid;
    final int[] cams;
    final int[] clothes;
    final int[][] itemsByPid;
    private final Map<Integer, Integer> pidToDense;
    private final float band;

    GalleryRanker(Protocol protocol, UnitFeatures gallery, ImageLabels labels) {
        this.protocol = protocol;
        this.gallery = gallery;
        this.cams = labels.camids();
        this.clothes = labels.clothes();
        this.band = 2 * UnitFeatures.productErrorBound(gallery.dim());
        int n = labels.size();
        pidToDense = new HashMap<>();
        densePid = new int[n];
        List<int[]> lists = new ArrayList<>();
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            Integer d = pidToDense.putIfAbsent(labels.pids()[i], pidToDense.size());
            densePid[i] = d == null ? pidToDense.size() - 1 : d;
            counts[densePid[i]]++;
        }
        for (int d = 0; d < pidToDense.size(); d++) {
            lists.add(new int[counts[d]]);
        }
        int[] fill = new int[pidToDense.size()];
        for (int i = 0; i < n; i++) {
            lists.get(densePid[i])[fill[densePid[i]]++] = i;
        }
        itemsByPid = lists.toArray(new int[0][]);
    }

    /**
     * Cosine of query row q and gallery row g up to the factor 1/|q| shared by one query's scores: the exact
     * dot product divided by |g| (0 for a zero row). Identical rows give identical scores.
     */
    double exactScore(UnitFeatures query, int q, int g) {
        double n = gallery.norm(g);
        return n == 0 ? 0 : query.dot(q, gallery, g) / n;
    }

    int identityCount() {
        return itemsByPid.length;
    }

    int denseIdOf(int pid) {
        return pidToDense.getOrDefault(pid, -1);
    }

    /** Per-thread working memory. */
    final class Scratch {
        int[] good = new int[16];
        double[] goodExact = new double[16];
        float[] goodScore = new float[16];
        int[] firstBeaten = new int[16];
        final int[] seenStamp = new int[itemsByPid.length];

        void ensure(int n) {
            if (good.length < n) {
                int m = Math.max(n, good.length * 2);
                good = new int[m];
                goodExact = new double[m];
                goodScore = new float[m];
                firstBeaten = new int[m + 1];
            }
            if (firstBeaten.length < n + 1) {
                firstBeaten = new int[n + 1];
            }
        }
    }

    Scratch newScratch() {
        return new Scratch();
    }

    /**
     * The valid matches of a query, best first; returns their count (0: the query has no valid match).
     * Fills {@code s.good}, {@code s.goodExact}, {@code s.goodScore}.
     */
    int validMatches(UnitFeatures query, int q, int qPidDense, int qCam, int qClothes, float[] row, int rowOff,
            Scratch s) {
        if (qPidDense < 0) {
            return 0;
        }
        int[] same = itemsByPid[qPidDense];
        s.ensure(same.length);
        int n = 0;
        for (int j : same) {
            if (protocol.isValidSameIdentity(qCam, qClothes, cams[j], clothes == null ? 0 : clothes[j])) {
                s.good[n++] = j;
            }
        }
        if (n == 0) {
            return 0;
        }
        orderByScore(query, q, s.good, n, row, rowOff);
        for (int k = 0; k < n; k++) {
            s.goodScore[k] = row[rowOff + s.good[k]];
            s.goodExact[k] = Double.NaN; // computed only if an item falls within the tie band
        }
        return n;
    }

    /**
     * Ranks (1-based, among valid items) of the query's valid matches, written to {@code ranks[0..n)};
     * returns the number of distinct other identities ranked before the best match (for the
     * identity-deduplicated CMC), or -1 if not asked for.
     */
    int rankMatches(UnitFeatures query, int q, int qPidDense, int qCam, float[] row, int rowOff, int n,
            Scratch s, int[] ranks, boolean countIdentitiesBeforeFirst, int stamp) {
        int[] buckets = s.firstBeaten;
        Arrays.fill(buckets, 0, n + 1, 0);
        float minScore = Float.POSITIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            minScore = Math.min(minScore, s.goodScore[k]);
        }
        float threshold = minScore - band;
        int distinctBefore = 0;
        int g = gallery.rows();
        boolean sysuRule = protocol.isSysu() && qCam == 3;
        for (int j = 0; j < g; j++) {
            float sj = row[rowOff + j];
            if (sj < threshold || densePid[j] == qPidDense || (sysuRule && cams[j] == 2)) {
                continue;
            }
            int k = firstMatchBeaten(query, q, j, sj, n, s);
            if (k < n) {
                buckets[k]++;
                if (k == 0 && countIdentitiesBeforeFirst && s.seenStamp[densePid[j]] != stamp) {
                    s.seenStamp[densePid[j]] = stamp;
                    distinctBefore++;
                }
            }
        }
        int negativesBefore = 0;
        for (int k = 0; k < n; k++) {
            negativesBefore += buckets[k];
            ranks[k] = k + 1 + negativesBefore;
        }
        return countIdentitiesBeforeFirst ? distinctBefore : -1;
    }

    /** Smallest k such that item j ranks before the k-th match (matches sorted best first); n if none. */
    private int firstMatchBeaten(UnitFeatures query, int q, int j, float sj, int n, Scratch s) {
        int lo = 0;
        int hi = n;
        double exactJ = Double.NaN;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            float d = sj - s.goodScore[mid];
            boolean before;
            if (d > band) {
                before = true;
            } else if (d < -band) {
                before = false;
            } else {
                if (Double.isNaN(exactJ)) {
                    exactJ = exactScore(query, q, j);
                }
                if (Double.isNaN(s.goodExact[mid])) {
                    s.goodExact[mid] = exactScore(query, q, s.good[mid]);
                }
                before = exactJ > s.goodExact[mid] || (exactJ == s.goodExact[mid] && j < s.good[mid]);
            }
            if (before) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Every gallery item in ranking order (best first, ties to the lower index). */
    int[] fullRanking(UnitFeatures query, int q, float[] row, int rowOff) {
        int[] order = new int[gallery.rows()];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
        }
        orderByScore(query, q, order, order.length, row, rowOff);
        return order;
    }

    /**
     * Sorts items[0..n) into ranking order: float32 score descending, lower index first; runs of
     * neighbours closer than the tie band are re-sorted by the exact score.
     */
    void orderByScore(UnitFeatures query, int q, int[] items, int n, float[] row, int rowOff) {
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToRawIntBits(row[rowOff + items[i]]);
            int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
            keys[i] = ((long) ~sortable << 32) | items[i];
        }
        Arrays.sort(keys);
        for (int i = 0; i < n; i++) {
            items[i] = (int) keys[i];
        }
        int start = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || row[rowOff + items[i - 1]] - row[rowOff + items[i]] > band) {
                if (i - start > 1) {
                    repairRun(query, q, items, start, i);
                }
                start = i;
            }
        }
    }

    private void repairRun(UnitFeatures query, int q, int[] order, int from, int to) {
        Integer[] idx = new Integer[to - from];
        Map<Integer, Double> exact = new HashMap<>();
        for (int i = from; i < to; i++) {
            idx[i - from] = order[i];
            exact.put(order[i], exactScore(query, q, order[i]));
        }
        Arrays.sort(idx, (a, b) -> {
            int c = Double.compare(exact.get(b), exact.get(a));
            return c != 0 ? c : Integer.compare(a, b);
        });
        for (int i = from; i < to; i++) {
            order[i] = idx[i - from];
        }
    }
}
