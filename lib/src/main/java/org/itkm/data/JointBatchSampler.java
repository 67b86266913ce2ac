package org.itkm.data;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Training batches drawn per scenario and homogeneous group: one {@link PkSampler} for every
 * (scenario, group) present in the samples, and every step concatenates one P × K batch from each of
 * them (scenario order VI, CC, CR; group A before B), so joint multi-scenario training sees every
 * scenario and group at each step. An epoch lasts as many steps as the longest stream has batches;
 * shorter streams start a fresh shuffled pass when they run out. The labels are pseudo-labels (from
 * clustering); ground truth is never read.
 *
 * <p>It is a DJL {@link Sampler}: give it to a {@link ReidImageDataset} ({@code setSampling}) and
 * {@code dataset.getData(manager)} yields these batches. Each {@link #sample} call is one training epoch:
 * with {@code stepsPerEpoch} = 0, one pass of the sampler; otherwise exactly that many steps, taken from
 * consecutive passes (a pass cut short is not resumed, as cluster-contrast's iteration loader). Passes are
 * numbered from 0 over the sampler's life, each shuffled from (seed, pass number), so the first call's
 * batches depend on the seed only.
 */
public final class JointBatchSampler implements Sampler {
    /** The sampler of one scenario and group. */
    public record Stream(Scenario scenario, Group group, PkSampler sampler) {}

    private final List<Stream> streams = new ArrayList<>();
    private final long seed;
    private final int[] rows;
    private final int stepsPerEpoch;
    private int nextPass;

    /**
     * A sampler over every sample, one pass per epoch.
     *
     * @param samples training samples (their scenario and group decide the stream)
     * @param pseudoLabels one label per sample, -1 for noise; labels need only be unique within a stream
     * @param p identities per batch and stream
     * @param k images per identity
     */
    public JointBatchSampler(List<Sample> samples, int[] pseudoLabels, int p, int k, long seed) {
        this(samples, pseudoLabels, java.util.stream.IntStream.range(0, samples.size()).toArray(), p, k, seed, 0);
    }

    /**
     * A sampler over some rows of the samples (e.g. the units with enough clusters for a P x K batch).
     *
     * @param samples every sample of the data set it samples (their scenario and group decide the stream)
     * @param pseudoLabels one label per sample, -1 for noise; labels need only be unique within a stream
     * @param rows the sample rows it may draw
     * @param stepsPerEpoch batches per {@link #sample} call, 0 for one pass of the sampler
     */
    public JointBatchSampler(List<Sample> samples, int[] pseudoLabels, int[] rows, int p, int k, long seed,
            int stepsPerEpoch) {
        if (samples.size() != pseudoLabels.length) {
            throw new IllegalArgumentException(samples.size() + " samples but " + pseudoLabels.length + " labels");
        }
        if (stepsPerEpoch < 0) {
            throw new IllegalArgumentException("stepsPerEpoch must be >= 0, got " + stepsPerEpoch);
        }
        this.seed = seed;
        this.rows = rows.clone();
        this.stepsPerEpoch = stepsPerEpoch;
        for (Scenario s : Scenario.values()) {
            for (Group g : Group.values()) {
                List<Integer> idx = new ArrayList<>();
                for (int i : this.rows) {
                    if (samples.get(i).scenario() == s && samples.get(i).group() == g) {
                        idx.add(i);
                    }
                }
                if (idx.isEmpty()) {
                    continue;
                }
                int[] indices = idx.stream().mapToInt(Integer::intValue).toArray();
                int[] labels = new int[indices.length];
                for (int j = 0; j < indices.length; j++) {
                    labels[j] = pseudoLabels[indices[j]];
                }
                streams.add(new Stream(s, g, new PkSampler(indices, labels, p, k, s + " group " + g)));
            }
        }
        if (streams.isEmpty()) {
            throw new org.itkm.io.InvalidInputException("no training samples to draw batches from");
        }
    }

    public List<Stream> streams() {
        return List.copyOf(streams);
    }

    /** Images per step (P × K per stream). */
    public int batchSize() {
        return streams.stream().mapToInt(s -> s.sampler().batchSize()).sum();
    }

    /**
     * The batches of the next training epoch as sample rows: one pass, or {@code stepsPerEpoch} steps from
     * consecutive passes.
     */
    public synchronized List<int[]> nextEpoch() {
        if (stepsPerEpoch == 0) {
            return epoch(nextPass++);
        }
        List<int[]> out = new ArrayList<>();
        while (out.size() < stepsPerEpoch) {
            List<int[]> more = epoch(nextPass++);
            if (more.isEmpty()) {
                throw new IllegalStateException("the P x K sampler produced no batch");
            }
            out.addAll(more);
        }
        return List.copyOf(out.subList(0, stepsPerEpoch));
    }

    /** DJL: the next training epoch's batches as dataset indices (sample rows). */
    @Override
    public Iterator<List<Long>> sample(RandomAccessDataset dataset) {
        int last = java.util.Arrays.stream(rows).max().orElse(-1);
        if (last >= dataset.size()) {
            throw new IllegalArgumentException("the sampler draws row " + last + " of a data set of " + dataset.size()
                    + " records");
        }
        List<int[]> batches = nextEpoch();
        return batches.stream().map(b -> java.util.Arrays.stream(b).mapToObj(i -> (long) i).toList()).iterator();
    }

    /** DJL: images per batch (P x K per stream). */
    @Override
    public int getBatchSize() {
        return batchSize();
    }

    /** The steps of one pass (reproducible from the seed and the pass number), as sample rows. */
    public List<int[]> epoch(int epoch) {
        Random rnd = new Random(SeedMix.of(seed, epoch));
        List<List<int[]>> perStream = new ArrayList<>();
        int steps = 0;
        for (Stream s : streams) {
            List<int[]> b = s.sampler().epoch(rnd);
            perStream.add(b);
            steps = Math.max(steps, b.size());
        }
        List<int[]> out = new ArrayList<>();
        int[] cursor = new int[streams.size()];
        for (int step = 0; step < steps; step++) {
            int[] batch = new int[batchSize()];
            int pos = 0;
            for (int j = 0; j < streams.size(); j++) {
                if (cursor[j] == perStream.get(j).size()) { // this stream ran out: another shuffled pass
                    perStream.set(j, streams.get(j).sampler().epoch(rnd));
                    cursor[j] = 0;
                }
                int[] b = perStream.get(j).get(cursor[j]++);
                System.arraycopy(b, 0, batch, pos, b.length);
                pos += b.length;
            }
            out.add(batch);
        }
        return out;
    }
}
