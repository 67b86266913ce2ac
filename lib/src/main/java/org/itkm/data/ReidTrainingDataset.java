package org.itkm.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.training.dataset.Sampler;
import ai.djl.util.Progress;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The training samples as a DJL {@link RandomAccessDataset}: a record's data is the transformed image
 * (3, H, W) float32; its labels are (pseudo-label, group index, scenario index) as int32 scalars.
 * Use it with {@link #pkSampler} (P × K per scenario and group) and DJL's stack batchifier;
 * {@code getData(manager, executor)} then decodes on the executor's threads.
 *
 * <p>DJL asks for one record at a time by index, so augmentation draws from a counter-seeded generator:
 * reproducible with one thread, not across thread schedules. {@link ImageBatchLoader} is the
 * reproducible, buffer-reusing path the kit's trainers use.
 */
public final class ReidTrainingDataset extends RandomAccessDataset {
    private final List<Sample> samples;
    private final int[] pseudoLabels;
    private final ImageTransform transform;
    private final long seed;
    private final AtomicLong draws = new AtomicLong();

    private ReidTrainingDataset(Builder b) {
        super(b);
        this.samples = b.samples;
        this.pseudoLabels = b.pseudoLabels;
        this.transform = b.transform;
        this.seed = b.seed;
    }

    @Override
    public Record get(NDManager manager, long index) {
        int i = Math.toIntExact(index);
        Sample s = samples.get(i);
        float[] chw = new float[transform.length()];
        Random rnd = new Random(SeedMix.of(seed, draws.getAndIncrement()));
        transform.apply(ImageDecoder.decode(s.path()), rnd, chw, 0);
        InputSize size = transform.size();
        NDList data = new NDList(manager.create(chw, new Shape(3, size.height(), size.width())));
        NDList labels = new NDList(manager.create(pseudoLabels[i]), manager.create(s.group().index()),
                manager.create(s.scenario().ordinal()));
        return new Record(data, labels);
    }

    @Override
    protected long availableSize() {
        return samples.size();
    }

    @Override
    public void prepare(Progress progress) {
        // nothing to download or index: the samples were read by a DatasetLayout
    }

    /** A DJL sampler yielding the {@link JointBatchSampler}'s steps, one epoch per call of sample(). */
    public static Sampler pkSampler(JointBatchSampler joint) {
        return new Sampler() {
            private int epoch;

            @Override
            public Iterator<List<Long>> sample(RandomAccessDataset dataset) {
                Iterator<int[]> steps = joint.epoch(epoch++).iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return steps.hasNext();
                    }

                    @Override
                    public List<Long> next() {
                        return java.util.Arrays.stream(steps.next()).mapToObj(x -> (long) x).toList();
                    }
                };
            }

            @Override
            public int getBatchSize() {
                return joint.batchSize();
            }
        };
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder: samples, pseudo-labels and transform are required; set the sampler with setSampling. */
    public static final class Builder extends BaseBuilder<Builder> {
        List<Sample> samples;
        int[] pseudoLabels;
        ImageTransform transform;
        long seed;

        @Override
        protected Builder self() {
            return this;
        }

        /** The training samples and their pseudo-labels (-1 = noise, never drawn by the P x K sampler). */
        public Builder samples(List<Sample> samples, int[] pseudoLabels) {
            if (samples.size() != pseudoLabels.length) {
                throw new IllegalArgumentException(samples.size() + " samples but " + pseudoLabels.length + " labels");
            }
            this.samples = List.copyOf(samples);
            this.pseudoLabels = pseudoLabels.clone();
            return this;
        }

        public Builder transform(ImageTransform transform) {
            this.transform = transform;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public ReidTrainingDataset build() {
            if (samples == null || transform == null || sampler == null) {
                throw new IllegalStateException("samples, transform and sampling must be set");
            }
            return new ReidTrainingDataset(this);
        }
    }
}
