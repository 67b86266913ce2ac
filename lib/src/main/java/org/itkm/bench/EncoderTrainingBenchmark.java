package org.itkm.bench;

import org.itkm.runtime.Scalars;

import org.itkm.runtime.OwnedArrays;

import ai.djl.Device;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;
import org.itkm.clip.ClipConfig;
import org.itkm.clip.VisionTransformer;

/**
 * Forward + backward + Adam steps of the ITKM image encoder alone (loss: mean squared distance to fixed
 * random target features; a loss pulling features to zero collapses the class token and makes post-LN
 * gradients blow up), as a
 * training step of Stage I/III costs, for speed and native-memory measurements. Inputs come from one
 * reused direct buffer; every step runs in its own NDManager.
 */
public final class EncoderTrainingBenchmark implements AutoCloseable {
    private final NDManager manager;
    private final VisionTransformer encoder;
    private final ParameterStore ps;
    private final Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-4f)).build();
    private final List<Parameter> trainable = new ArrayList<>();
    private final ByteBuffer input;
    private final NDArray target;
    private final int batch;
    private int skipped;

    public EncoderTrainingBenchmark(ClipConfig.Vision cfg, int projectionDim, int batch, Device device) {
        this.batch = batch;
        manager = NDManager.newBaseManager(device);
        encoder = new VisionTransformer(cfg, projectionDim, ClipConfig.DEFAULT_SCENARIOS);
        encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 3, cfg.inputHeight(), cfg.inputWidth()));
        ps = new ParameterStore(manager, false);
        for (Pair<String, Parameter> p : encoder.getParameters()) {
            String n = p.getValue().getName();
            boolean train = !n.equals("scenario_embedding") && !n.equals("patch_embedding_b");
            p.getValue().getArray().setRequiresGradient(train);
            if (train) {
                trainable.add(p.getValue());
            }
        }
        int values = batch * 3 * cfg.inputHeight() * cfg.inputWidth();
        input = ByteBuffer.allocateDirect(4 * values).order(ByteOrder.nativeOrder());
        Random r = new Random(1);
        for (int i = 0; i < values; i++) {
            input.putFloat((float) r.nextGaussian());
        }
        float[] t = new float[batch * projectionDim];
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) r.nextGaussian();
        }
        target = OwnedArrays.floats(manager, t, new Shape(batch, projectionDim));
    }

    /** One training step; returns the loss, or NaN when the loss or a gradient was not finite (no update). */
    public float step() {
        ClipConfig.Vision cfg = encoder.config();
        try (NDManager step = manager.newSubManager()) {
            NDArray images = step.create(input.rewind(), new Shape(batch, 3, cfg.inputHeight(), cfg.inputWidth()),
                    DataType.FLOAT32).toDevice(manager.getDevice(), false);
            float loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = encoder.encode(ps, images, null, null, true).sub(target).square().mean();
                loss = l.getFloat();
                if (!Float.isFinite(loss)) {
                    skipped++;
                    return Float.NaN;
                }
                gc.backward(l);
            }
            List<NDArray> grads = new ArrayList<>(trainable.size());
            NDArray total = null;
            for (Parameter p : trainable) {
                NDArray g = p.getArray().getGradient();
                g.attach(step);
                grads.add(g);
                total = total == null ? g.abs().sum() : total.add(g.abs().sum());
            }
            boolean finite = Float.isFinite(total.getFloat()); // the same check training does
            for (int i = 0; i < trainable.size(); i++) {
                NDArray g = grads.get(i);
                if (finite) {
                    adam.update(trainable.get(i).getId(), trainable.get(i).getArray(), g);
                } else {
                    g.set(g.isNaN().logicalOr(g.isInfinite()), 0f);
                }
                Scalars.muli(g, 0f);
            }
            if (!finite) {
                skipped++;
                return Float.NaN;
            }
            return loss;
        }
    }

    /**
     * Runs warm-up then timed steps.
     *
     * @param afterStep called with the step number after every timed step (RSS sampling)
     * @return {mean images/s, best-step images/s}
     */
    public double[] run(int warmup, int steps, IntConsumer afterStep) {
        for (int i = 0; i < warmup; i++) {
            step();
        }
        double best = Double.MAX_VALUE;
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            long s = System.nanoTime();
            step();
            best = Math.min(best, (System.nanoTime() - s) / 1e9);
            if (afterStep != null) {
                afterStep.accept(i + 1);
            }
        }
        double total = (System.nanoTime() - t0) / 1e9;
        return new double[] {batch * steps / total, batch / best};
    }

    /** Steps skipped because the loss or a gradient was not finite. */
    public int skippedSteps() {
        return skipped;
    }

    @Override
    public void close() {
        manager.close();
    }
}
