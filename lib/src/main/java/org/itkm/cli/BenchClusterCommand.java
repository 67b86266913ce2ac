package org.itkm.cli;

import ai.djl.Device;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.itkm.cluster.AdjustedRandIndex;
import org.itkm.cluster.JaccardDbscan;
import org.itkm.cluster.NearestNeighbors;
import org.itkm.cluster.PairwiseFScore;
import org.itkm.cluster.PseudoLabels;
import org.itkm.eval.LabeledFeatures;
import org.itkm.eval.PlantedFeatures;
import org.itkm.io.FloatMatrix;
import org.itkm.io.NpyFile;
import org.itkm.match.LinearAssignment;
import org.itkm.runtime.EngineRuntime;
import org.itkm.runtime.ProcessMemory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code itkm bench cluster}: pseudo-labelling of planted features against the dense NumPy Jaccard +
 * scikit-learn DBSCAN reference in the same run, plus scaling and the Hungarian solver.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time `cluster` (k1=30, k2=6, eps=0.6, min_samples=4) on planted 512-d features:",
            "34,000 rows (SYSU-MM01's training size) against the dense NumPy k-reciprocal",
            "Jaccard + scikit-learn DBSCAN reference (run with Debian's /usr/bin/python3;",
            "needs ~10 GB of memory at 34k), checking that the partitions agree (adjusted",
            "Rand index, noise set); 100,000 rows Java only; the Hungarian solver at 2,000 x", "2,000."})
final class BenchClusterCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--sizes", split = ",", defaultValue = "34000,100000",
            description = "Rows per case, each 2 to " + MAX_ROWS + " (${DEFAULT-VALUE}); the reference runs for sizes"
                    + " <= --reference-max-rows")
    List<Integer> sizes;

    static final int MAX_ROWS = 1_000_000;
    static final int MAX_HUNGARIAN = 10_000;

    @Option(names = "--reference-max-rows", defaultValue = "34000",
            description = "Largest case the Python reference is run on, 0 to " + MAX_ROWS + " (${DEFAULT-VALUE})")
    int referenceMaxRows;

    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = "Python with NumPy and scikit-learn (${DEFAULT-VALUE}); 'none' skips the reference")
    String python;

    @Option(names = "--device", defaultValue = "auto", description = "cpu, gpu or auto (${DEFAULT-VALUE})")
    String device;

    @Option(names = "--hungarian", defaultValue = "2000", description = "Hungarian side, 0 (skip) to " + MAX_HUNGARIAN
            + " (${DEFAULT-VALUE})")
    int hungarian;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        OptionBounds.requireEach("--sizes", sizes, 2, MAX_ROWS, "rows per case");
        OptionBounds.require("--reference-max-rows", referenceMaxRows, 0, MAX_ROWS, "rows");
        OptionBounds.require("--hungarian", hungarian, 0, MAX_HUNGARIAN, "(the side of the square cost matrix)");
        Device dev = ClusterCommand.resolveDevice(device);
        out.println(EngineRuntime.describe() + "; neighbour products on " + dev);
        // the machine may be shared: wall times depend on the load, CPU seconds much less
        out.println("load average at start: " + loadAverage());
        List<String> rows = new ArrayList<>();
        boolean agree = true;
        // warm-up: engine start and JIT on a small case, untimed
        new JaccardDbscan(30, 6, 0.6, 4, new NearestNeighbors(dev, NearestNeighbors.DEFAULT_TILE))
                .cluster(planted(3000).features());
        org.itkm.runtime.ConsoleProgress bar = new org.itkm.runtime.ConsoleProgress("bench cluster (cases)",
                sizes.size());
        for (int n : sizes) {
            out.printf(Locale.ROOT, "%n== %,d x 512 planted features ==%n", n);
            LabeledFeatures data = planted(n);
            System.gc();
            double cpu0 = processCpuSeconds();
            long t0 = System.nanoTime();
            PseudoLabels p = new JaccardDbscan(30, 6, 0.6, 4, new NearestNeighbors(dev, NearestNeighbors.DEFAULT_TILE))
                    .cluster(data.features());
            double sec = (System.nanoTime() - t0) / 1e9;
            double cpu = processCpuSeconds() - cpu0;
            long rss = ProcessMemory.peakRssMiB();
            PairwiseFScore f = PairwiseFScore.of(p.labels(), data.labels().pids());
            out.printf(Locale.ROOT, "java   %.2f s (neighbours %.2f, jaccard %.2f, dbscan %.2f; CPU %.1f s), clusters %d,"
                    + " noise %d, F-score vs planted ids %.4f, peak RSS %d MiB%n", sec, p.timings().neighbours(),
                    p.timings().jaccard(), p.timings().dbscan(), cpu, p.clusters(), p.noise(), f.fScore(), rss);
            String refSec = "n/a";
            String speedup = "n/a";
            String refRss = "n/a";
            String refCpu = "n/a";
            String agreement = "not run";
            if (!python.equals("none") && n <= referenceMaxRows) {
                Reference ref = runReference(data.features(), out);
                if (ref != null) {
                    refSec = String.format(Locale.ROOT, "%.1f", ref.seconds);
                    refCpu = String.format(Locale.ROOT, "%.1f", ref.cpuSeconds);
                    speedup = String.format(Locale.ROOT, "%.1fx", ref.seconds / sec);
                    refRss = String.valueOf(ref.peakRssMiB);
                    double ari = AdjustedRandIndex.of(p.labels(), ref.labels);
                    boolean sameNoise = sameNoise(p.labels(), ref.labels);
                    agreement = String.format(Locale.ROOT, "ARI %.5f, noise set %s", ari,
                            sameNoise ? "identical" : "DIFFERS");
                    agree &= ari >= 0.999 && sameNoise;
                    out.println("agreement: " + agreement);
                }
            }
            rows.add(String.format(Locale.ROOT, "| %,d | %.2f | %.1f | %d | %s | %s | %s | %s | %d / %d | %s |", n, sec, cpu,
                    rss, refSec, refCpu, speedup, refRss, p.clusters(), p.noise(), agreement));
            bar.step(1);
        }
        bar.close();
        out.println();
        out.println("| rows | Java (s) | Java CPU (s) | Java peak RSS (MiB) | NumPy+sklearn (s) | NumPy CPU (s) | speed-up"
                + " | NumPy peak RSS (MiB) | clusters / noise | agreement |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(out::println);
        out.println("load average at end: " + loadAverage());
        if (hungarian > 0) {
            benchHungarian(out);
        }
        return agree ? 0 : 1;
    }

    /** Planted identities (PlantedFeatures: centroid + outfit + camera bias + noise), ~20 images each. */
    static LabeledFeatures planted(int n) {
        return PlantedFeatures.generate(new PlantedFeatures.Spec(1, n, 512, Math.max(1, n / 20), 6, 2, 2.5, 0.6,
                0.6, 20261121L))[1];
    }

    private static boolean sameNoise(int[] a, int[] b) {
        for (int i = 0; i < a.length; i++) {
            if ((a[i] < 0) != (b[i] < 0)) {
                return false;
            }
        }
        return true;
    }

    private record Reference(double seconds, double cpuSeconds, long peakRssMiB, int[] labels) {}

    /** CPU time of this process (all threads, engine included), seconds. */
    private static double processCpuSeconds() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }

    private Reference runReference(FloatMatrix x, PrintWriter out) throws IOException, InterruptedException {
        try (PythonReference ref = PythonReference.open(JaccardDbscan.class, "reference_cluster.py")) {
            NpyFile.write(ref.dir().resolve("x.npy"), x);
            Path labels = ref.dir().resolve("labels.txt");
            String last = ref.run(python, List.of("--features", ref.dir().resolve("x.npy").toString(), "--mode",
                    "fast", "--out", labels.toString()), 120, "numpy",
                    "python3-numpy and python3-sklearn installed? enough memory?", out);
            if (last == null) {
                return null;
            }
            int[] l = Files.readAllLines(labels).stream().mapToInt(s -> (int) Double.parseDouble(s.trim())).toArray();
            return new Reference(field(last, "seconds"), field(last, "process_cpu_seconds"),
                    (long) field(last, "peak_rss_mib"), l);
        }
    }

    private void benchHungarian(PrintWriter out) {
        Random r = new Random(1);
        int n = hungarian;
        double[] m = new double[n * n];
        for (int i = 0; i < m.length; i++) {
            m[i] = r.nextDouble();
        }
        LinearAssignment.minimize(java.util.Arrays.copyOf(m, 200 * 200), 200, 200); // JIT warm-up
        long t0 = System.nanoTime();
        LinearAssignment.Result res = LinearAssignment.minimize(m, n, n);
        double sq = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        LinearAssignment.maximize(java.util.Arrays.copyOf(m, n * (n * 3 / 4)), n * 3 / 4, n);
        double rect = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "%nhungarian %d x %d uniform costs: %.2f s (cost %.4f); %d x %d maximise: %.2f s%n", n, n,
                sq, res.cost(), n * 3 / 4, n, rect);
    }

    private static double field(String json, String key) {
        return PythonReference.field(json, key);
    }
}
