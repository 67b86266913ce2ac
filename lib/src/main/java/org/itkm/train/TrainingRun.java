package org.itkm.train;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.itkm.artifact.PocketClipArtifact;
import org.itkm.config.RunConfig;
import org.itkm.config.RunConfigChanges;
import org.itkm.io.AtomicFiles;
import org.itkm.io.ExitCleanup;
import org.itkm.io.FileTrees;
import org.itkm.io.InvalidInputException;
import org.itkm.io.WriteGate;
import org.itkm.run.CheckpointStore;
import org.itkm.run.MetricsLog;
import org.itkm.run.RunManifest;
import org.itkm.run.RunResults;

/**
 * One run's directory and records: {@code results/<profile>/runs/<run-id>/} with {@code manifest.json},
 * {@code metrics.csv}, {@code config.yaml} and {@code checkpoints/}. Everything a stage needs besides
 * the model: configuration, seeds, where to log and checkpoint.
 *
 * <p>Nothing of a run is lost: its records are written through one {@link WriteGate}, and {@link #during}
 * keeps the run's lifetime. A run interrupted by SIGINT or SIGTERM waits for the write in progress and
 * records status "interrupted" with the command that continues it; a run that fails records "failed",
 * the message and that command, or, when it failed before its first checkpoint (nothing to resume), is
 * removed. A finished run is never reopened, and a resumed run must have the configuration and data it
 * was started with. While it lives, its set-up and everything written to {@code System.err} go to its
 * {@value RunLog#FILE} too ({@link RunLog}; a resumed run appends).
 */
public final class TrainingRun {
    /** The manifest entry naming the shipped pocket CLIP a run started from (its weights' SHA-256). */
    public static final String POCKET_CLIP = "pocketClip";
    /** What a run folder's manifest says of it, read before anything is written. */
    public record State(Path dir, String status, String message, String when, Optional<CheckpointStore.Checkpoint> last) {
        public boolean finished() {
            return "finished".equals(status);
        }

        /** The line that says what a resume of this run continues. */
        public String resumeNote() {
            String from = last.map(c -> "from its checkpoint after " + c)
                    .orElse("from the start (it had no checkpoint yet)");
            return switch (status) {
                case "running" -> "resuming " + dir + ", which was interrupted without a chance to record it (its"
                        + " manifest still says 'running': killed with kill -9, out of memory or a power loss), " + from;
                case "interrupted" -> "resuming " + dir + ", interrupted" + (when == null ? "" : " at " + when) + ", "
                        + from;
                case "failed" -> "resuming " + dir + ", which failed" + (when == null ? "" : " at " + when)
                        + (message == null ? "" : " (" + message + ")") + ", " + from;
                default -> "resuming " + dir + " (status '" + status + "'), " + from;
            };
        }
    }

    private final Path dir;
    private final RunConfig config;
    private final WriteGate gate;
    private final RunManifest manifest;
    private final MetricsLog metrics;
    private final CheckpointStore checkpoints;
    private final RunSeeds seeds;
    private final boolean resumed;
    private final List<String> command;
    private EpochEvaluation evaluation;
    private AlgorithmHooks hooks = AlgorithmHooks.KIT;
    private String continueCommand;
    private Thread shutdownHook;
    private volatile RunLog log;

    private TrainingRun(Path dir, RunConfig config, RunManifest manifest, WriteGate gate, CheckpointStore checkpoints,
            boolean resumed, List<String> command) throws IOException {
        this.dir = dir;
        this.config = config;
        this.gate = gate;
        this.manifest = manifest;
        this.metrics = new MetricsLog(dir.resolve("metrics.csv"), gate);
        this.checkpoints = checkpoints;
        this.checkpoints.removeIncomplete();
        this.seeds = new RunSeeds(config.seed());
        this.resumed = resumed;
        this.command = List.copyOf(command);
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
        WriteGate gate = new WriteGate();
        AtomicFiles.writeString(dir.resolve("config.yaml"), loaded.tree().toYaml());
        RunManifest m = RunManifest.start(dir.resolve("manifest.json"), id, command, loaded.tree().toMap(), c.seed(),
                Path.of("."), gate);
        if (ClipSource.POCKET.equals(c.model().checkpoint())) { // the artifact can be re-made: which one this run used
            Path clip = ClipSource.resolve(c);
            m.put(POCKET_CLIP, java.util.Map.of("folder", clip.toString(), "weightsSha256",
                    PocketClipArtifact.weightsSha256(clip)));
        }
        return new TrainingRun(dir, c, m, gate, new CheckpointStore(dir.resolve("checkpoints"), 1, gate), false,
                command);
    }

    /**
     * What a run folder is, from its manifest, without writing anything.
     *
     * @throws InvalidInputException when it is no run folder (no config.yaml, no readable manifest.json)
     */
    public static State inspect(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": no such run folder (expected results/<profile>/runs/<run-id>"
                    + " made by itkm train or itkm reproduce)");
        }
        if (!Files.isRegularFile(dir.resolve("config.yaml"))) {
            throw new InvalidInputException(dir + ": not a run directory (no config.yaml)");
        }
        JsonObject m = RunManifest.read(dir.resolve("manifest.json"));
        String status = text(m, "status");
        if (status == null) {
            throw new InvalidInputException(dir.resolve("manifest.json") + ": records no status; expected a run"
                    + " manifest written by itkm train");
        }
        String when = "interrupted".equals(status) ? text(m, "interrupted") : text(m, "finished");
        return new State(dir, status, text(m, "message"), when,
                new CheckpointStore(dir.resolve("checkpoints"), 1).latest());
    }

    /**
     * Re-opens a run directory to resume it from its last complete checkpoint. Refused (one line, nothing
     * written) when the run is finished, when its {@code config.yaml} differs from the configuration its
     * manifest recorded at the start (the keys that differ are named), when the data it recorded have
     * changed, or when a checkpoint fails its SHA-256 sums.
     */
    public static TrainingRun resume(Path dir) throws IOException {
        State state = inspect(dir);
        if (state.finished()) {
            throw new InvalidInputException(dir + ": the run is finished (" + state.when() + "); nothing to resume,"
                    + " its results are in " + dir.resolve(RunResults.FILE) + " (a finished run is never rewritten)");
        }
        JsonObject m = RunManifest.read(dir.resolve("manifest.json"));
        Path yaml = dir.resolve("config.yaml");
        if (m.has("config") && m.get("config").isJsonObject()) { // before binding: an edit is named as an edit
            List<String> changes = RunConfigChanges.between(m.getAsJsonObject("config"), yaml);
            if (!changes.isEmpty()) {
                throw new InvalidInputException(yaml + " differs from the configuration the run was started with"
                        + " (manifest.json \"config\"): " + String.join(", ", changes) + "; a run resumes only as it"
                        + " was started: put those values back, or start a new run with the new ones");
            }
        }
        RunConfig.Loaded loaded = RunConfig.loadFile(yaml);
        TrainingData.checkSynthProvenance(loaded.config());
        if (m.has("data") && m.get("data").isJsonObject() && !m.getAsJsonObject("data").isEmpty()) {
            String changed = RunCatalog.dataChange(dir, loaded.config());
            changed = changed != null ? changed : RunCatalog.clipChange(dir, loaded.config());
            if (changed != null) {
                throw new InvalidInputException(dir + ": cannot resume, " + changed + "; a resumed run must see the"
                        + " data and the CLIP it started with: restore them, or start a new run");
            }
        }
        WriteGate gate = new WriteGate();
        CheckpointStore store = new CheckpointStore(dir.resolve("checkpoints"), 1, gate);
        store.verifyAll(System.err); // a damaged checkpoint: refused before the manifest says "running" again
        List<String> command = new java.util.ArrayList<>();
        if (m.get("command") instanceof com.google.gson.JsonArray a) {
            a.forEach(e -> command.add(e.getAsString()));
        }
        return new TrainingRun(dir, loaded.config(), RunManifest.reopen(dir.resolve("manifest.json"), gate), gate,
                store, true, command);
    }

    private static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    /**
     * Runs {@code body} as the run's lifetime (nested calls run inside the outermost one): a JVM shutdown
     * meanwhile (SIGINT, SIGTERM) records the run as interrupted; a failure records it as failed, or
     * removes the folder of a run started here that failed before its first checkpoint. The shutdown hook
     * is removed when the body returns or throws.
     */
    public <T> T during(WriteGate.Write<T> body) throws IOException {
        if (shutdownHook != null) {
            return body.run();
        }
        Thread hook = ExitCleanup.writingHook(this::interrupted, "itkm-run-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        shutdownHook = hook;
        try {
            log = RunLog.open(dir, resumed, command, setupLines());
            return body.run();
        } catch (IOException | RuntimeException | Error e) {
            try {
                recordFailure(e);
            } catch (IOException | RuntimeException another) {
                e.addSuppressed(another);
            }
            throw e;
        } finally {
            shutdownHook = null;
            boolean exiting = false;
            try {
                if (Runtime.getRuntime().removeShutdownHook(hook)) {
                    ExitCleanup.forgetHook(hook);
                }
            } catch (IllegalStateException shuttingDown) {
                exiting = true; // the hook runs (or ran): it records the interruption, in run.log too
            }
            RunLog l = log;
            if (l != null && !exiting) {
                log = null;
                l.close();
            }
        }
    }

    /** The set-up {@link RunLog} records first: the run's folder, configuration and device. */
    private List<String> setupLines() throws IOException {
        List<String> out = new java.util.ArrayList<>();
        out.add("run: " + dir.toAbsolutePath().normalize());
        out.add("device: " + org.itkm.runtime.EngineRuntime.describe());
        if (resumed) {
            out.add("configuration: " + dir.resolve("config.yaml") + ", as at the start (checked against manifest.json)");
        } else {
            out.add("configuration (" + dir.resolve("config.yaml") + "):");
            Files.readAllLines(dir.resolve("config.yaml")).forEach(l -> out.add("  " + l));
        }
        return out;
    }

    /**
     * Writes a set-up line into the run's {@link RunLog} only (what the console does not show), while the
     * run lives; otherwise nothing.
     */
    void logSetup(String line) {
        RunLog l = log;
        if (l != null) {
            l.line(line);
        }
    }

    /** The shutdown hook: wait for the write in progress, keep every later one out, record the interruption. */
    private void interrupted() {
        gate.closeForShutdown(120); // a checkpoint of ViT-B/16 is ~1 GiB: give it time to land
        try {
            if (!resumed && checkpoints.isEmpty()) {
                FileTrees.delete(dir);
                System.err.println("interrupted: removed " + dir + " (it had no checkpoint yet, nothing to resume);"
                        + " start it again with: " + restartCommand());
                return;
            }
            String saved = checkpoints.latest().map(c -> "after its checkpoint " + c).orElse("before its first checkpoint");
            manifest.interrupted("interrupted by a signal (SIGINT or SIGTERM) " + saved, resumeCommand());
            System.err.println("interrupted: " + dir + " is saved " + saved + "; continue it with: " + resumeCommand());
        } catch (IOException | RuntimeException e) {
            System.err.println("interrupted: could not record it in " + dir.resolve("manifest.json") + " (" + e
                    + "); continue it with: " + resumeCommand());
        }
    }

    private void recordFailure(Throwable e) throws IOException {
        String message = messageOf(e);
        if (!resumed && checkpoints.isEmpty()) {
            gate.run(() -> {
                FileTrees.delete(dir);
                return null;
            });
            System.err.println("removed " + dir + ": the run failed before its first checkpoint, so there was"
                    + " nothing to resume");
            return;
        }
        String last = checkpoints.latest().map(c -> "after its checkpoint " + c).orElse("before its first checkpoint");
        manifest.failed(message, resumeCommand());
        System.err.println(dir + " failed " + last + " and keeps its checkpoints; once the cause is fixed, continue it"
                + " with: " + resumeCommand());
    }

    /**
     * What a failure says, on one line: a bad input's own message (wherever it is in the cause chain), else
     * the failure's class and message (a bug: the CLI names the file with its trace).
     */
    static String messageOf(Throwable e) {
        for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof InvalidInputException) {
                return c.getMessage().lines().findFirst().orElse("");
            }
        }
        String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return e.getClass().getName() + (m.isEmpty() ? "" : ": " + m);
    }

    /** The command that continues this run: set by the command that trains it, else {@code itkm train --resume DIR}. */
    public String resumeCommand() {
        return continueCommand != null ? continueCommand : "itkm train --resume " + shellWord(dir.toString());
    }

    /** The command that starts this run again (after a failure or interruption before its first checkpoint). */
    String restartCommand() {
        if (continueCommand != null) {
            return continueCommand;
        }
        StringBuilder sb = new StringBuilder("itkm");
        command.forEach(a -> sb.append(' ').append(shellWord(a)));
        return sb.toString();
    }

    /** Names the command that continues the run (a whole {@code itkm reproduce}, a lab's run) instead of train --resume. */
    public void continueWith(String command) {
        this.continueCommand = command;
    }

    /** A word as a POSIX shell reads it back. */
    static String shellWord(String s) {
        return s.matches("[A-Za-z0-9_./=:@%+,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
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

    /** The door every write of the run's records goes through. */
    public WriteGate writes() {
        return gate;
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
