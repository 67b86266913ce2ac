package org.itkm.cli;

import ai.djl.Device;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.itkm.cluster.JaccardDbscan;
import org.itkm.cluster.NearestNeighbors;
import org.itkm.cluster.PseudoLabels;
import org.itkm.io.AtomicFiles;
import org.itkm.io.FloatMatrix;
import org.itkm.io.InvalidInputException;
import org.itkm.io.NpyFile;
import org.itkm.io.OutputFile;
import org.itkm.runtime.EngineRuntime;
import org.itkm.runtime.ProcessMemory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itkm cluster}: pseudo-labels by k-reciprocal Jaccard distance + DBSCAN. */
@Command(name = "cluster", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Pseudo-labels for one group of features. Rows are L2-normalised; the",
            "k-reciprocal Jaccard distance (cluster-contrast / CCLNet variant) is kept",
            "sparse; DBSCAN follows scikit-learn: a core point has >= min-samples points",
            "within eps, itself included; border points join the first cluster that",
            "reaches them; the others are noise (-1). Writes one integer label per line;",
            "prints clusters, noise, time and peak memory on stderr."},
        footer = {"", "Example:", "  ./itkm cluster --features F.npy --k1 30 --k2 6 --eps 0.6 \\",
            "      --min-samples 4 --out labels.txt"})
final class ClusterCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--features", required = true, paramLabel = "F.npy", description = "float32 N x D .npy")
    Path features;

    @Option(names = "--k1", defaultValue = "30",
            description = "k-reciprocal neighbourhood size, 1 to " + MAX_K + " (${DEFAULT-VALUE})")
    int k1;

    @Option(names = "--k2", defaultValue = "6", description = "Query-expansion size, 1 to k1 (${DEFAULT-VALUE})")
    int k2;

    @Option(names = "--eps", defaultValue = "0.6",
            description = "DBSCAN radius on the Jaccard distance, in (0, 1] (${DEFAULT-VALUE})")
    double eps;

    @Option(names = "--min-samples", defaultValue = "4",
            description = "DBSCAN core-point size, the point itself included, 1 to " + MAX_K + " (${DEFAULT-VALUE})")
    int minSamples;

    /** Largest --k1 and --min-samples (cluster-contrast and CCLNet use k1 = 30, min-samples = 4). */
    static final int MAX_K = 1000;

    @Option(names = "--out", paramLabel = "labels.txt",
            description = "Output: one label per line (-1 = noise), written whole then renamed into place; stdout"
                    + " if omitted. A file of that name is replaced only if it is a labels file, never a folder or"
                    + " --features")
    Path out;

    @Option(names = "--device", defaultValue = "auto",
            description = "Where the neighbour products run: cpu, gpu or auto = the GPU if the engine sees one"
                    + " (${DEFAULT-VALUE})")
    String device;

    @Override
    public Integer call() {
        if (k1 < 1 || k1 > MAX_K) {
            throw new InvalidInputException("--k1 " + k1 + ": expected 1 to " + MAX_K);
        }
        if (k2 < 1 || k2 > k1) {
            throw new InvalidInputException("--k2 " + k2 + ": expected 1 to --k1 (" + k1 + "); query expansion"
                    + " averages over the k2 nearest of the k1 neighbours");
        }
        if (!(eps > 0 && eps <= 1)) {
            throw new InvalidInputException("--eps " + eps + ": expected a number in (0, 1], as training's"
                    + " cluster.eps (Jaccard distances lie in [0, 1])");
        }
        if (minSamples < 1 || minSamples > MAX_K) {
            throw new InvalidInputException("--min-samples " + minSamples + ": expected 1 to " + MAX_K);
        }
        if (out != null) {
            OutputFile.check(out, "--out", Map.of("--features", features), OutputFile.LABELS);
        }
        FloatMatrix x = NpyFile.readFloat32Matrix(features);
        if (x.rows() == 0) {
            throw new InvalidInputException(features + ": 0 feature rows; expected N x D features with N >= 1");
        }
        if (x.cols() == 0 && x.rows() > 0) {
            throw new InvalidInputException(features + ": features have 0 columns, expected N x D with D >= 1");
        }
        long bad = x.firstNonFinite();
        if (bad >= 0) {
            throw new InvalidInputException(features + ": non-finite value at row " + bad / x.cols() + ", column "
                    + bad % x.cols() + "; expected finite float32 features");
        }
        PrintWriter err = spec.commandLine().getErr();
        Device dev = resolveDevice(device);
        long t0 = System.nanoTime();
        PseudoLabels p = new JaccardDbscan(k1, k2, eps, minSamples, new NearestNeighbors(dev,
                NearestNeighbors.DEFAULT_TILE)).cluster(x);
        double seconds = (System.nanoTime() - t0) / 1e9;
        writeLabels(p.labels());
        PseudoLabels.Timings t = p.timings();
        err.printf(Locale.ROOT, "clustered %d x %d features (k1=%d, k2=%d, eps=%s, min_samples=%d) on %s%n",
                x.rows(), x.cols(), k1, k2, eps, minSamples, dev);
        err.printf(Locale.ROOT, "clusters %d, noise %d (%.1f%%), time %.2f s (neighbours %.2f, jaccard %.2f,"
                + " dbscan %.2f), peak memory %d MiB%n", p.clusters(), p.noise(),
                x.rows() == 0 ? 0.0 : 100.0 * p.noise() / x.rows(), seconds, t.neighbours(), t.jaccard(),
                t.dbscan(), ProcessMemory.peakRssMiB());
        err.flush();
        return 0;
    }

    static Device resolveDevice(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (EngineRuntime.engine().getGpuCount() == 0) {
                    throw new InvalidInputException("--device gpu: the engine sees no GPU (build with"
                            + " ITKM_BUILD_PROFILE=cuda on a CUDA machine), or use --device cpu");
                }
                yield Device.gpu();
            }
            case "auto" -> EngineRuntime.defaultDevice();
            default -> throw new InvalidInputException("--device must be cpu, gpu or auto, got '" + name + "'");
        };
    }

    private void writeLabels(int[] labels) {
        StringBuilder sb = new StringBuilder(labels.length * 4);
        for (int l : labels) {
            sb.append(l).append('\n');
        }
        if (out == null) {
            PrintWriter o = spec.commandLine().getOut();
            o.print(sb);
            o.flush();
            return;
        }
        try {
            AtomicFiles.writeString(out, sb.toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // one line: "<path>: <the system's reason>", exit 2
        }
    }
}
