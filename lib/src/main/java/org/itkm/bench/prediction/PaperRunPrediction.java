package org.itkm.bench.prediction;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.itkm.bench.EncoderFlops;
import org.itkm.bench.EncoderMemoryModel;
import org.itkm.clip.ClipConfig;
import org.itkm.config.RunConfig;
import org.itkm.report.ResultTable;
import org.itkm.run.MetricsLog;

/**
 * The wall time of the whole {@code paper} profile (ITKM(M), three stages of 50 epochs) on one GPU of a
 * stated sustained throughput, per stage: the encoder work as FLOPs counted from the architecture
 * ({@link EncoderFlops}) divided by the throughput, plus the parts that run on the host measured at the
 * real data sets' sizes by a rehearsal run (clustering and matching per epoch) and the input pipeline's
 * measured rate per CPU core. Nothing here is a GPU measurement: a GPU user checks it against the
 * {@code seconds} of their own run's manifest.
 *
 * @param gpuTflops sustained float32 throughput of the GPU on ViT-B/16's products, TFLOP/s
 * @param hostCores CPU cores decoding and augmenting images
 * @param imagesPerCoreSecond the input pipeline's measured images per CPU-second
 */
public record PaperRunPrediction(double gpuTflops, int hostCores, double imagesPerCoreSecond) {
    private static final Gson GSON = new Gson();
    /** Stage II prompt length with CLIP's BPE: begin, "a photo of a", 4 learnt tokens, "person .", end. */
    public static final int PROMPT_TOKENS = 12;

    /** One stage's prediction: GPU seconds (encoder passes), host seconds (clustering, matching, loading). */
    public record Stage(String name, int epochs, double petaflops, double gpuSeconds, double hostSeconds) {
        public double hours() {
            return (gpuSeconds + hostSeconds) / 3600;
        }
    }

    /**
     * Sizes the work from a rehearsal run's manifest and metrics (the group sizes it trained and evaluated
     * at, its per-epoch clustering and matching seconds) and the paper configuration {@code paper}.
     */
    public List<Stage> predict(Path rehearsalRun, RunConfig paper, ClipConfig clip) throws IOException {
        JsonObject manifest = GSON.fromJson(Files.readString(rehearsalRun.resolve("manifest.json")), JsonObject.class);
        long train = 0;
        long test = 0;
        for (JsonElement g : manifest.getAsJsonArray("groupDivision")) {
            JsonObject d = GSON.fromJson(g.getAsString(), JsonObject.class);
            train += sum(d.getAsJsonObject("train"));
            test += sum(d.getAsJsonObject("query")) + sum(d.getAsJsonObject("gallery"));
        }
        List<Map<String, String>> rows = new MetricsLog(rehearsalRun.resolve("metrics.csv")).rows();
        EncoderFlops image = EncoderFlops.of(clip.vision(), clip.projectionDim());
        EncoderFlops prompt = EncoderFlops.ofText(clip.text(), PROMPT_TOKENS, clip.projectionDim());
        int units = manifest.getAsJsonArray("groupDivision").size() * 2;
        int batch = units * paper.sampler().identitiesPerGroup() * paper.sampler().instancesPerIdentity();
        int steps = paper.sampler().iterationsPerEpoch();
        List<Stage> out = new ArrayList<>();
        for (String s : List.of("stage1", "stage2", "stage3")) {
            RunConfig.Stage sched = paper.schedule(s);
            int epochs = sched.epochs();
            double flops;
            double host;
            if (s.equals("stage2")) { // the frozen CLIP's features once, then prompts through the frozen text tower
                long stepsPerEpoch = (train + sched.batchSize() - 1) / sched.batchSize();
                flops = train * image.forward(1) + epochs * stepsPerEpoch * Math.min(sched.batchSize(), train)
                        * prompt.throughFrozenWeights();
                host = loading(train);
            } else {
                int evaluations = paper.eval().evaluations(epochs);
                // every epoch: features of every training image (one branch each), then the steps
                flops = epochs * (train * image.forward(1) + (double) steps * batch * image.training(2))
                        + evaluations * test * image.forward(1);
                host = epochs * (mean(rows, s, "cluster_seconds") + mean(rows, s, "prepare_seconds")
                        + loading(train + (long) steps * batch)) + evaluations * loading(test);
            }
            out.add(new Stage(s, epochs, flops / 1e15, flops / (gpuTflops * 1e12), host));
        }
        return out;
    }

    /** The prediction as Markdown, with the GPU memory one step needs. */
    public String toMarkdown(List<Stage> stages, ClipConfig clip, int batch) {
        ResultTable t = new ResultTable("stage", "epochs", "encoder PFLOP", "GPU h", "host h", "total h");
        double total = 0;
        for (Stage s : stages) {
            t.addRow(s.name(), String.valueOf(s.epochs()), f(s.petaflops(), 1), f(s.gpuSeconds() / 3600, 2),
                    f(s.hostSeconds() / 3600, 2), f(s.hours(), 2));
            total += s.hours();
        }
        t.addRow("all", "", f(stages.stream().mapToDouble(Stage::petaflops).sum(), 1), "", "", f(total, 2));
        double perImage = EncoderMemoryModel.trainingBytesPerImage(clip.vision());
        return t.toMarkdown() + String.format(Locale.ROOT, "%nAt %.0f TFLOP/s sustained, %d host cores decoding at %.0f"
                + " images per core-second. One step of %d images in one pass needs about %.1f GiB of GPU memory"
                + " for the encoder's activations (%.0f MiB per image, counted), besides the weights, gradients"
                + " and Adam's moments.%n", gpuTflops, hostCores, imagesPerCoreSecond, batch,
                batch * perImage / (1L << 30), perImage / (1 << 20));
    }

    private double loading(long images) {
        return images / (imagesPerCoreSecond * hostCores);
    }

    private static long sum(JsonObject counts) {
        long n = 0;
        for (Map.Entry<String, JsonElement> e : counts.entrySet()) {
            n += e.getValue().getAsLong();
        }
        return n;
    }

    private static double mean(List<Map<String, String>> rows, String stage, String key) {
        return rows.stream().filter(r -> stage.equals(r.get("stage")) && r.containsKey(key))
                .mapToDouble(r -> Double.parseDouble(r.get(key))).average().orElse(0);
    }

    private static String f(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
