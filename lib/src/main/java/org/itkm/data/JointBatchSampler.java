package org.itkm.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Training batches drawn per scenario and homogeneous group: one {@link PkSampler} for every
 * (scenario, group) present in the samples, and every step concatenates one P × K batch from each of
 * them (scenario order VI, CC, CR; group A before B), so joint multi-scenario training sees every
 * scenario and group at each step. An epoch lasts as many steps as the longest stream has batches;
 * shorter streams start a fresh shuffled pass when they run out. The labels are pseudo-labels (from
 * clustering); ground truth is never read.
 */
public final class JointBatchSampler {
    /** The sampler of one scenario and group. */
    public record Stream(Scenario scenario, Group group, PkSampler sampler) {}

    private final List<Stream> streams = new ArrayList<>();
    private final long seed;

    /**
     * @param samples training samples (their scenario and group decide the stream)
     * @param pseudoLabels one label per sample, -1 for noise; labels need only be unique within a stream
     * @param p identities per batch and stream
     * @param k images per identity
     */
    public JointBatchSampler(List<Sample> samples, int[] pseudoLabels, int p, int k, long seed) {
        if (samples.size() != pseudoLabels.length) {
            throw new IllegalArgumentException(samples.size() + " samples but " + pseudoLabels.length + " labels");
        }
        this.seed = seed;
        for (Scenario s : Scenario.values()) {
            for (Group g : Group.values()) {
                List<Integer> idx = new ArrayList<>();
                for (int i = 0; i < samples.size(); i++) {
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

    /** The steps of one epoch (reproducible from the seed and the epoch number). */
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
