package org.itkm.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.itkm.clip.ClipConfig;
import org.itkm.clip.VisionTransformer;
import org.itkm.runtime.ProcessMemory;
import org.itkm.runtime.Scalars;

/**
 * Peak memory and time of one pass of the dual-branch image encoder over a batch, as training uses it:
 * half the images through patch embedding A and half through B, each with a scenario-embedding row,
 * and (for training) the backward pass into every encoder parameter. Each pass runs in a fresh JVM
 * ({@link #measureInFreshProcess}): an allocator that has served a larger pass keeps its pages, so only a
 * process's first pass shows what a pass needs. Memory is the rise of the peak resident set over the
 * process with its weights loaded: on a CPU, what the engine allocates for the pass (every intermediate
 * array of the forward pass, which DJL keeps until the step's manager closes, the backward pass's
 * temporaries, and the parameters' gradients). A GPU holds the same float32 tensors, plus its caching
 * allocator's slack.
 */
public final class EncoderMemoryBenchmark implements AutoCloseable {
    /**
     * One measured pass.
     *
     * @param peakMiB rise of the peak resident set during the pass, MiB
     * @param seconds wall time of the pass
     */
    public record Pass(int batch, boolean training, double peakMiB, double seconds) {
        public double mibPerImage() {
            return peakMiB / batch;
        }
    }

    private final ClipConfig.Vision cfg;
    private final NDManager manager;
    private final VisionTransformer encoder;
    private final ParameterStore ps;
    private final List<Parameter> parameters = new ArrayList<>();
    private final boolean peakResettable;

    public EncoderMemoryBenchmark(ClipConfig.Vision cfg, int projectionDim, Device device) {
        this.cfg = cfg;
        manager = NDManager.newBaseManager(device);
        encoder = new VisionTransformer(cfg, projectionDim, ClipConfig.DEFAULT_SCENARIOS);
        encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 3, cfg.inputHeight(), cfg.inputWidth()));
        ps = new ParameterStore(manager, false);
        for (Pair<String, Parameter> p : encoder.getParameters()) {
            p.getValue().getArray().setRequiresGradient(true); // training trains every encoder parameter
            parameters.add(p.getValue());
        }
        peakResettable = ProcessMemory.resetPeak();
    }

    /** Whether peaks can be measured per pass (Linux's clear_refs); without it every peak is the process's. */
    public boolean peakResettable() {
        return peakResettable;
    }

    /** Parameters of the encoder (both branches and the scenario embedding included). */
    public long parameterCount() {
        return encoder.parameterCount();
    }

    /**
     * Measures one pass of {@code batch} images in this process: forward + backward when training, else
     * forward only. Only the first pass of a process is a clean measurement.
     */
    public Pass measure(int batch, boolean training) {
        System.gc();
        ProcessMemory.resetPeak();
        long before = ProcessMemory.rssKiB();
        long t0 = System.nanoTime();
        pass(batch, training);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = ProcessMemory.peakRssKiB();
        return new Pass(batch, training, (peak - before) / 1024.0, seconds);
    }

    private void pass(int batch, boolean training) {
        int values = batch * 3 * cfg.inputHeight() * cfg.inputWidth();
        ByteBuffer input = ByteBuffer.allocateDirect(4 * values).order(ByteOrder.nativeOrder());
        Random r = new Random(batch);
        for (int i = 0; i < values; i++) {
            input.putFloat((float) r.nextGaussian());
        }
        int[] groups = new int[batch];
        int[] scenarios = new int[batch];
        for (int i = 0; i < batch; i++) {
            groups[i] = i % 2;
            scenarios[i] = (i / 2) % ClipConfig.DEFAULT_SCENARIOS;
        }
        try (NDManager step = manager.newSubManager()) {
            NDArray images = step.create(input.rewind(), new Shape(batch, 3, cfg.inputHeight(), cfg.inputWidth()),
                    DataType.FLOAT32).toDevice(manager.getDevice(), false);
            if (!training) {
                encoder.encode(ps, images, groups, scenarios, false).sum().getFloat();
                return;
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(encoder.encode(ps, images, groups, scenarios, true).square().mean());
            }
            for (Parameter p : parameters) {
                NDArray g = p.getArray().getGradient();
                g.attach(step);
                Scalars.muli(g, 0f);
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }

    /** One pass in a new JVM with this one's class path, options and environment (malloc and OpenMP settings). */
    public static Pass measureInFreshProcess(ClipConfig.Vision v, int projectionDim, int batch, boolean training)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), EncoderMemoryBenchmark.class.getName()));
        for (Object a : new Object[] {v.width(), v.layers(), v.heads(), v.mlpDim(), v.patchSize(), v.checkpointHeight(),
            v.checkpointWidth(), v.inputHeight(), v.inputWidth(), v.activation(), v.layerNormEps(), projectionDim, batch,
            training}) {
            cmd.add(String.valueOf(a));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0 || !text.contains("PASS ")) {
            throw new IOException("the measuring process failed (exit " + p.exitValue() + "): " + text);
        }
        String[] f = text.substring(text.lastIndexOf("PASS ") + 5).trim().split("\\s+");
        return new Pass(batch, training, Double.parseDouble(f[0]), Double.parseDouble(f[1]));
    }

    /** The child of {@link #measureInFreshProcess}: the vision config, projection, batch, training; prints PASS. */
    public static void main(String[] args) {
        int i = 0;
        ClipConfig.Vision v = new ClipConfig.Vision(Integer.parseInt(args[i++]), Integer.parseInt(args[i++]),
                Integer.parseInt(args[i++]), Integer.parseInt(args[i++]), Integer.parseInt(args[i++]),
                Integer.parseInt(args[i++]), Integer.parseInt(args[i++]), Integer.parseInt(args[i++]),
                Integer.parseInt(args[i++]), ClipConfig.Activation.valueOf(args[i++]), Float.parseFloat(args[i++]));
        int projection = Integer.parseInt(args[i++]);
        int batch = Integer.parseInt(args[i++]);
        boolean training = Boolean.parseBoolean(args[i]);
        try (EncoderMemoryBenchmark b = new EncoderMemoryBenchmark(v, projection, org.itkm.runtime.EngineRuntime
                .defaultDevice())) {
            if (!b.peakResettable()) {
                throw new IllegalStateException("/proc/self/clear_refs is not writable: cannot measure a peak");
            }
            Pass pass = b.measure(batch, training);
            System.out.println("PASS " + pass.peakMiB() + " " + pass.seconds());
        }
    }
}
