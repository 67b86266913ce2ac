package org.itkm.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.itkm.cluster.JaccardDbscan;
import org.itkm.cluster.PseudoLabels;
import org.itkm.config.RunConfig;
import org.itkm.data.Group;
import org.itkm.data.ImageBatchLoader;
import org.itkm.data.ImageTransform;
import org.itkm.data.InputSize;
import org.itkm.data.JointBatchSampler;
import org.itkm.data.Sample;
import org.itkm.io.FloatMatrix;
import org.itkm.loss.MemoryContrastLoss;
import org.itkm.loss.Positives;
import org.itkm.model.ClipModel;
import org.itkm.runtime.ConsoleProgress;

/**
 * Stage I, unsupervised homogeneous learning (paper §3.1, Eq. 2-4), and the cluster-contrast baseline:
 * every epoch, extract features with the current encoder, cluster each unit (homogeneous group of a
 * scenario; the whole scenario for the baseline) with k-reciprocal Jaccard + DBSCAN, initialise the
 * units' cluster memories from the centroids, then train on P×K batches from every unit with the
 * memory contrast loss summed over units, updating each memory by momentum after every step.
 */
public final class HomogeneousTraining {
    /**
     * @param stage name in checkpoints and logs ({@code stage1}, or {@code baseline})
     * @param mergeGroups true for the baseline: one clustering per scenario, every image through branch A
     * @param scenarioEmbedding whether images get their scenario's embedding (Table 2: M2 onwards)
     */
    public record Options(String stage, RunConfig.Stage schedule, boolean mergeGroups, boolean scenarioEmbedding) {}

    private HomogeneousTraining() {}

    /**
     * Trains the model's image encoder in place (resuming from the run's last checkpoint of this stage)
     * and returns the final pseudo-labels: one per sample, local to its unit, -1 for noise.
     */
    public static int[] train(TrainingRun run, ClipModel model, NDManager manager, List<Sample> samples, Options o,
            PseudoLabelDiagnostics diagnostics) throws IOException {
        RunConfig c = run.config();
        List<TrainingUnit> units = TrainingUnit.of(samples, o.mergeGroups());
        List<Sample> sampling = o.mergeGroups() ? samples.stream().map(s -> s.withGroup(Group.A)).toList() : samples;
        JaccardDbscan dbscan = new JaccardDbscan(c.cluster().k1(), c.cluster().k2(), c.cluster().eps(),
                c.cluster().minSamples(), new org.itkm.cluster.NearestNeighbors());
        MemoryContrastLoss memoryLoss = new MemoryContrastLoss(c.loss().temperature());
        var v = model.config().vision();
        int[] labels = new int[samples.size()];
        int start = 0;
        try (AdamOptimizer adam = new AdamOptimizer(manager, o.schedule().weightDecay());
                ImageBatchLoader loader = new ImageBatchLoader(samples,
                        ImageTransform.training(new InputSize(v.inputHeight(), v.inputWidth())))) {
            ContrastiveStep stepper = new ContrastiveStep(model, manager);
            Optional<CheckpointStore.Checkpoint> last = run.checkpoints().latestOf(o.stage());
            if (last.isPresent()) {
                start = restore(last.get(), model, manager, adam, labels) + 1;
                int done = start;
                run.metrics().retain(r -> !o.stage().equals(r.get("stage")) || Integer.parseInt(r.get("epoch")) < done);
            }
            for (int e = start; e < o.schedule().epochs(); e++) {
                long t0 = System.nanoTime();
                // 1. pseudo-labels and memories from the current encoder
                Map<TrainingUnit, ClusterMemory> memories = new LinkedHashMap<>();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("stage", o.stage());
                row.put("epoch", e);
                for (TrainingUnit u : units) {
                    FloatMatrix f = EncoderFeatures.of(model, manager.getDevice(), u.samples(samples),
                            o.mergeGroups() ? 0 : u.group().index(), o.scenarioEmbedding() ? u.scenarioIndex() : -1,
                            128);
                    PseudoLabels pl = dbscan.cluster(f);
                    int[] unitLabels = pl.labels();
                    for (int i = 0; i < u.rows().length; i++) {
                        labels[u.rows()[i]] = unitLabels[i];
                    }
                    memories.put(u, new ClusterMemory(pl.centroids(), c.loss().memoryMomentum()));
                    row.put(u.name() + "_clusters", pl.clusters());
                    row.put(u.name() + "_noise", pl.noise());
                    diagnostics.score(u, unitLabels).forEach((k, x) -> row.put(u.name() + "_" + k, x));
                }
                // 2. P x K steps over the units that have enough clusters this epoch
                int[] usable = usableRows(units, memories, c.sampler().identitiesPerGroup());
                double lr = o.schedule().lrAt(e);
                double lossSum = 0;
                int steps = c.sampler().iterationsPerEpoch();
                if (usable.length > 0) {
                    JointBatchSampler sampler = new JointBatchSampler(select(sampling, usable), select(labels, usable),
                            c.sampler().identitiesPerGroup(), c.sampler().instancesPerIdentity(),
                            run.seeds().seedFor(o.stage(), e, "sampler"));
                    List<int[]> batches = batches(sampler, steps, usable);
                    try (ConsoleProgress bar = new ConsoleProgress(o.stage() + " epoch " + (e + 1) + "/"
                            + o.schedule().epochs(), steps)) {
                        for (int s = 0; s < steps; s++) {
                            int[] batch = batches.get(s);
                            ContrastiveStep.Result r = stepper.run(loader, samples, batch, o.scenarioEmbedding(),
                                    o.mergeGroups(), run.seeds().seedFor(o.stage(), e, "augment-" + s),
                                    (f, step) -> unitLoss(f, step, batch, samples, units, memories, labels, memoryLoss),
                                    adam, lr, o.stage(), e, s);
                            updateMemories(r.features(), batch, units, memories, labels, model.config().projectionDim());
                            lossSum += r.loss();
                            bar.step(1);
                            bar.status(String.format(java.util.Locale.ROOT, "loss %.3f", r.loss()));
                        }
                    }
                } else {
                    steps = 0; // no unit has P clusters yet: the epoch only re-clusters
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                row.put("lr", lr);
                row.put("loss", steps == 0 ? Double.NaN : lossSum / steps);
                row.put("steps", steps);
                row.put("seconds", seconds);
                row.put("rss_mib", org.itkm.runtime.ProcessMemory.rssMiB());
                run.metrics().append(row);
                int epoch = e;
                run.checkpoints().save(o.stage(), e, dir -> save(dir, model, adam, labels, epoch));
                run.manifest().recordEpoch(o.stage(), e, seconds);
            }
        }
        return labels;
    }

    /** Sample rows of the units with at least P clusters this epoch (the others sit the epoch out). */
    static int[] usableRows(List<TrainingUnit> units, Map<TrainingUnit, ClusterMemory> memories, int p) {
        return units.stream().filter(u -> memories.get(u).size() >= p).flatMapToInt(u -> Arrays.stream(u.rows()))
                .sorted().toArray();
    }

    static <T> List<T> select(List<T> all, int[] rows) {
        return Arrays.stream(rows).mapToObj(all::get).toList();
    }

    static int[] select(int[] all, int[] rows) {
        return Arrays.stream(rows).map(r -> all[r]).toArray();
    }

    /**
     * Exactly {@code steps} batches (the sampler's epochs one after another), as indices into the full
     * sample list ({@code rows} maps the sampler's indices back).
     */
    static List<int[]> batches(JointBatchSampler sampler, int steps, int[] rows) {
        List<int[]> out = new ArrayList<>();
        for (int pass = 0; out.size() < steps; pass++) {
            List<int[]> more = sampler.epoch(pass);
            if (more.isEmpty()) {
                throw new IllegalStateException("the P x K sampler produced no batch");
            }
            for (int[] b : more) {
                out.add(Arrays.stream(b).map(i -> rows[i]).toArray());
            }
        }
        return out.subList(0, steps);
    }

    private static NDArray unitLoss(NDArray features, NDManager step, int[] batch, List<Sample> samples,
            List<TrainingUnit> units, Map<TrainingUnit, ClusterMemory> memories, int[] labels, MemoryContrastLoss loss) {
        NDArray total = null;
        for (TrainingUnit u : units) {
            int[] rows = rowsOf(u, batch, samples);
            if (rows.length == 0) {
                continue;
            }
            int[] y = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                y[i] = labels[batch[rows[i]]];
            }
            ClusterMemory m = memories.get(u);
            NDArray f = features.get(new ai.djl.ndarray.index.NDIndex("{}", step.create(rows)));
            NDArray l = loss.compute(f, m.array(step), Positives.oneHot(step, y, m.size()));
            total = total == null ? l : total.add(l);
        }
        return total;
    }

    /** Positions in the batch of a unit's images. */
    private static int[] rowsOf(TrainingUnit u, int[] batch, List<Sample> samples) {
        return java.util.stream.IntStream.range(0, batch.length).filter(i -> {
            Sample s = samples.get(batch[i]);
            return Arrays.binarySearch(u.rows(), batch[i]) >= 0;
        }).toArray();
    }

    private static void updateMemories(float[] features, int[] batch, List<TrainingUnit> units,
            Map<TrainingUnit, ClusterMemory> memories, int[] labels, int dim) {
        for (TrainingUnit u : units) {
            for (int i = 0; i < batch.length; i++) {
                if (Arrays.binarySearch(u.rows(), batch[i]) >= 0) {
                    memories.get(u).update(Arrays.copyOfRange(features, i * dim, (i + 1) * dim),
                            new int[] {labels[batch[i]]});
                }
            }
        }
    }

    private static void save(java.nio.file.Path dir, ClipModel model, AdamOptimizer adam, int[] labels, int epoch)
            throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve("vision.params")))) {
            model.vision().saveParameters(out);
        }
        adam.save(dir.resolve("adam.state"));
        Files.writeString(dir.resolve("labels.txt"), Arrays.stream(labels).mapToObj(Integer::toString)
                .reduce((a, b) -> a + "\n" + b).orElse("") + "\n");
        Files.writeString(dir.resolve("epoch.txt"), epoch + "\n");
    }

    private static int restore(CheckpointStore.Checkpoint cp, ClipModel model, NDManager manager, AdamOptimizer adam,
            int[] labels) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(cp.dir().resolve("vision.params")))) {
            model.vision().loadParameters(manager, in);
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException(cp.dir() + ": unreadable parameters", e);
        }
        adam.load(cp.dir().resolve("adam.state"));
        List<String> lines = Files.readAllLines(cp.dir().resolve("labels.txt"));
        for (int i = 0; i < labels.length; i++) {
            labels[i] = Integer.parseInt(lines.get(i).trim());
        }
        return cp.epoch();
    }
}
