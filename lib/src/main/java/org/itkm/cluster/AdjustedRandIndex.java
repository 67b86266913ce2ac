package org.itkm.cluster;

import java.util.HashMap;
import java.util.Map;

/**
 * Adjusted Rand index of two labelings (as {@code sklearn.metrics.adjusted_rand_score}: every label value,
 * -1 included, is one cluster; 1.0 when both labelings are the same trivial partition). Used to compare
 * pseudo-labels with a reference implementation's.
 */
public final class AdjustedRandIndex {
    private AdjustedRandIndex() {}

    public static double of(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " vs " + b.length + " labels");
        }
        Map<Integer, Long> ca = new HashMap<>();
        Map<Integer, Long> cb = new HashMap<>();
        Map<Long, Long> both = new HashMap<>();
        for (int i = 0; i < a.length; i++) {
            ca.merge(a[i], 1L, Long::sum);
            cb.merge(b[i], 1L, Long::sum);
            both.merge(((long) a[i] << 32) ^ (b[i] & 0xffffffffL), 1L, Long::sum);
        }
        double sumA = pairs(ca);
        double sumB = pairs(cb);
        double index = pairs(both);
        double total = (double) a.length * (a.length - 1) / 2;
        if (total == 0) {
            return 1.0;
        }
        double expected = sumA * sumB / total;
        double max = (sumA + sumB) / 2;
        return max == expected ? 1.0 : (index - expected) / (max - expected);
    }

    private static <K> double pairs(Map<K, Long> sizes) {
        double s = 0;
        for (long c : sizes.values()) {
            s += (double) c * (c - 1) / 2;
        }
        return s;
    }
}
