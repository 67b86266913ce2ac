package org.itkm.clip.pretrain;

import org.itkm.runtime.Scalars;

import org.itkm.runtime.OwnedArrays;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.itkm.clip.ClipModel;
import org.itkm.clip.inference.ClipImagePreprocessor;
import org.itkm.data.ImageTransform;
import org.itkm.runtime.ConsoleProgress;

/**
 * Pre-trains a CLIP (the pocket CLIP) from scratch with the {@link ContrastiveLoss} on image-caption pairs:
 * Adam, linear warm-up then cosine decay, random horizontal flips, logit scale clamped at ln 100 (as CLIP).
 * Every step runs in its own NDManager with reused input buffers; a step whose loss or gradients are not
 * finite is skipped (and counted) instead of corrupting the weights.
 *
 * <p>Optionally (SLIP, Mu et al. 2022) an image-image term is added: each image is encoded a second time
 * as another view (its own flip, a shift of a few pixels, greyscale with probability 1/2) and the two
 * views' features are contrasted with each other (the same symmetric loss, temperature 0.1, the image
 * itself as the only positive). Web CLIP has seen grey photos of what it has seen in colour and learnt
 * far more about an image than a small corpus's captions say; on SynthUMS's 3,240 captions alone the
 * image tower learns little beyond garment colours, and nothing ties a colour image to the grey images
 * of an infrared camera.
 */
public final class ContrastivePretrainer {
    /**
     * Training settings.
     *
     * @param epochs passes over the pairs
     * @param batchSize pairs per step (the contrastive negatives)
     * @param learningRate peak Adam learning rate
     * @param warmupSteps linear warm-up steps
     * @param seed shuffling and flip seed
     * @param imageViewWeight weight of the image-image (SLIP) term; 0 leaves it out
     */
    public record Options(int epochs, int batchSize, float learningRate, int warmupSteps, long seed,
            double imageViewWeight) {
        public Options {
            if (!(imageViewWeight >= 0)) {
                throw new IllegalArgumentException("image-view weight must be >= 0, got " + imageViewWeight);
            }
        }

        /** Image-text loss only (CLIP). */
        public Options(int epochs, int batchSize, float learningRate, int warmupSteps, long seed) {
            this(epochs, batchSize, learningRate, warmupSteps, seed, 0);
        }
    }

    /** What a run did. */
    public record Result(int steps, int skippedSteps, double firstLoss, double lastLoss, double seconds,
            long rssAfterFirstStepMiB, long rssEndMiB, List<String> skips) {}

    /** A training pair prepared in memory: normalised pixels (3, H, W) and token ids with begin/end. */
    public record PreparedPair(float[] pixels, int[] tokenIds) {}

    private static final float MAX_LOGIT_SCALE = (float) Math.log(100);
    /** SLIP's / SimCLR's temperature of the image-image term. */
    static final float IMAGE_VIEW_TEMPERATURE = 0.1f;
    /** Largest shift of the second view, in pixels (the ReID pipeline's pad + crop at 64 × 32). */
    static final int VIEW_SHIFT = 3;
    private final ClipModel model;
    private final NDManager manager;
    private final ParameterStore ps;
    private final Optimizer adam;
    private final List<Parameter> parameters = new ArrayList<>();
    private final int height;
    private final int width;
    private final int batchSize;
    private final double imageViewWeight;
    private final ByteBuffer pixelBuffer;
    private final ByteBuffer viewBuffer;
    private ByteBuffer tokenBuffer;
    private int skipped;
    private int steps;
    private final List<String> skips = new ArrayList<>();

    public ContrastivePretrainer(ClipModel model, NDManager manager, Options options, int totalSteps) {
        this.model = model;
        this.manager = manager;
        this.ps = new ParameterStore(manager, false);
        this.height = model.config().vision().inputHeight();
        this.width = model.config().vision().inputWidth();
        this.batchSize = options.batchSize();
        this.imageViewWeight = options.imageViewWeight();
        float peak = options.learningRate();
        int warm = Math.max(1, options.warmupSteps());
        int total = Math.max(warm + 1, totalSteps);
        Tracker schedule = step -> step < warm ? peak * (step + 1) / warm
                : (float) (peak * 0.5 * (1 + Math.cos(Math.PI * Math.min(1.0, (step - warm) / (double) (total - warm)))));
        adam = Optimizer.adam().optLearningRateTracker(schedule).optWeightDecays(0f).build();
        for (Pair<String, Parameter> p : model.getParameters()) {
            Parameter param = p.getValue();
            // the scenario embedding and branch B are ITKM additions, not part of CLIP pre-training
            if (param.getName().equals("scenario_embedding") || param.getName().equals("patch_embedding_b")) {
                param.getArray().setRequiresGradient(false);
                continue;
            }
            param.getArray().setRequiresGradient(true);
            parameters.add(param);
        }
        pixelBuffer = ByteBuffer.allocateDirect(4 * batchSize * 3 * height * width).order(ByteOrder.nativeOrder());
        viewBuffer = imageViewWeight > 0
                ? ByteBuffer.allocateDirect(4 * batchSize * 3 * height * width).order(ByteOrder.nativeOrder()) : null;
    }

    private void skip(String why) {
        skipped++;
        if (skips.size() < 20) {
            skips.add(why);
        }
    }

    /** Skipped (non-finite) steps so far. */
    public int skippedSteps() {
        return skipped;
    }

    /**
     * One optimisation step on a batch. Returns the loss, or NaN when the step was skipped.
     *
     * @param pixels normalised images, (n, 3, H, W) packed
     */
    public float step(float[] pixels, int[][] tokenIds) {
        return step(pixels, null, tokenIds);
    }

    /**
     * As {@link #step(float[], int[][])}, with second views of the images for the image-image term
     * (ignored, and may be null, when its weight is 0).
     */
    public float step(float[] pixels, float[] views, int[][] tokenIds) {
        steps++;
        int n = tokenIds.length;
        int per = 3 * height * width;
        pixelBuffer.clear();
        pixelBuffer.asFloatBuffer().put(pixels, 0, n * per);
        pixelBuffer.limit(4 * n * per);
        boolean twoViews = imageViewWeight > 0;
        if (twoViews) {
            if (views == null) {
                throw new IllegalArgumentException("the image-view term needs a second view of every image");
            }
            viewBuffer.clear();
            viewBuffer.asFloatBuffer().put(views, 0, n * per);
            viewBuffer.limit(4 * n * per);
        }
        int len = 0;
        for (int[] t : tokenIds) {
            len = Math.max(len, t.length);
        }
        if (tokenBuffer == null || tokenBuffer.capacity() < 4 * n * len) {
            tokenBuffer = ByteBuffer.allocateDirect(4 * n * Math.max(len, model.config().text().contextLength()))
                    .order(ByteOrder.nativeOrder());
        }
        tokenBuffer.clear();
        IntBuffer ib = tokenBuffer.asIntBuffer();
        for (int[] t : tokenIds) {
            ib.put(t);
            for (int j = t.length; j < len; j++) {
                ib.put(model.config().text().padTokenId());
            }
        }
        tokenBuffer.limit(4 * n * len);
        try (NDManager step = manager.newSubManager()) {
            NDArray images = step.create(pixelBuffer.rewind(), new Shape(n, 3, height, width), DataType.FLOAT32);
            NDArray tokens = step.create(tokenBuffer.rewind(), new Shape(n, len), DataType.INT32);
            float loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray img = model.vision().encode(ps, images, null, null, true);
                int[] eot = new int[n];
                for (int i = 0; i < n; i++) {
                    eot[i] = model.config().text().poolingPosition(tokenIds[i], 0, tokenIds[i].length);
                }
                NDArray txt = model.text().encode(ps, tokens, eot, true);
                NDArray scale = ps.getValue(model.logitScale(), images.getDevice(), true).exp();
                scale.attach(step); // created from the parameter: would otherwise live in the model's manager
                NDArray l = ContrastiveLoss.symmetric(img, txt, scale, OwnedArrays.floats(step,
                        sameCaptionTargets(tokenIds), new Shape(n, n)).toDevice(images.getDevice(), false));
                if (twoViews) {
                    NDArray second = model.vision().encode(ps,
                            step.create(viewBuffer.rewind(), new Shape(n, 3, height, width), DataType.FLOAT32),
                            null, null, true);
                    NDArray views2 = ContrastiveLoss.symmetric(img, second,
                            step.create(1f / IMAGE_VIEW_TEMPERATURE).toDevice(images.getDevice(), false));
                    l = l.add(Scalars.mul(views2, (float) imageViewWeight));
                }
                loss = l.getFloat();
                if (!Float.isFinite(loss)) {
                    skip("step " + steps + ": loss " + loss);
                    return Float.NaN;
                }
                gc.backward(l);
            }
            List<NDArray> grads = new ArrayList<>(parameters.size());
            NDArray total = null;
            for (Parameter p : parameters) {
                NDArray g = p.getArray().getGradient();
                g.attach(step);
                grads.add(g);
                NDArray s = g.abs().sum();
                total = total == null ? s : total.add(s);
            }
            boolean finite = Float.isFinite(total.getFloat());
            for (int i = 0; i < parameters.size(); i++) {
                NDArray g = grads.get(i);
                if (finite) {
                    adam.update(parameters.get(i).getId(), parameters.get(i).getArray(), g);
                    Scalars.muli(g, 0f);
                } else {
                    g.set(g.isNaN().logicalOr(g.isInfinite()), 0f);
                    Scalars.muli(g, 0f);
                }
            }
            if (!finite) {
                skip("step " + steps + ": non-finite gradients after a finite loss " + loss);
                return Float.NaN;
            }
            NDArray ls = model.logitScale().getArray();
            if (ls.getFloat() > MAX_LOGIT_SCALE) {
                ls.set(new ai.djl.ndarray.index.NDIndex("0"), MAX_LOGIT_SCALE);
            }
            return loss;
        }
    }

    /** Uniform targets over the pairs of the batch with the same caption (identity when all differ). */
    static float[] sameCaptionTargets(int[][] tokenIds) {
        int n = tokenIds.length;
        float[] t = new float[n * n];
        for (int i = 0; i < n; i++) {
            int same = 0;
            for (int j = 0; j < n; j++) {
                if (java.util.Arrays.equals(tokenIds[i], tokenIds[j])) {
                    same++;
                }
            }
            for (int j = 0; j < n; j++) {
                if (java.util.Arrays.equals(tokenIds[i], tokenIds[j])) {
                    t[i * n + j] = 1f / same;
                }
            }
        }
        return t;
    }

    /** Trains for the configured epochs over prepared pairs. */
    public Result train(List<PreparedPair> data, Options options, boolean progress) {
        int per = 3 * height * width;
        int stepsPerEpoch = Math.max(1, data.size() / batchSize);
        int totalSteps = stepsPerEpoch * options.epochs();
        Random rnd = new Random(options.seed());
        float[] batch = new float[batchSize * per];
        float[] views = imageViewWeight > 0 ? new float[batchSize * per] : null;
        Random viewRnd = new Random(options.seed() ^ 0x51195L);
        int[] order = java.util.stream.IntStream.range(0, data.size()).toArray();
        double first = Double.NaN;
        double last = Double.NaN;
        double smoothed = Double.NaN;
        long rssFirst = -1;
        long t0 = System.nanoTime();
        int done = 0;
        try (ConsoleProgress bar = progress ? new ConsoleProgress("pretrain-clip", totalSteps) : null) {
            for (int epoch = 0; epoch < options.epochs(); epoch++) {
                for (int i = order.length - 1; i > 0; i--) {
                    int j = rnd.nextInt(i + 1);
                    int tmp = order[i];
                    order[i] = order[j];
                    order[j] = tmp;
                }
                for (int s = 0; s < stepsPerEpoch; s++) {
                    int[][] ids = new int[batchSize][];
                    for (int k = 0; k < batchSize; k++) {
                        PreparedPair p = data.get(order[s * batchSize + k]);
                        copyImage(p.pixels(), batch, k * per, rnd.nextBoolean());
                        if (views != null) {
                            secondView(p.pixels(), views, k * per, viewRnd);
                        }
                        ids[k] = p.tokenIds();
                    }
                    float loss = step(batch, views, ids);
                    done++;
                    if (Float.isFinite(loss)) {
                        if (Double.isNaN(first)) {
                            first = loss;
                        }
                        last = loss;
                        smoothed = Double.isNaN(smoothed) ? loss : 0.95 * smoothed + 0.05 * loss;
                    }
                    if (done == 1) {
                        rssFirst = org.itkm.runtime.ProcessMemory.rssMiB();
                    }
                    if (bar != null) {
                        bar.status(String.format(Locale.ROOT, "epoch %d/%d loss %.3f%s", epoch + 1, options.epochs(),
                                smoothed, skipped > 0 ? " skipped " + skipped : ""));
                        bar.step(1);
                    }
                }
            }
        }
        return new Result(done, skipped, first, last, (System.nanoTime() - t0) / 1e9, rssFirst,
                org.itkm.runtime.ProcessMemory.rssMiB(), List.copyOf(skips));
    }

    /**
     * Another view of a normalised image for the image-image term: flipped with probability 1/2, shifted by
     * up to {@link #VIEW_SHIFT} pixels each way (uncovered pixels 0, the normalised mean), and with
     * probability 1/2 replaced by its luma in all three channels (as an infrared camera gives grey images).
     */
    void secondView(float[] src, float[] dst, int offset, Random rnd) {
        boolean flip = rnd.nextBoolean();
        int dx = rnd.nextInt(2 * VIEW_SHIFT + 1) - VIEW_SHIFT;
        int dy = rnd.nextInt(2 * VIEW_SHIFT + 1) - VIEW_SHIFT;
        boolean grey = rnd.nextBoolean();
        float[] mean = ClipImagePreprocessor.MEAN;
        float[] std = ClipImagePreprocessor.STD;
        int n = height * width;
        for (int y = 0; y < height; y++) {
            int sy = y + dy;
            for (int x = 0; x < width; x++) {
                int sx = (flip ? width - 1 - x : x) + dx;
                int o = offset + y * width + x;
                if (sy < 0 || sy >= height || sx < 0 || sx >= width) {
                    dst[o] = 0f;
                    dst[o + n] = 0f;
                    dst[o + 2 * n] = 0f;
                    continue;
                }
                int i = sy * width + sx;
                if (grey) {
                    float r = src[i] * std[0] + mean[0];
                    float g = src[n + i] * std[1] + mean[1];
                    float b = src[2 * n + i] * std[2] + mean[2];
                    float l = ImageTransform.luma(r, g, b);
                    dst[o] = (l - mean[0]) / std[0];
                    dst[o + n] = (l - mean[1]) / std[1];
                    dst[o + 2 * n] = (l - mean[2]) / std[2];
                } else {
                    dst[o] = src[i];
                    dst[o + n] = src[n + i];
                    dst[o + 2 * n] = src[2 * n + i];
                }
            }
        }
    }

    private void copyImage(float[] src, float[] dst, int offset, boolean flip) {
        if (!flip) {
            System.arraycopy(src, 0, dst, offset, src.length);
            return;
        }
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                int row = (c * height + y) * width;
                for (int x = 0; x < width; x++) {
                    dst[offset + row + x] = src[row + width - 1 - x];
                }
            }
        }
    }
}
