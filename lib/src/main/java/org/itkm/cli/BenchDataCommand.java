package org.itkm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import org.itkm.data.DatasetLocator;
import org.itkm.data.ImageBatchLoader;
import org.itkm.data.ImageTransform;
import org.itkm.data.InputSize;
import org.itkm.data.ReadOptions;
import org.itkm.data.ReidDataset;
import org.itkm.data.ReidImageDataset;
import org.itkm.data.Sample;
import org.itkm.io.ExitCleanup;
import org.itkm.io.FileTrees;
import org.itkm.io.InvalidInputException;
import org.itkm.io.OutputFolder;
import org.itkm.runtime.ConsoleProgress;
import org.itkm.runtime.EngineRuntime;
import org.itkm.synth.SynthPreset;
import org.itkm.synth.SynthUmsGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itkm bench data}: decode + augment throughput of the training input pipeline. */
@Command(name = "data", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Images/s of the training input pipeline (decode, resize, flip,",
            "pad+crop, normalise, random erasing) and of the test pipeline (decode,",
            "resize, normalise), per thread count, as training reads them: batches",
            "of the DJL data set (ReidImageDataset.getData, images and labels as",
            "NDArrays). Without --data it generates",
            "SynthUMS tiny in a temporary folder (java.io.tmpdir/itkm-bench-data-*),",
            "removed at the end, on failure and on Ctrl-C or SIGTERM; one left by a",
            "killed run (kill -9) is removed by the next run, which says so."})
final class BenchDataCommand implements Callable<Integer> {
    static final String COMMAND = "bench data";
    static final String TEMP_PREFIX = "itkm-bench-data-";
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", description = "Data set root or SynthUMS folder (default: SynthUMS tiny, generated)")
    Path data;

    @Option(names = "--size", defaultValue = "128x64",
            description = "Model input HxW, each side 2 to " + MAX_SIDE + " (${DEFAULT-VALUE})")
    String size;

    @Option(names = "--threads", split = ",", defaultValue = "1,2",
            description = "Decoding thread counts to measure, each 1 to " + MAX_THREADS + " (${DEFAULT-VALUE})")
    List<Integer> threads;

    @Option(names = "--batch", defaultValue = "64",
            description = "Images per batch, 1 to " + MAX_BATCH + " (${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--batches", defaultValue = "40",
            description = "Timed batches per case, 1 to " + MAX_BATCHES + " (${DEFAULT-VALUE})")
    int batches;

    static final int MAX_SIDE = 2048;
    static final int MAX_THREADS = 256;
    static final int MAX_BATCH = 4096;
    static final int MAX_BATCHES = 100_000;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        removeStale(tmp, spec.commandLine().getErr()); // what a killed earlier run left, whatever this run does
        // bad options fail before anything is generated
        OptionBounds.requireEach("--threads", threads, 1, MAX_THREADS, "decoding threads");
        OptionBounds.require("--batch", batch, 1, MAX_BATCH, "images per batch");
        OptionBounds.require("--batches", batches, 1, MAX_BATCHES, "timed batches per case");
        InputSize input;
        try {
            input = InputSize.parse(size);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--size " + size + ": expected HEIGHTxWIDTH, e.g. 128x64", e);
        }
        if (input.height() > MAX_SIDE || input.width() > MAX_SIDE) {
            throw new InvalidInputException("--size " + size + ": expected HEIGHTxWIDTH with each side 2 to " + MAX_SIDE);
        }
        Path generated = null;
        Path root = data;
        if (root == null) {
            // the process id in the name: a folder left by a run killed before it wrote its marker is still known
            generated = Files.createTempDirectory(tmp, TEMP_PREFIX + ProcessHandle.current().pid() + "-");
            ExitCleanup.register(generated, "interrupted: removed the temporary data " + generated);
            Files.writeString(generated.resolve(OutputFolder.MARKER), "command=" + COMMAND + "\npid="
                    + ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
            root = new SynthUmsGenerator(SynthPreset.TINY, 1).generate(generated.resolve("synthums"), false, false).out();
        }
        try {
            List<Sample> samples = new ArrayList<>();
            for (ReidDataset d : DatasetLocator.readAll(root, ReadOptions.namesOnly())) {
                samples.addAll(d.train());
            }
            out.printf(Locale.ROOT, "%d training images from %s, input %s, batch %d, %d timed batches, %d cores%n",
                    samples.size(), data == null ? "SynthUMS tiny (generated)" : root, input, batch, batches,
                    Runtime.getRuntime().availableProcessors());
            out.println("| pipeline | threads | images/s (wall) | images per CPU-second |");
            out.println("|---|---|---|---|");
            String[] names = {"decode + augment (train)", "decode + resize (test)",
                "augment decoded images in memory (train, later epochs)"};
            for (int c = 0; c < names.length; c++) {
                ImageTransform t = c == 1 ? ImageTransform.test(input) : ImageTransform.training(input);
                for (int n : threads) {
                    double[] rate;
                    try (ConsoleProgress bar = new ConsoleProgress("bench data: " + names[c] + ", " + n
                            + " thread(s)", warmUp() + batches + (c == 2 ? (samples.size() + batch - 1) / batch : 0))) {
                        rate = measure(samples, t, n, c == 2, bar);
                    }
                    out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f |%n", names[c], n, rate[0], rate[1]);
                }
            }
            return 0;
        } finally {
            if (generated != null) {
                FileTrees.delete(generated);
                ExitCleanup.unregister(generated);
            }
        }
    }

    /**
     * Removes the temporary data of earlier runs that were killed (kill -9 runs no cleanup): folders
     * {@code itkm-bench-data-<pid>-*} whose process is gone, carrying this command's marker (or empty, or holding
     * a marker not yet complete: killed before it wrote the marker).
     */
    static void removeStale(Path tmp, PrintWriter err) {
        java.util.regex.Pattern name = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(TEMP_PREFIX)
                + "(\\d+)-\\d+");
        try (java.util.stream.Stream<Path> s = Files.list(tmp)) {
            for (Path p : s.toList()) {
                java.util.regex.Matcher m = name.matcher(p.getFileName().toString());
                if (!m.matches() || !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                long pid = Long.parseLong(m.group(1));
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue; // a bench data running now
                }
                boolean empty;
                try (java.util.stream.Stream<Path> in = Files.list(p)) {
                    empty = in.findAny().isEmpty();
                }
                // ours: the marker, or nothing yet (killed before the marker was written whole)
                if (!empty && !OutputFolder.madeBy(p, COMMAND)
                        && !Files.isRegularFile(p.resolve(OutputFolder.MARKER), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                FileTrees.delete(p);
                err.println("note: removed " + p + ", the temporary data of an interrupted earlier itkm " + COMMAND
                        + " (process " + pid + ")");
                err.flush();
            }
        } catch (IOException | RuntimeException e) {
            err.println("note: could not look for the temporary data of interrupted earlier runs in " + tmp + ": " + e);
        }
    }

    /** Images per wall-clock second and per CPU-second of this process (the latter is robust to load). */
    private int warmUp() {
        return Math.max(3, batches / 5);
    }

    private double[] measure(List<Sample> samples, ImageTransform t, int n, boolean cached, ConsoleProgress bar) {
        Random rnd = new Random(5);
        try (ImageBatchLoader loader = new ImageBatchLoader(samples, t, n,
                cached ? ImageBatchLoader.defaultCacheBytes() : 0);
                NDManager manager = NDManager.newBaseManager(EngineRuntime.engine().defaultDevice())) {
            if (cached) { // one untimed pass over every image fills the cache, as a first epoch would
                List<int[]> pass = new ArrayList<>();
                int[] all = java.util.stream.IntStream.range(0, samples.size()).toArray();
                for (int from = 0; from < all.length; from += batch) {
                    pass.add(java.util.Arrays.copyOfRange(all, from, Math.min(all.length, from + batch)));
                }
                iterate(loader, manager, pass, false, bar);
            }
            List<int[]> warm = new ArrayList<>(); // warm-up: JIT and file cache
            for (int w = 0; w < warmUp(); w++) {
                warm.add(randomBatch(samples.size(), rnd));
            }
            iterate(loader, manager, warm, true, bar);
            List<int[]> timed = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                timed.add(randomBatch(samples.size(), rnd));
            }
            long t0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            iterate(loader, manager, timed, true, bar);
            double images = (double) batches * batch;
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            return new double[] {images / ((System.nanoTime() - t0) / 1e9), cpu > 0 ? images / cpu : Double.NaN};
        }
    }

    /** The batches through the DJL data set, as training takes them (each step's seed: its position, or 0). */
    private static void iterate(ImageBatchLoader loader, NDManager manager, List<int[]> batches, boolean seedByStep,
            ConsoleProgress bar) {
        ReidImageDataset data = ReidImageDataset.builder().loader(loader).identities(new int[loader.samples().size()])
                .optAugmentSeeds((iteration, step) -> seedByStep ? step : 0).setSampling(new Listed(batches)).build();
        for (Batch b : data.getData(manager)) {
            try (b) {
                bar.step(1);
            }
        }
    }

    /** The bench's batches (random, with replacement) as a DJL sampler: one list per epoch. */
    private record Listed(List<int[]> batches) implements Sampler {
        @Override
        public java.util.Iterator<List<Long>> sample(RandomAccessDataset dataset) {
            return batches.stream().map(b -> java.util.Arrays.stream(b).mapToObj(i -> (long) i).toList()).iterator();
        }

        @Override
        public int getBatchSize() {
            return batches.isEmpty() ? 0 : batches.get(0).length;
        }
    }

    private static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    private int[] randomBatch(int n, Random rnd) {
        int[] idx = new int[batch];
        for (int i = 0; i < batch; i++) {
            idx[i] = rnd.nextInt(n);
        }
        return idx;
    }
}
