package org.itkm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.itkm.bench.EncoderTrainingBenchmark;
import org.itkm.clip.ClipConfig;
import org.itkm.clip.PocketClip;
import org.itkm.io.InvalidInputException;
import org.itkm.runtime.ConsoleProgress;
import org.itkm.runtime.EngineRuntime;
import org.itkm.runtime.ProcessMemory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code itkm bench clip}: training speed of the image encoder in DJL next to the same architecture in
 * PyTorch (a script run with Debian's python3-torch, same batch and thread count), and resident memory
 * over many training steps.
 */
@Command(name = "clip", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Forward + backward + Adam images/s of the pocket CLIP image encoder (64x32,",
            "batch 64) and of ViT-B/16 at 256x128 (batch 8), DJL next to PyTorch",
            "(bench_clip.py, same threads), then RSS over --rss-steps pocket training steps",
            "(native memory must stay flat). RSS also grows while the Java heap's pages are",
            "first touched; to see native memory alone, fix and pre-touch the heap:",
            "  ITKM_JAVA_OPTS=\"-Xms512m -Xmx512m -XX:+AlwaysPreTouch\" ./itkm bench clip \\", "      --cases none"})
final class BenchClipCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--cases", split = ",", defaultValue = "pocket,vit-b16",
            description = "Which encoders: pocket, vit-b16, or none (RSS run only) (${DEFAULT-VALUE})")
    List<String> cases;

    @Option(names = "--steps", defaultValue = "0",
            description = "Timed steps per case, 0 to " + MAX_STEPS + " (0: 30 pocket, 5 ViT-B/16)")
    int steps;

    @Option(names = "--rss-steps", defaultValue = "1000",
            description = "Pocket steps of the RSS run, 0 (skip it) to " + MAX_RSS_STEPS + " (${DEFAULT-VALUE})")
    int rssSteps;

    static final int MAX_STEPS = 100_000;
    static final int MAX_RSS_STEPS = 1_000_000;

    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = "Python with torch for the reference (${DEFAULT-VALUE}); 'none' skips it")
    String python;

    private record Case(String name, ClipConfig.Vision vision, int proj, int batch, int steps) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        OptionBounds.require("--steps", steps, 0, MAX_STEPS, "timed steps per case");
        OptionBounds.require("--rss-steps", rssSteps, 0, MAX_RSS_STEPS, "pocket training steps");
        for (String c : cases) {
            if (!List.of("pocket", "vit-b16", "none").contains(c)) {
                throw new InvalidInputException("--cases: unknown case '" + c + "'; expected pocket, vit-b16 or none");
            }
        }
        String engine = EngineRuntime.describe(); // starts the engine before its thread count is asked
        int threads = ai.djl.pytorch.jni.JniUtils.getNumThreads();
        out.println(engine + ", intra-op threads " + threads);
        List<String[]> rows = new ArrayList<>();
        for (String c : cases) {
            if (c.equals("none")) {
                continue;
            }
            Case k = switch (c) {
                case "pocket" -> new Case("pocket CLIP image encoder 64x32, batch 64",
                        PocketClip.config(1).vision(), 128, 64, steps > 0 ? steps : 30);
                case "vit-b16" -> new Case("ViT-B/16 at 256x128, batch 8", BenchEncoders.VIT_B_16, 512, 8,
                        steps > 0 ? steps : 5);
                default -> throw new InvalidInputException("unknown case '" + c + "'; expected pocket or vit-b16");
            };
            out.printf(Locale.ROOT, "%n== %s ==%n", k.name());
            double[] djl;
            try (EncoderTrainingBenchmark b = new EncoderTrainingBenchmark(k.vision(), k.proj(), k.batch(),
                    EngineRuntime.defaultDevice())) {
                try (ConsoleProgress bar = new ConsoleProgress("bench clip " + c + " (steps)", k.steps())) {
                    djl = b.run(2, k.steps(), bar::set);
                }
                out.printf(Locale.ROOT, "DJL     %.1f images/s (best step %.1f), %d non-finite steps skipped%n", djl[0],
                        djl[1], b.skippedSteps());
            }
            String torch = python.equals("none") ? null : runPyTorch(k, threads, out);
            double pt = torch == null ? Double.NaN : field(torch, "images_per_s");
            double ptBest = torch == null ? Double.NaN : field(torch, "best_step_images_per_s");
            rows.add(new String[] {k.name(), fmt(djl[0]), fmt(djl[1]), fmt(pt), fmt(ptBest),
                torch == null ? "n/a" : String.format(Locale.ROOT, "%.2f", djl[1] / ptBest)});
        }
        out.println();
        out.println("| encoder | DJL images/s (mean) | DJL best step | PyTorch images/s (mean) | PyTorch best step |"
                + " DJL/PyTorch (best) |");
        out.println("|---|---|---|---|---|---|");
        for (String[] r : rows) {
            out.println("| " + String.join(" | ", r) + " |");
        }
        if (rssSteps > 0) {
            out.printf(Locale.ROOT, "%n== RSS over %d pocket training steps (batch 64) ==%n", rssSteps);
            List<String> samples = new ArrayList<>();
            int every = Math.max(1, rssSteps / 10);
            try (EncoderTrainingBenchmark b = new EncoderTrainingBenchmark(PocketClip.config(1).vision(), 128, 64,
                    EngineRuntime.defaultDevice())) {
                samples.add("0:" + ProcessMemory.rssMiB());
                double[] r;
                try (ConsoleProgress bar = new ConsoleProgress("bench clip RSS (steps)", rssSteps)) {
                    r = b.run(0, rssSteps, i -> {
                        bar.set(i);
                        if (i % every == 0) {
                            samples.add(i + ":" + ProcessMemory.rssMiB());
                        }
                    });
                }
                out.printf(Locale.ROOT, "%.1f images/s over the run, %d non-finite steps skipped%n", r[0],
                        b.skippedSteps());
            }
            out.println("step:RSS MiB  " + String.join("  ", samples));
        }
        return 0;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }

    private String runPyTorch(Case k, int threads, PrintWriter out) throws IOException, InterruptedException {
        try (PythonReference ref = PythonReference.open(EncoderTrainingBenchmark.class, "bench_clip.py")) {
            ClipConfig.Vision v = k.vision();
            return ref.run(python, List.of("--width", "" + v.width(), "--layers", "" + v.layers(), "--heads",
                    "" + v.heads(), "--patch", "" + v.patchSize(), "--height", "" + v.inputHeight(), "--img-width",
                    "" + v.inputWidth(), "--proj", "" + k.proj(), "--batch", "" + k.batch(), "--steps", "" + k.steps(),
                    "--warmup", "2", "--threads", "" + threads), 60, "PyTorch", "is python3-torch installed?", out);
        }
    }

    private static double field(String json, String key) {
        return PythonReference.fieldOrNaN(json, key);
    }
}
