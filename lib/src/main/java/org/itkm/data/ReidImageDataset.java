package org.itkm.data;

import ai.djl.basicdataset.cv.ImageDataset;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Record;
import ai.djl.training.dataset.Sampler;
import ai.djl.util.Progress;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;

/**
 * ReID images as a DJL {@link ImageDataset}: record {@code i} is sample {@code i}'s image after the
 * transform, (3, H, W) float32, labelled with its identity, camera, modality (homogeneous group), outfit
 * and scenario as int32 scalars, in {@link Label} order. Give it a {@link JointBatchSampler} (P x K per
 * scenario and group) with {@code setSampling}, and {@code getData(manager)} (or a DJL {@code Trainer}'s
 * {@code iterateDataset}) yields P x K batches: data (B, 3, H, W), labels five (B) arrays, and the
 * batch's sample rows as {@link Batch#getIndices()}.
 *
 * <p>Identities are what the builder was given: pseudo-labels for training (-1 = noise; the outfit is
 * then unknown, -1, since training may not read ground truth), or, by {@link Builder#groundTruth()}, the
 * person and clothes ids, for evaluation and teaching.
 *
 * <p>Batches are loaded whole by an {@link ImageBatchLoader} (parallel decoding on its own threads,
 * decoded-image cache, one reused direct buffer per batch shape), not record by record: the executor
 * a caller passes is not needed. Image {@code j} of step {@code s} of the {@code n}-th iteration over
 * the data set is augmented from {@code (augmentSeeds.seed(n, s), j)}, so batches are reproducible
 * whatever the thread schedule. A batch's image array shares the loader's buffer: it stays valid
 * while the next batch is loaded and is overwritten by the one after, so close each batch
 * (try-with-resources) before taking the one after next. {@link #get} (one record) augments from
 * {@code (seed, index)}.
 */
public final class ReidImageDataset extends ImageDataset implements AutoCloseable {
    /** A record's labels, in this order. */
    public enum Label {
        /** Pseudo-label (training) or person id (ground truth); -1 = noise. */
        IDENTITY,
        /** Camera number as in the distributed file names (1-based). */
        CAMERA,
        /**
         * Homogeneous group index (0 = A, 1 = B): visible / infrared for VI, high / low resolution for CR,
         * the k-means group for CC.
         */
        MODALITY,
        /** Clothes id (ground truth only); -1 when unknown. */
        OUTFIT,
        /** Scenario index (VI, CC, CR = 0, 1, 2). */
        SCENARIO
    }

    /** The seed of one step's augmentation. */
    @FunctionalInterface
    public interface AugmentSeeds {
        /**
         * @param iteration how many times the data set was iterated before ({@code getData} calls)
         * @param step the batch's position in this iteration
         */
        long seed(int iteration, int step);
    }

    private final ImageBatchLoader loader;
    private final boolean ownsLoader;
    private final int[] identities;
    private final int[] outfits;
    private final AugmentSeeds augmentSeeds;
    private final long seed;
    private int iterations;

    private ReidImageDataset(Builder b) {
        super(b);
        this.ownsLoader = b.loader == null;
        this.loader = ownsLoader ? new ImageBatchLoader(b.samples, b.transform) : b.loader;
        this.identities = b.identities;
        this.outfits = b.outfits;
        this.seed = b.seed;
        this.augmentSeeds = b.augmentSeeds != null ? b.augmentSeeds : (n, s) -> SeedMix.of(b.seed, n, s);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The sample of a record. */
    public Sample sample(long index) {
        return loader.samples().get(Math.toIntExact(index));
    }

    public ImageTransform transform() {
        return loader.transform();
    }

    /** One label of a record (as in its label list). */
    public int label(long index, Label label) {
        int i = Math.toIntExact(index);
        Sample s = loader.samples().get(i);
        return switch (label) {
            case IDENTITY -> identities[i];
            case CAMERA -> s.camid();
            case MODALITY -> s.group().index();
            case OUTFIT -> outfits == null ? Sample.NO_CLOTHES : outfits[i];
            case SCENARIO -> s.scenario().ordinal();
        };
    }

    /** The sample rows of a batch this data set yielded. */
    public static int[] rows(Batch batch) {
        return batch.getIndices().stream().mapToInt(i -> Math.toIntExact((Long) i)).toArray();
    }

    @Override
    public Record get(NDManager manager, long index) {
        int i = Math.toIntExact(index);
        ImageTransform t = loader.transform();
        float[] chw = new float[t.length()];
        t.apply(loader.image(i), new Random(SeedMix.of(seed, i)), chw, 0);
        InputSize size = t.size();
        NDList data = new NDList(manager.create(chw, new Shape(3, size.height(), size.width())));
        NDList labels = new NDList();
        for (Label l : Label.values()) {
            labels.add(manager.create(label(i, l)));
        }
        return new Record(data, labels);
    }

    /** The decoded image, before the transform (what DJL's image transforms would start from). */
    @Override
    protected Image getImage(long index) {
        RgbImage rgb = loader.image(Math.toIntExact(index));
        BufferedImage img = new BufferedImage(rgb.width(), rgb.height(), BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, rgb.width(), rgb.height(), rgb.pixels(), 0, rgb.width());
        return ImageFactory.getInstance().fromImage(img);
    }

    /** The transform's output width. */
    @Override
    public Optional<Integer> getImageWidth() {
        return Optional.of(loader.transform().size().width());
    }

    /** The transform's output height. */
    @Override
    public Optional<Integer> getImageHeight() {
        return Optional.of(loader.transform().size().height());
    }

    @Override
    protected long availableSize() {
        return loader.samples().size();
    }

    @Override
    public void prepare(Progress progress) {
        // nothing to download or index: a DatasetLayout read the samples
    }

    /** One iteration with the data set's sampler (as DJL's, without checked exceptions: nothing is downloaded). */
    @Override
    public Iterable<Batch> getData(NDManager manager) {
        return getData(manager, sampler, null);
    }

    /** As {@link #getData(NDManager)}: the batch loader has its own threads, so the executor is not used. */
    @Override
    public Iterable<Batch> getData(NDManager manager, ExecutorService executorService) {
        return getData(manager, sampler, executorService);
    }

    @Override
    public Iterable<Batch> getData(NDManager manager, Sampler sampler) {
        return getData(manager, sampler, null);
    }

    /**
     * One iteration: the sampler's batches, each loaded whole (see the class comment); the executor is not
     * used. Each batch owns a sub-manager of {@code manager}, closed with the batch.
     */
    @Override
    public Iterable<Batch> getData(NDManager manager, Sampler sampler, ExecutorService executorService) {
        int iteration;
        synchronized (this) {
            iteration = iterations++;
        }
        List<List<Long>> steps = new ArrayList<>();
        sampler.sample(this).forEachRemaining(steps::add);
        return () -> new Iterator<>() {
            private int step;

            @Override
            public boolean hasNext() {
                return step < steps.size();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<Long> indices = steps.get(step);
                int[] rows = indices.stream().mapToInt(Math::toIntExact).toArray();
                NDManager batchManager = manager.newSubManager();
                try {
                    NDList data = new NDList(loader.batch(batchManager, rows, augmentSeeds.seed(iteration, step)));
                    NDList labels = labels(batchManager, rows);
                    if (pipeline != null) {
                        data = pipeline.transform(data);
                    }
                    if (targetPipeline != null) {
                        labels = targetPipeline.transform(labels);
                    }
                    if (device != null && !device.equals(batchManager.getDevice())) {
                        data = data.toDevice(device, false);
                        labels = labels.toDevice(device, false);
                    }
                    return new Batch(batchManager, data, labels, rows.length, dataBatchifier, labelBatchifier,
                            step++, steps.size(), indices);
                } catch (RuntimeException e) {
                    batchManager.close();
                    throw e;
                }
            }
        };
    }

    private NDList labels(NDManager manager, int[] rows) {
        NDList out = new NDList();
        int[] v = new int[rows.length];
        for (Label l : Label.values()) {
            for (int j = 0; j < rows.length; j++) {
                v[j] = label(rows[j], l);
            }
            out.add(manager.create(v));
        }
        return out;
    }

    /** Closes the loader the data set made (one given to the builder stays open: its owner closes it). */
    @Override
    public void close() {
        if (ownsLoader) {
            loader.close();
        }
    }

    /**
     * Builder: {@link #samples} and {@link #transform} (the data set makes and closes its loader), or
     * {@link #loader} (shared, e.g. across epochs so that its decoded-image cache lives on); identities by
     * {@link #identities} or {@link #groundTruth}; and the sampler ({@code setSampling}).
     */
    public static final class Builder extends ImageDataset.BaseBuilder<Builder> {
        List<Sample> samples;
        ImageTransform transform;
        ImageBatchLoader loader;
        int[] identities;
        int[] outfits;
        long seed;
        AugmentSeeds augmentSeeds;

        Builder() {
            optFlag(Image.Flag.COLOR);
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder samples(List<Sample> samples) {
            this.samples = List.copyOf(samples);
            return this;
        }

        public Builder transform(ImageTransform transform) {
            this.transform = transform;
            return this;
        }

        /** Loads through this loader (its samples and transform); the caller closes it. */
        public Builder loader(ImageBatchLoader loader) {
            this.loader = loader;
            return this;
        }

        /** One identity per sample: pseudo-labels, -1 = noise. Outfits stay unknown (-1). */
        public Builder identities(int[] identities) {
            this.identities = identities.clone();
            this.outfits = null;
            return this;
        }

        /** Person ids and clothes ids from {@link GroundTruth}: for evaluation and teaching, never for training. */
        public Builder groundTruth() {
            this.identities = null;
            this.outfits = new int[0]; // filled from the samples in build()
            return this;
        }

        /** Base seed of the default augmentation seeds and of {@link ReidImageDataset#get}'s (default 0). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Each step's augmentation seed (default: mixed from the base seed, the iteration and the step). */
        public Builder optAugmentSeeds(AugmentSeeds augmentSeeds) {
            this.augmentSeeds = augmentSeeds;
            return this;
        }

        public ReidImageDataset build() {
            if ((loader == null) == (samples == null || transform == null)) {
                throw new IllegalStateException("set either samples and transform, or a loader");
            }
            List<Sample> all = loader != null ? loader.samples() : samples;
            if (outfits != null) {
                identities = GroundTruth.pids(all);
                outfits = all.stream().mapToInt(GroundTruth::clothes).toArray();
            }
            if (identities == null) {
                throw new IllegalStateException("set identities (pseudo-labels) or groundTruth()");
            }
            if (identities.length != all.size()) {
                throw new IllegalArgumentException(all.size() + " samples but " + identities.length + " identities");
            }
            if (sampler == null) {
                throw new IllegalStateException("set the sampler (setSampling), e.g. a JointBatchSampler");
            }
            return new ReidImageDataset(this);
        }
    }
}
