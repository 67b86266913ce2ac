package org.itkm.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.itkm.bench.prediction.PaperRunPrediction;
import org.itkm.clip.ClipConfig;
import org.itkm.clip.VisionTransformer;
import org.itkm.clip.checkpoint.ClipArchitecture;
import org.itkm.config.RunConfig;
import org.itkm.io.InvalidInputException;
import org.itkm.train.MicroBatchPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itkm bench predict}: the paper profile's wall time on one GPU, from a rehearsal run and FLOP counts. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict the wall time of the whole paper profile (ITKM(M), 3 x 50 epochs,",
            "ViT-B/16 at 256x128) on one GPU: the encoder's FLOPs (counted from the",
            "architecture, per image and step) over the GPU's sustained throughput, plus the",
            "host parts a rehearsal run measured at the real data sets' sizes (clustering",
            "and matching per epoch) and the input pipeline's rate per core. Check it",
            "against the stage seconds in your run's manifest.json."},
        footer = {"", "Example:", "  ./itkm bench predict --rehearsal results/rehearsal/runs/<run>-itkm-M \\", "      --gpu-tflops 40"})
final class BenchPredictCommand implements Callable<Integer> {
    /** Memories of common GPUs: 16 (V100), 24 (RTX 4090), 40 / 80 (A100), 141 GiB (H200). */
    private static final int[] GPU_GIB = {16, 24, 40, 80, 141};

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--rehearsal", required = true, description = "A finished rehearsal run directory (ITKM(M))")
    Path rehearsal;

    @Option(names = "--gpu-tflops", defaultValue = "40",
            description = "Sustained float32 TFLOP/s of the GPU on ViT-B/16's matrix products, above 0 and at most "
                    + "10,000 (${DEFAULT-VALUE})")
    double tflops;

    @Option(names = "--host-cores", defaultValue = "16",
            description = "CPU cores for decoding, 1 to 4,096 (${DEFAULT-VALUE})")
    int cores;

    @Option(names = "--images-per-core-second", defaultValue = "1500",
            description = "Input pipeline images per CPU-second (itkm bench data), above 0 and at most 10,000,000"
                    + " (${DEFAULT-VALUE})")
    double rate;

    @Override
    public Integer call() throws Exception {
        OptionBounds.requirePositive("--gpu-tflops", tflops, 10_000, "TFLOP/s");
        OptionBounds.require("--host-cores", cores, 1, 4096, "cores");
        OptionBounds.requirePositive("--images-per-core-second", rate, 10_000_000, "images per CPU-second");
        if (!Files.isRegularFile(rehearsal.resolve("manifest.json"))
                || !Files.isRegularFile(rehearsal.resolve("metrics.csv"))) {
            throw new InvalidInputException(rehearsal + ": not a run directory (expected manifest.json and"
                    + " metrics.csv of ./itkm rehearse)");
        }
        checkRehearsal(rehearsal);
        PrintWriter out = spec.commandLine().getOut();
        RunConfig paper = RunConfig.load("paper", null, List.of()).config();
        ClipConfig clip = ClipArchitecture.VIT_B_16.config().withInputSize(paper.data().height(), paper.data().width());
        PaperRunPrediction p = new PaperRunPrediction(tflops, cores, rate);
        List<PaperRunPrediction.Stage> stages = p.predict(rehearsal, paper, clip);
        int batch = 6 * paper.sampler().identitiesPerGroup() * paper.sampler().instancesPerIdentity();
        out.print(p.toMarkdown(stages, clip, batch));
        out.println();
        out.println("What training.microBatch auto chooses per GPU (free = memory - 2 GiB for the CUDA context and"
                + " the frozen CLIP copy):");
        long parameters = visionParameters(clip);
        for (int gib : GPU_GIB) {
            long total = (long) gib << 30;
            MicroBatchPlan plan = MicroBatchPlan.fit(clip.vision(), parameters,
                    new MicroBatchPlan.DeviceMemory(gib + " GiB GPU", total - (2L << 30), total), batch, "step");
            out.printf(Locale.ROOT, "  %3d GiB: %s%n", gib, plan.images() == 0 ? "the whole batch in one pass"
                    : plan.images() + " images per pass, " + (batch + plan.images() - 1) / plan.images() + " passes");
        }
        return 0;
    }

    /**
     * The prediction scales a rehearsal's measurements (ITKM(M) at the real data sets' sizes with the
     * paper's settings) to the paper's schedule: any other run (another profile, method or mode, or one
     * that did not finish) would give a number that looks as good and means nothing.
     */
    static void checkRehearsal(Path dir) throws java.io.IOException {
        com.google.gson.JsonObject m = org.itkm.run.RunManifest.read(dir.resolve("manifest.json"));
        com.google.gson.JsonObject c = m.has("config") && m.get("config").isJsonObject() ? m.getAsJsonObject("config")
                : new com.google.gson.JsonObject();
        com.google.gson.JsonObject t = c.has("training") && c.get("training").isJsonObject()
                ? c.getAsJsonObject("training") : new com.google.gson.JsonObject();
        String profile = text(c, "profile");
        String method = text(t, "method");
        String mode = text(t, "mode");
        String status = text(m, "status");
        List<String> wrong = new java.util.ArrayList<>();
        if (!"rehearsal".equals(profile)) {
            wrong.add("profile " + profile);
        }
        if (!"itkm".equalsIgnoreCase(String.valueOf(method))) {
            wrong.add("method " + method);
        }
        if (!"M".equalsIgnoreCase(String.valueOf(mode))) {
            wrong.add("mode " + mode);
        }
        if (!"finished".equals(status)) {
            wrong.add("status " + status);
        }
        if (!m.has("groupDivision") || !m.get("groupDivision").isJsonArray()) {
            wrong.add("no group division recorded");
        }
        if (!wrong.isEmpty()) {
            throw new InvalidInputException(dir + ": not a finished rehearsal run (" + String.join(", ", wrong)
                    + "); --rehearsal expects the ITKM(M) run of ./itkm rehearse"
                    + " (results/rehearsal/runs/<run>-itkm-M, status finished)");
        }
    }

    private static String text(com.google.gson.JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonPrimitive() ? o.get(key).getAsString() : null;
    }

    /** The image encoder's parameters as training builds it (both patch embeddings, the scenario embedding). */
    private static long visionParameters(ClipConfig clip) {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            VisionTransformer v = new VisionTransformer(clip.vision(), clip.projectionDim(), clip.scenarios());
            v.initialize(m, DataType.FLOAT32, new Shape(1, 3, clip.vision().inputHeight(), clip.vision().inputWidth()));
            return v.parameterCount();
        }
    }
}
