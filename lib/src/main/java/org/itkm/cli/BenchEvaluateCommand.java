package org.itkm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.itkm.eval.LabeledFeatures;
import org.itkm.eval.PlantedFeatures;
import org.itkm.eval.Protocol;
import org.itkm.eval.RankingMetrics;
import org.itkm.eval.ReidEvaluator;
import org.itkm.io.NpyFile;
import org.itkm.runtime.EngineRuntime;
import org.itkm.runtime.ProcessMemory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code itkm bench evaluate}: the evaluator against a vectorised NumPy implementation (full distance
 * matrix + argsort per query) on the same planted data, in the same run.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time `evaluate` on planted features against the NumPy reference (full",
            "similarity matrix + argsort per query, run with Debian's /usr/bin/python3) and",
            "check that the metrics agree. Default cases: 10,000 x 50,000 x 512 (standard)",
            "and the LTCC test size 493 x 7,050 x 512 (ltcc-general and ltcc-cc)."})
final class BenchEvaluateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--cases", split = ",", defaultValue = "large,ltcc",
            description = "Which cases: large, ltcc, or custom (then --queries/--gallery/--dim). Default: ${DEFAULT-VALUE}")
    List<String> cases;

    @Option(names = "--queries", defaultValue = "10000",
            description = "Custom case: queries, 1 to " + MAX_QUERIES + " (${DEFAULT-VALUE})")
    int queries;

    @Option(names = "--gallery", defaultValue = "50000",
            description = "Custom case: gallery, 1 to " + MAX_GALLERY + " (${DEFAULT-VALUE})")
    int gallery;

    @Option(names = "--dim", defaultValue = "512", description = "Custom case: dimension, 1 to " + MAX_DIM
            + "; gallery x dim at most " + MAX_VALUES + " values (${DEFAULT-VALUE})")
    int dim;

    static final int MAX_QUERIES = 200_000;
    static final int MAX_GALLERY = 1_000_000;
    static final int MAX_DIM = 8192;
    /** Largest planted gallery matrix, in float values (2 GiB). */
    static final long MAX_VALUES = 1L << 29;
    static final int MAX_REPEATS = 100;

    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = "Python with NumPy for the reference (${DEFAULT-VALUE}); 'none' skips it")
    String python;

    @Option(names = "--repeats", defaultValue = "3",
            description = "Timed Java runs per case after a warm-up, 1 to " + MAX_REPEATS + "; the best is reported"
                    + " (${DEFAULT-VALUE})")
    int repeats;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        OptionBounds.require("--repeats", repeats, 1, MAX_REPEATS, "timed runs per case");
        if (cases.contains("custom")) {
            OptionBounds.require("--queries", queries, 1, MAX_QUERIES, "queries");
            OptionBounds.require("--gallery", gallery, 1, MAX_GALLERY, "gallery items");
            OptionBounds.require("--dim", dim, 1, MAX_DIM, "feature dimensions");
            if ((long) Math.max(queries, gallery) * dim > MAX_VALUES) {
                throw new org.itkm.io.InvalidInputException("--gallery " + gallery + " / --queries " + queries
                        + " x --dim " + dim + ": more than " + MAX_VALUES + " float values (2 GiB) in one matrix;"
                        + " expected a smaller case");
            }
        }
        for (String c : cases) {
            if (!List.of("large", "ltcc", "custom").contains(c)) {
                throw new org.itkm.io.InvalidInputException("--cases: unknown case '" + c
                        + "'; expected large, ltcc or custom");
            }
        }
        out.println(EngineRuntime.describe());
        List<String[]> rows = new ArrayList<>();
        boolean allAgree = true;
        for (String c : cases) {
            List<BenchCase> runs = switch (c) {
                case "large" -> List.of(new BenchCase(spec(10_000, 50_000, 512, 5_000, 6), Protocol.STANDARD));
                case "ltcc" -> List.of(new BenchCase(spec(493, 7_050, 512, 75, 12), Protocol.LTCC_GENERAL),
                        new BenchCase(spec(493, 7_050, 512, 75, 12), Protocol.LTCC_CC));
                case "custom" -> List.of(new BenchCase(spec(queries, gallery, dim, Math.max(1, gallery / 10), 6),
                        Protocol.STANDARD));
                default -> throw new org.itkm.io.InvalidInputException("unknown case '" + c
                        + "'; expected large, ltcc or custom");
            };
            for (BenchCase run : runs) {
                String[] row = runCase(run.spec(), run.protocol(), out);
                allAgree &= !row[6].startsWith("DIFFER");
                rows.add(row);
            }
        }
        out.println();
        out.println("| case | protocol | Java (s) | NumPy (s) | speed-up | Java peak RSS (MiB) | metrics |");
        out.println("|---|---|---|---|---|---|---|");
        for (String[] r : rows) {
            out.println("| " + String.join(" | ", r) + " |");
        }
        return allAgree ? 0 : 1;
    }

    private record BenchCase(PlantedFeatures.Spec spec, Protocol protocol) {}

    private static PlantedFeatures.Spec spec(int q, int g, int d, int ids, int cams) {
        return new PlantedFeatures.Spec(q, g, d, ids, cams, 3, 2.0, 0.6, 0.6, 20261121L);
    }

    private String[] runCase(PlantedFeatures.Spec s, Protocol protocol, PrintWriter out) throws Exception {
        String name = String.format(Locale.ROOT, "%,d x %,d x %d", s.queries(), s.gallery(), s.dim());
        out.printf(Locale.ROOT, "%n== %s, %s ==%n", name, protocol.id());
        LabeledFeatures[] data = PlantedFeatures.generate(s);
        // engine start and JIT warm-up on a slice of the queries, untimed
        ReidEvaluator.evaluate(data[0].select(java.util.stream.IntStream.range(0, Math.min(500, s.queries())).toArray()),
                data[1], protocol);
        double best = Double.MAX_VALUE;
        RankingMetrics m = null;
        try (org.itkm.runtime.ConsoleProgress bar = new org.itkm.runtime.ConsoleProgress("bench evaluate " + name
                + " " + protocol.id(), (long) repeats * s.queries())) {
            for (int r = 0; r < repeats; r++) {
                long base = (long) r * s.queries();
                long t0 = System.nanoTime();
                m = ReidEvaluator.evaluate(data[0], data[1], protocol, protocol.defaultTrials(), 0,
                        done -> bar.set(base + done));
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
        }
        out.printf(Locale.ROOT, "java   %.2f s  %s%n", best, m.toJson(protocol, 0));
        String numpySeconds = "n/a";
        String speedup = "n/a";
        String agreement = "not checked";
        if (!python.equals("none")) {
            String ref = runReference(data, protocol, out);
            if (ref != null) {
                double sec = field(ref, "seconds");
                numpySeconds = String.format(Locale.ROOT, "%.2f", sec);
                speedup = String.format(Locale.ROOT, "%.1fx", sec / best);
                double diff = maxDifference(m, ref);
                agreement = diff <= 1e-3 ? String.format(Locale.ROOT, "identical (max diff %.1e pp)", diff)
                        : String.format(Locale.ROOT, "DIFFER by %.4f pp", diff);
                out.println("agreement: " + agreement);
            }
        }
        return new String[] {name, protocol.id(), String.format(Locale.ROOT, "%.2f", best), numpySeconds, speedup,
            String.valueOf(ProcessMemory.peakRssMiB()), agreement};
    }

    private String runReference(LabeledFeatures[] data, Protocol protocol, PrintWriter out)
            throws IOException, InterruptedException {
        try (PythonReference ref = PythonReference.open(ReidEvaluator.class, "reference_eval.py")) {
            Path d = ref.dir();
            NpyFile.write(d.resolve("q.npy"), data[0].features());
            NpyFile.write(d.resolve("g.npy"), data[1].features());
            data[0].labels().writeCsv(d.resolve("q.csv"));
            data[1].labels().writeCsv(d.resolve("g.csv"));
            return ref.run(python, List.of("--query-features", d.resolve("q.npy").toString(), "--gallery-features",
                    d.resolve("g.npy").toString(), "--query-meta", d.resolve("q.csv").toString(), "--gallery-meta",
                    d.resolve("g.csv").toString(), "--protocol", protocol.id(), "--mode", "fast"), 60, "numpy",
                    "is python3-numpy installed?", out);
        }
    }

    private static double maxDifference(RankingMetrics m, String json) {
        double[] ours = {m.rank1(), m.rank5(), m.rank10(), m.rank20(), m.mAP(), m.mINP()};
        String[] keys = {"rank1", "rank5", "rank10", "rank20", "mAP", "mINP"};
        double max = Math.abs(field(json, "queries") - m.queries());
        for (int i = 0; i < keys.length; i++) {
            max = Math.max(max, Math.abs(ours[i] - field(json, keys[i])));
        }
        return max;
    }

    private static double field(String json, String key) {
        return PythonReference.field(json, key);
    }
}
