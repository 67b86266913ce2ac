package org.itkm.cluster;

import java.util.HashMap;
import java.util.Map;

/**
 * Pairwise precision, recall and F-score of pseudo-labels against ground-truth identities (the
 * diagnostic of the paper's Fig. 5, after Goutte and Gaussier 2005): over all unordered pairs of images,
 * precision = pairs in the same cluster that share an identity / pairs in the same cluster, recall =
 * the same / pairs that share an identity, F = 2PR / (P + R). Noise (label -1) is a cluster of its own
 * per image, so it forms no pairs. An undefined ratio (no pairs) counts as 0.
 */
public record PairwiseFScore(double precision, double recall, double fScore, long predictedPairs, long truePairs,
        long correctPairs) {

    public static PairwiseFScore of(int[] predicted, int[] truth) {
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException(predicted.length + " predicted labels vs " + truth.length + " true ones");
        }
        Map<Integer, Long> clusterSize = new HashMap<>();
        Map<Integer, Long> identitySize = new HashMap<>();
        Map<Long, Long> both = new HashMap<>();
        for (int i = 0; i < predicted.length; i++) {
            identitySize.merge(truth[i], 1L, Long::sum);
            if (predicted[i] >= 0) {
                clusterSize.merge(predicted[i], 1L, Long::sum);
                both.merge(((long) predicted[i] << 32) ^ (truth[i] & 0xffffffffL), 1L, Long::sum);
            }
        }
        long pred = pairs(clusterSize);
        long tru = pairs(identitySize);
        long correct = pairs(both);
        double p = pred == 0 ? 0 : (double) correct / pred;
        double r = tru == 0 ? 0 : (double) correct / tru;
        double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
        return new PairwiseFScore(p, r, f, pred, tru, correct);
    }

    private static <K> long pairs(Map<K, Long> sizes) {
        long s = 0;
        for (long c : sizes.values()) {
            s += c * (c - 1) / 2;
        }
        return s;
    }
}
