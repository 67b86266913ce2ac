package org.itkm.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.itkm.bench.EncoderFlops;
import org.itkm.bench.EncoderMemoryBenchmark;
import org.itkm.bench.EncoderMemoryModel;
import org.itkm.clip.ClipConfig;
import org.itkm.runtime.EngineRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itkm bench memory}: peak memory and time of the dual-branch encoder's passes per batch size. */
@Command(name = "memory", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Peak memory and time of one forward + backward (and one forward only) of the",
            "dual-branch image encoder per batch size, a line fitted through them (fixed +",
            "per image), the FLOPs counted from the architecture and the throughput they",
            "imply, and what one step of a batch needs. Default: ViT-B/16 at 256x128, the",
            "paper profile's encoder; on a CPU the peak is the process's resident set",
            "(Linux), on a GPU the same float32 tensors live in device memory.",
            "Example: ./itkm bench memory --batches 1,2,4,8,16 --step-batch 192"})
final class BenchMemoryCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--arch", defaultValue = "vit-b-16",
            description = "Encoder: vit-b-16 (width 768, 12 layers, patch 16) or pocket (${DEFAULT-VALUE})")
    String arch;

    @Option(names = "--height", defaultValue = "256",
            description = "Input height, a multiple of the patch size (16; pocket 8) up to " + MAX_SIDE + " (${DEFAULT-VALUE})")
    int height;

    @Option(names = "--width", defaultValue = "128",
            description = "Input width, a multiple of the patch size up to " + MAX_SIDE + " (${DEFAULT-VALUE})")
    int width;

    @Option(names = "--batches", split = ",", defaultValue = "1,2,4,8,16",
            description = "Batch sizes of the training passes, each 1 to " + MAX_BATCH + " (${DEFAULT-VALUE})")
    List<Integer> batches;

    @Option(names = "--inference-batches", split = ",", defaultValue = "16,64",
            description = "Batch sizes of the forward-only passes (feature extraction), each 1 to " + MAX_BATCH
                    + " (${DEFAULT-VALUE})")
    List<Integer> inferenceBatches;

    @Option(names = "--step-batch", defaultValue = "192",
            description = "Images of one training step to size, 1 to " + MAX_STEP_BATCH
                    + " (paper: P 4 x K 8 x 2 groups x 3 scenarios = ${DEFAULT-VALUE})")
    int stepBatch;

    static final int MAX_SIDE = 1024;
    static final int MAX_BATCH = 1024;
    static final int MAX_STEP_BATCH = 100_000;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ClipConfig.Vision base = BenchEncoders.vision(arch);
        int patch = base.patchSize();
        for (String[] side : new String[][] {{"--height", "" + height}, {"--width", "" + width}}) {
            int value = Integer.parseInt(side[1]);
            if (value < patch || value > MAX_SIDE || value % patch != 0) {
                throw new org.itkm.io.InvalidInputException(side[0] + " " + value + ": expected a multiple of the "
                        + arch + " patch size " + patch + " from " + patch + " to " + MAX_SIDE);
            }
        }
        OptionBounds.requireEach("--batches", batches, 1, MAX_BATCH, "images per training pass");
        OptionBounds.require("--step-batch", stepBatch, 1, MAX_STEP_BATCH, "images per training step");
        OptionBounds.requireEach("--inference-batches", inferenceBatches, 1, MAX_BATCH, "images per forward pass");
        ClipConfig.Vision v = base.withInputSize(height, width);
        int proj = BenchEncoders.projection(arch);
        out.println(EngineRuntime.describe() + ", intra-op threads " + ai.djl.pytorch.jni.JniUtils.getNumThreads());
        EncoderFlops flops = EncoderFlops.of(v, proj);
        out.printf(Locale.ROOT, "encoder %s at %dx%d: %d tokens; counted GFLOP per image: forward %.2f, forward +"
                + " backward %.2f (both branches)%n", arch, height, width, v.gridHeight() * v.gridWidth() + 1,
                flops.forward(2) / 1e9, flops.training(2) / 1e9);
        List<EncoderMemoryBenchmark.Pass> training = new ArrayList<>();
        List<EncoderMemoryBenchmark.Pass> inference = new ArrayList<>();
        long parameters;
        try (EncoderMemoryBenchmark b = new EncoderMemoryBenchmark(v, proj, EngineRuntime.defaultDevice())) {
            parameters = b.parameterCount();
            out.printf(Locale.ROOT, "parameters %,d (%.0f MiB float32); each pass below runs in a fresh JVM%n",
                    b.parameterCount(), b.parameterCount() * 4 / 1048576.0);
        }
        out.println();
        out.println("| pass | batch | peak rise MiB | MiB per image | seconds | images/s | GFLOP/s |");
        out.println("|---|---:|---:|---:|---:|---:|---:|");
        try (org.itkm.runtime.ConsoleProgress bar = new org.itkm.runtime.ConsoleProgress("bench memory (passes)",
                batches.size() + inferenceBatches.size())) {
            for (int n : batches) {
                training.add(report(out, EncoderMemoryBenchmark.measureInFreshProcess(v, proj, n, true),
                        flops.training(2)));
                bar.step(1);
            }
            for (int n : inferenceBatches) {
                inference.add(report(out, EncoderMemoryBenchmark.measureInFreshProcess(v, proj, n, false),
                        flops.forward(2)));
                bar.step(1);
            }
        }
        EncoderMemoryModel.Fit fit = EncoderMemoryModel.Fit.of(training);
        out.println();
        out.printf(Locale.ROOT, "training pass, least-squares line over %d batch sizes: %.1f MiB + %.2f MiB per image"
                + " (largest residual %.1f MiB)%n", training.size(), fit.fixedMiB(), fit.mibPerImage(),
                fit.largestResidualMiB());
        out.printf(Locale.ROOT, "one step of %d images in one pass: %.1f GiB measured-line, %.1f GiB counted"
                + " (org.itkm.bench.EncoderMemoryModel), for activations, temporaries and gradients; plus the weights"
                + " and Adam's two moments: %.1f GiB%n", stepBatch, fit.predictMiB(stepBatch) / 1024,
                (EncoderMemoryModel.trainingBytesPerImage(v) * stepBatch + 4.0 * parameters) / (1L << 30),
                3.0 * 4 * parameters / (1L << 30));
        if (!inference.isEmpty()) {
            EncoderMemoryBenchmark.Pass last = inference.get(inference.size() - 1);
            out.printf(Locale.ROOT, "feature extraction: %.2f MiB per image at batch %d%n", last.mibPerImage(),
                    last.batch());
        }
        return 0;
    }

    private static EncoderMemoryBenchmark.Pass report(PrintWriter out, EncoderMemoryBenchmark.Pass p, double flops) {
        out.printf(Locale.ROOT, "| %s | %d | %.1f | %.2f | %.2f | %.1f | %.1f |%n",
                p.training() ? "forward + backward" : "forward", p.batch(), p.peakMiB(), p.mibPerImage(), p.seconds(),
                p.batch() / p.seconds(), flops * p.batch() / p.seconds() / 1e9);
        out.flush();
        return p;
    }
}
