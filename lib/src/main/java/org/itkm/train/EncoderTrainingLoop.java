package org.itkm.train;

import org.itkm.cluster.MomentumMemory;
import org.itkm.eval.dataset.PseudoLabelDiagnostics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.itkm.config.RunConfig;
import org.itkm.data.Group;
import org.itkm.data.ImageBatchLoader;
import org.itkm.data.ImageTransform;
import org.itkm.data.InputSize;
import org.itkm.data.JointBatchSampler;
import org.itkm.data.ReidImageDataset;
import org.itkm.data.Sample;
import org.itkm.loss.MemoryContrastLoss;
import org.itkm.loss.Positives;
import org.itkm.clip.ClipModel;
import org.itkm.run.CheckpointStore;
import org.itkm.runtime.ConsoleProgress;
import org.itkm.runtime.ProcessMemory;

/**
 * The loop the image-encoder stages share (cluster-contrast style): every epoch re-cluster every unit
 * with the current encoder ({@link EpochClusters}), let the stage prepare its epoch state (matching,
 * text representations...), then take a fixed number of P×K steps on the stage's loss, updating the
 * memories after each step. The rest of an epoch (checkpoint, evaluation, metrics row, memory, manifest)
 * is done by its {@link EpochListener}s, in their order. A run resumes from its last complete
 * checkpoint of the stage and, since every random stream is derived from (seed, stage, epoch), goes on
 * exactly as the uninterrupted run would.
 *
 * @param <S> the stage's per-epoch state
 */
abstract class EncoderTrainingLoop<S extends AutoCloseable> {
    protected final TrainingRun run;
    protected final RunConfig config;
    protected final ClipModel model;
    protected final NDManager manager;
    protected final List<Sample> samples;
    protected final String stage;
    protected final RunConfig.Stage schedule;
    protected final boolean mergeGroups;
    protected final boolean scenarioEmbedding;
    protected final PseudoLabelDiagnostics diagnostics;
    /** The supervised upper bound's true identities in place of clusters; null for every unsupervised stage. */
    private final IdentityLabels identities;
    protected final List<TrainingUnit> units;
    /** Eq. 3-4 at the run's temperature. */
    protected final MemoryContrastLoss memoryLoss;

    EncoderTrainingLoop(TrainingRun run, ClipModel model, NDManager manager, List<Sample> samples, String stage,
            RunConfig.Stage schedule, boolean mergeGroups, boolean scenarioEmbedding,
            PseudoLabelDiagnostics diagnostics, IdentityLabels identities) {
        this.run = run;
        this.identities = identities;
        this.config = run.config();
        this.model = model;
        this.manager = manager;
        this.samples = samples;
        this.stage = stage;
        this.schedule = schedule;
        this.mergeGroups = mergeGroups;
        this.scenarioEmbedding = scenarioEmbedding;
        this.diagnostics = diagnostics;
        this.units = TrainingUnit.of(samples, mergeGroups);
        this.memoryLoss = new MemoryContrastLoss(config.loss().temperature());
    }

    /**
     * Eq. 3-4 for rows {@code f} of one unit against its cluster memory, row i's positive {@code y[i]}: the
     * kit's loss, or the run's replacement ({@link AlgorithmHooks#homogeneous}, a lab's).
     */
    final NDArray homogeneousContrast(NDArray f, MomentumMemory memory, int[] y, NDManager step) {
        AlgorithmHooks.HomogeneousContrast hook = run.hooks().homogeneous();
        return hook != null ? hook.loss(f, memory.matrix(), y, (float) config.loss().temperature())
                : memoryLoss.compute(f, memory.matrix(), Positives.oneHot(step, y, memory.rows()));
    }

    /** The epoch's state, built after clustering; closed at the end of the epoch. */
    abstract S prepare(EpochClusters clusters, int epoch, Map<String, Object> row) throws IOException;

    /** The step's loss from the batch's features ({@code batch} holds training sample rows). */
    abstract NDArray loss(S state, EpochClusters clusters, int[] batch, NDArray features, NDManager step);

    /** After a step: momentum updates with the batch's features (B×D host copy). */
    abstract void afterStep(S state, EpochClusters clusters, int[] batch, float[] features);

    /** Extra files of the stage's checkpoint (e.g. DRU's instance text representations). */
    void saveExtra(S state, Path dir) throws IOException {}

    /** Reads what {@link #saveExtra} wrote, before the first resumed epoch. */
    void restoreExtra(Path dir) throws IOException {}

    /** Trains the image encoder in place; returns the last epoch's pseudo-labels (per sample, -1 noise). */
    final int[] train() throws IOException {
        var v = model.config().vision();
        int[] labels = new int[samples.size()];
        Arrays.fill(labels, -1);
        List<Sample> sampling = mergeGroups ? samples.stream().map(s -> s.withGroup(Group.A)).toList() : samples;
        int start = 0;
        try (AdamOptimizer adam = new AdamOptimizer(manager, schedule.weightDecay());
                ImageBatchLoader loader = new ImageBatchLoader(samples,
                        ImageTransform.training(new InputSize(v.inputHeight(), v.inputWidth()),
                                config.augment().greyscale()))) {
            Optional<CheckpointStore.Checkpoint> last = run.checkpoints().latestOf(stage);
            if (last.isPresent()) {
                start = restore(last.get(), adam, labels) + 1;
                int done = start;
                run.metrics().retain(r -> !stage.equals(r.get("stage")) || Integer.parseInt(r.get("epoch")) < done);
            }
            // after a restore: loading parameters replaces their arrays, so collect them only now
            MicroBatchPlan plan = MicroBatchPlan.choose(config, model.config().vision(), model.vision().parameterCount(),
                    manager.getDevice(), maxBatch(), stage);
            if (!config.training().microBatch().equals("0")) {
                System.err.println(plan.message());
            } else {
                run.logSetup(plan.message());
            }
            run.manifest().put("microBatch-" + stage, plan.message());
            ContrastiveStep stepper = new ContrastiveStep(model, manager, plan.images());
            // a rehearsal runs the first epochs of the schedule; the baseline's spans Stage I and III
            int epochs = config.caps().epochs(schedule, mergeGroups ? 2 : 1);
            List<EpochListener> listeners = listeners();
            for (int e = start; e < epochs; e++) {
                long t0 = System.nanoTime();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("stage", stage);
                row.put("epoch", e);
                double lr = schedule.lrAt(e);
                int steps = 0;
                double[] stepLosses = new double[0];
                double gradientNorms = 0;
                S state = null;
                EpochEnd end;
                try (EpochClusters ec = EpochClusters.build(model, manager.getDevice(), samples, units, mergeGroups,
                        scenarioEmbedding, config, diagnostics, identities, row)) {
                    System.arraycopy(ec.labels, 0, labels, 0, labels.length);
                    long tp = System.nanoTime();
                    state = prepare(ec, e, row);
                    row.put("prepare_seconds", (System.nanoTime() - tp) / 1e9);
                    long ts = System.nanoTime();
                    int[] rows = ec.trainableRows(config.sampler().identitiesPerGroup());
                    if (rows.length > 0) {
                        steps = config.caps().steps(config.sampler().iterationsPerEpoch());
                        // the epoch's P x K batches: a DJL data set over every training image, labelled
                        // with this epoch's pseudo-labels, sharing the loader (and its decoded images)
                        int epochIndex = e;
                        ReidImageDataset data = ReidImageDataset.builder().loader(loader).identities(ec.labels)
                                .optAugmentSeeds((iteration, step) -> run.seeds().seedFor(stage, epochIndex, "augment-" + step))
                                .setSampling(new JointBatchSampler(sampling, ec.labels, rows,
                                        config.sampler().identitiesPerGroup(),
                                        config.sampler().instancesPerIdentity(),
                                        run.seeds().seedFor(stage, e, "sampler"), steps))
                                .build();
                        stepLosses = new double[steps];
                        try (ConsoleProgress bar = new ConsoleProgress(stage + " epoch " + (e + 1) + "/"
                                + epochs + (epochs < schedule.epochs() ? " (of " + schedule.epochs() + ")" : ""),
                                steps)) {
                            int s = 0;
                            for (Batch b : data.getData(manager)) {
                                try (b) {
                                    int[] batch = ReidImageDataset.rows(b);
                                    S st = state;
                                    ContrastiveStep.Result r = stepper.run(b.getData().head(), samples, batch,
                                            scenarioEmbedding, mergeGroups, (f, step) -> loss(st, ec, batch, f, step),
                                            adam, lr, stage, e, s);
                                    afterStep(state, ec, batch, r.features());
                                    stepLosses[s] = r.loss();
                                    gradientNorms += r.gradientNorm();
                                }
                                if (s == 0) { // with the RSS after the last step: flat unless a step leaks
                                    row.put("rss_step1_mib", ProcessMemory.rssMiB());
                                }
                                s++;
                                bar.step(1);
                                bar.status(String.format(java.util.Locale.ROOT, "loss %.3f", stepLosses[s - 1]));
                            }
                        }
                    }
                    row.put("steps_seconds", (System.nanoTime() - ts) / 1e9);
                    row.put("rss_steps_mib", ProcessMemory.rssMiB());
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    row.put("lr", lr);
                    row.put("loss", steps == 0 ? Double.NaN : Arrays.stream(stepLosses).average().orElse(Double.NaN));
                    // the epoch's loss is only comparable within the epoch (clusters change between
                    // epochs): its first and last quarter show whether the steps lower it
                    row.put("loss_start", quarterMean(stepLosses, true));
                    row.put("loss_end", quarterMean(stepLosses, false));
                    row.put("steps", steps);
                    // the mean L2 norm of the whole encoder's gradient: whether the steps still move it
                    row.put("grad_norm", steps == 0 ? Double.NaN : gradientNorms / steps);
                    row.put("seconds", seconds);
                    int epoch = e;
                    S finalState = state;
                    end = new EpochEnd(stage, e, epochs, row, seconds, dir -> {
                        save(dir, adam, labels, epoch);
                        saveExtra(finalState, dir);
                    });
                    EpochListener.ended(listeners, end);
                } finally {
                    if (state != null) {
                        try {
                            state.close();
                        } catch (RuntimeException | IOException ex) {
                            throw ex;
                        } catch (Exception ex) {
                            throw new IOException(ex);
                        }
                    }
                }
                EpochListener.closed(listeners, end);
            }
        }
        return labels;
    }

    /**
     * The listeners of every epoch, in order ({@link EpochListener}): checkpoint, evaluation, the stage's
     * own ({@link #stageListeners}), memory, metrics row, manifest.
     */
    private List<EpochListener> listeners() {
        List<EpochListener> out = new ArrayList<>();
        out.add(new CheckpointListener(run));
        out.add(new EvaluationListener(run, model, mergeGroups, scenarioEmbedding));
        out.addAll(stageListeners());
        out.add(new MemoryListener());
        out.add(new MetricsListener(run));
        out.add(new ManifestListener(run, manager));
        return out;
    }

    /** The stage's own listeners (after the evaluation, before the memory columns); none by default. */
    List<EpochListener> stageListeners() {
        return List.of();
    }

    /** The most images one step can hold: P × K from every unit. */
    private int maxBatch() {
        return units.size() * config.sampler().identitiesPerGroup() * config.sampler().instancesPerIdentity();
    }

    /** Mean of the first (or last) quarter of the values, at least one; NaN when there are none. */
    static double quarterMean(double[] v, boolean first) {
        if (v.length == 0) {
            return Double.NaN;
        }
        int n = Math.max(1, v.length / 4);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += v[first ? i : v.length - 1 - i];
        }
        return sum / n;
    }

    static int[] select(int[] all, int[] rows) {
        return Arrays.stream(rows).map(r -> all[r]).toArray();
    }

    /** Positions in the batch of unit u's images. */
    static int[] positionsOf(EpochClusters ec, int u, int[] batch) {
        int[] rows = ec.units.get(u).rows();
        return java.util.stream.IntStream.range(0, batch.length).filter(i -> Arrays.binarySearch(rows, batch[i]) >= 0)
                .toArray();
    }

    /** The given batch positions' feature rows (host copy). */
    static float[] rowsOf(float[] features, int[] positions, int dim) {
        float[] out = new float[positions.length * dim];
        for (int i = 0; i < positions.length; i++) {
            System.arraycopy(features, positions[i] * dim, out, i * dim, dim);
        }
        return out;
    }

    private void save(Path dir, AdamOptimizer adam, int[] labels, int epoch) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve("vision.params")))) {
            model.vision().saveParameters(out);
        }
        adam.save(dir.resolve("adam.state"));
        StringBuilder sb = new StringBuilder();
        for (int l : labels) {
            sb.append(l).append('\n');
        }
        Files.writeString(dir.resolve("labels.txt"), sb);
        Files.writeString(dir.resolve("epoch.txt"), epoch + "\n");
    }

    private int restore(CheckpointStore.Checkpoint cp, AdamOptimizer adam, int[] labels) throws IOException {
        return run.checkpoints().load(cp, System.err, dir -> {
            loadEncoder(model, manager, dir);
            adam.load(dir.resolve("adam.state"));
            int[] saved = readLabels(dir);
            if (saved.length != labels.length) {
                throw new IOException(dir.resolve("labels.txt") + ": " + saved.length + " pseudo-labels, the run trains "
                        + labels.length + " images");
            }
            System.arraycopy(saved, 0, labels, 0, labels.length);
            restoreExtra(dir);
            return cp.epoch();
        });
    }

    /** Loads a checkpoint's image-encoder parameters into the model. */
    static void loadEncoder(ClipModel model, NDManager manager, Path dir) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(dir.resolve("vision.params")))) {
            model.vision().loadParameters(manager, in);
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException(dir + ": unreadable encoder parameters", e);
        }
    }

    /** The pseudo-labels a checkpoint recorded. */
    static int[] readLabels(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve("labels.txt")).stream().filter(l -> !l.isBlank())
                .mapToInt(l -> Integer.parseInt(l.trim())).toArray();
    }
}
