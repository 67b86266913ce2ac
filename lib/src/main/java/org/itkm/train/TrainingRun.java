package org.itkm.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.itkm.config.RunConfig;
import org.itkm.io.AtomicFiles;
import org.itkm.report.MetricsLog;
import org.itkm.report.RunManifest;

/**
 * One run's directory and records: {@code results/<profile>/runs/<run-id>/} with {@code manifest.json},
 * {@code metrics.csv}, {@code config.yaml} and {@code checkpoints/}. Everything a stage needs besides
 * the model: configuration, seeds, where to log and checkpoint.
 */
public final class TrainingRun {
    private final Path dir;
    private final RunConfig config;
    private final RunManifest manifest;
    private final MetricsLog metrics;
    private final CheckpointStore checkpoints;
    private final RunSeeds seeds;
    private final boolean resumed;
    private EpochEvaluation evaluation;
    private AlgorithmHooks hooks = AlgorithmHooks.KIT;

    private TrainingRun(Path dir, RunConfig config, RunManifest manifest, boolean resumed) throws IOException {
        this.dir = dir;
        this.config = config;
        this.manifest = manifest;
        this.metrics = new MetricsLog(dir.resolve("metrics.csv"));
        this.checkpoints = new CheckpointStore(dir.resolve("checkpoints"), 1);
        this.checkpoints.removeIncomplete();
        this.seeds = new RunSeeds(config.seed());
        this.resumed = resumed;
    }

    /** Starts a new run directory {@code <resultsRoot>/<profile>/runs/<timestamp>-<name>}. */
    public static TrainingRun start(Path resultsRoot, String name, RunConfig.Loaded loaded, List<String> command)
            throws IOException {
        RunConfig c = loaded.config();
        String id = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + name;
        return startIn(resultsRoot.resolve(c.profile()).resolve("runs").resolve(id), loaded, command);
    }

    /**
     * Starts a new run in a given (new or empty) directory, outside the profile's run catalog: runs that
     * must never be reused as a setting's run (a lab's run with a student's implementation plugged in).
     */
    public static TrainingRun startIn(Path dir, RunConfig.Loaded loaded, List<String> command) throws IOException {
        RunConfig c = loaded.config();
        String id = dir.getFileName().toString();
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve("config.yaml"), loaded.tree().toYaml());
        RunManifest m = RunManifest.start(dir.resolve("manifest.json"), id, command, loaded.tree().toMap(), c.seed(),
                Path.of("."));
        return new TrainingRun(dir, c, m, false);
    }

    /** Re-opens a run directory to resume it from its last complete checkpoint. */
    public static TrainingRun resume(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve("config.yaml"))) {
            throw new org.itkm.io.InvalidInputException(dir + ": not a run directory (no config.yaml)");
        }
        RunConfig.Loaded loaded = RunConfig.loadFile(dir.resolve("config.yaml"));
        return new TrainingRun(dir, loaded.config(), RunManifest.reopen(dir.resolve("manifest.json")), true);
    }

    public Path dir() {
        return dir;
    }

    public RunConfig config() {
        return config;
    }

    public RunManifest manifest() {
        return manifest;
    }

    public MetricsLog metrics() {
        return metrics;
    }

    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    public RunSeeds seeds() {
        return seeds;
    }

    public boolean resumed() {
        return resumed;
    }

    /** The algorithm pieces the stages use ({@link AlgorithmHooks#KIT} unless replaced). */
    public AlgorithmHooks hooks() {
        return hooks;
    }

    /** Replaces algorithm pieces for this run (recorded in the manifest as {@code hooks}). */
    public void useHooks(AlgorithmHooks h, String description) throws IOException {
        this.hooks = h;
        manifest.put("hooks", description);
    }

    /** The evaluation during training (null: none). */
    EpochEvaluation evaluation() {
        return evaluation;
    }

    void evaluateDuringTraining(EpochEvaluation e) {
        this.evaluation = e;
    }
}
