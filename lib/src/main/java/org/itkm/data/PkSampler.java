package org.itkm.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.itkm.io.InvalidInputException;

/**
 * P × K identity sampling over pseudo-labels, as torchreid's RandomIdentitySampler: each epoch, every
 * label's images are shuffled (and drawn with replacement up to K when it has fewer than K) and cut
 * into chunks of K; a batch takes one chunk from each of P distinct labels chosen at random among
 * those with chunks left; the epoch ends when fewer than P labels have chunks left. Noise (label -1)
 * is never drawn.
 */
public final class PkSampler {
    private final String name;
    private final int p;
    private final int k;
    private final TreeMap<Integer, int[]> byLabel = new TreeMap<>();

    /**
     * @param indices the sample indices this sampler draws from (e.g. one scenario and group)
     * @param labels pseudo-label of each index (same length), -1 for noise
     * @param name what the indices are, for error messages (e.g. "VI group B")
     */
    public PkSampler(int[] indices, int[] labels, int p, int k, String name) {
        if (indices.length != labels.length) {
            throw new IllegalArgumentException("indices and labels differ in length");
        }
        if (p < 1 || k < 1) {
            throw new InvalidInputException("P and K must be at least 1, got P=" + p + ", K=" + k);
        }
        this.name = name;
        this.p = p;
        this.k = k;
        Map<Integer, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < indices.length; i++) {
            if (labels[i] >= 0) {
                groups.computeIfAbsent(labels[i], x -> new ArrayList<>()).add(indices[i]);
            } else if (labels[i] != -1) {
                throw new InvalidInputException(name + ": pseudo-label " + labels[i] + " is negative; only -1 (noise)"
                        + " is allowed");
            }
        }
        groups.forEach((label, list) -> byLabel.put(label, list.stream().mapToInt(Integer::intValue).toArray()));
        if (byLabel.size() < p) {
            throw new InvalidInputException(name + ": only " + byLabel.size() + " pseudo-identities (noise left out);"
                    + " a P x K batch needs at least P = " + p + " of them");
        }
    }

    public int batchSize() {
        return p * k;
    }

    /** Number of non-noise labels. */
    public int labels() {
        return byLabel.size();
    }

    /** One epoch of batches; each batch holds K consecutive indices of each of its P labels. */
    public List<int[]> epoch(Random rnd) {
        List<List<int[]>> chunksPerLabel = new ArrayList<>();
        for (int[] members : byLabel.values()) {
            int[] order = members.clone();
            shuffle(order, rnd);
            int[] pool = order;
            if (order.length < k) { // draw with replacement up to K, as torchreid does
                pool = new int[k];
                for (int i = 0; i < k; i++) {
                    pool[i] = order[rnd.nextInt(order.length)];
                }
            }
            List<int[]> chunks = new ArrayList<>();
            for (int from = 0; from + k <= pool.length; from += k) {
                chunks.add(java.util.Arrays.copyOfRange(pool, from, from + k));
            }
            chunksPerLabel.add(chunks);
        }
        List<Integer> available = new ArrayList<>();
        for (int i = 0; i < chunksPerLabel.size(); i++) {
            available.add(i);
        }
        List<int[]> batches = new ArrayList<>();
        while (available.size() >= p) {
            Collections.shuffle(available, rnd);
            List<Integer> chosen = new ArrayList<>(available.subList(0, p));
            int[] batch = new int[p * k];
            for (int j = 0; j < p; j++) {
                List<int[]> chunks = chunksPerLabel.get(chosen.get(j));
                System.arraycopy(chunks.remove(chunks.size() - 1), 0, batch, j * k, k);
                if (chunks.isEmpty()) {
                    available.remove(chosen.get(j));
                }
            }
            batches.add(batch);
        }
        return batches;
    }

    private static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    @Override
    public String toString() {
        return name + " (" + byLabel.size() + " labels, P=" + p + ", K=" + k + ")";
    }
}
