package org.itkm.run;

import ai.djl.engine.Engine;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.itkm.io.AtomicFiles;
import org.itkm.io.WriteGate;
import org.itkm.runtime.EngineRuntime;
import org.itkm.runtime.ProcessMemory;

/**
 * A run's {@code manifest.json}: what ran (full configuration, seed, command), on what (git commit,
 * Java, DJL and PyTorch versions, device, data fingerprint), how long each stage took and the process
 * RSS after every epoch. Rewritten atomically whenever something is recorded, so an interrupted run
 * leaves a truthful manifest with status "running" (or "failed" and the message).
 */
public final class RunManifest {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();
    private final Path file;
    private final Map<String, Object> root;
    private final WriteGate gate;

    private RunManifest(Path file, Map<String, Object> root, WriteGate gate) {
        this.file = file;
        this.root = root;
        this.gate = gate;
    }

    /** Starts a manifest for a new run. */
    public static RunManifest start(Path file, String runId, List<String> command, Map<String, Object> config,
            long seed, Path sourceDir) throws IOException {
        return start(file, runId, command, config, seed, sourceDir, new WriteGate());
    }

    /** Starts a manifest for a new run whose writes go through {@code gate}. */
    public static RunManifest start(Path file, String runId, List<String> command, Map<String, Object> config,
            long seed, Path sourceDir, WriteGate gate) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", runId);
        m.put("status", "running");
        m.put("started", Instant.now().toString());
        m.put("command", command);
        m.put("seed", seed);
        GitInfo git = GitInfo.of(sourceDir);
        m.put("gitCommit", git.commit());
        m.put("gitDirty", git.dirty());
        m.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        // the heap settings decide how much of the RSS figures is Java heap (-Xms/-Xmx, AlwaysPreTouch)
        m.put("jvmOptions", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        Engine engine = EngineRuntime.engine();
        m.put("djl", Engine.getDjlVersion());
        m.put("engine", engine.getEngineName() + " " + engine.getVersion());
        m.put("device", engine.defaultDevice().toString());
        m.put("cpuCores", Runtime.getRuntime().availableProcessors());
        m.put("data", new LinkedHashMap<String, Object>());
        m.put("stages", new LinkedHashMap<String, Object>());
        m.put("rssPerEpoch", new ArrayList<Object>());
        m.put("config", config);
        RunManifest r = new RunManifest(file, m, gate);
        r.save();
        return r;
    }

    /** Re-opens the manifest of a run being resumed. */
    public static RunManifest reopen(Path file) throws IOException {
        return reopen(file, new WriteGate());
    }

    /**
     * Re-opens the manifest of a run being resumed (writes through {@code gate}): status "running" again,
     * the time added to {@code resumed}, the previous outcome's message and resume command dropped.
     */
    @SuppressWarnings("unchecked")
    public static RunManifest reopen(Path file, WriteGate gate) throws IOException {
        Map<String, Object> m = GSON.fromJson(Files.readString(file), LinkedHashMap.class);
        m.put("status", "running");
        m.remove("message");
        m.remove("resumeCommand");
        m.remove("finished");
        m.remove("interrupted");
        List<Object> resumed = (List<Object>) m.computeIfAbsent("resumed", k -> new ArrayList<>());
        resumed.add(Instant.now().toString());
        RunManifest r = new RunManifest(file, m, gate);
        r.save();
        return r;
    }

    /**
     * A run folder's manifest as JSON, for deciding what to do with the run before anything is written.
     *
     * @throws org.itkm.io.InvalidInputException when it is missing or not a JSON object
     */
    public static JsonObject read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new org.itkm.io.InvalidInputException(file + ": missing; expected the manifest.json of a run folder"
                    + " made by itkm train or itkm reproduce");
        }
        try {
            return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (RuntimeException e) { // JsonSyntaxException, IllegalStateException (not an object)
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = root.getMessage() == null ? "not a JSON object"
                    : root.getMessage().replaceFirst("^[\\w.$]+(Exception|Error): ", "").lines().findFirst().orElse("");
            throw new org.itkm.io.InvalidInputException(file + ": not a run manifest (" + why + ")", e);
        }
    }

    /** Records a data set's fingerprint and summary under {@code data.<name>}. */
    @SuppressWarnings("unchecked")
    public void recordData(String name, Object summary) throws IOException {
        gate.run(() -> {
            ((Map<String, Object>) root.computeIfAbsent("data", k -> new LinkedHashMap<String, Object>()))
                    .put(name, summary);
            save();
            return null;
        });
    }

    /**
     * Adds wall time (seconds) and one epoch to a stage, with the process RSS and the number of native
     * arrays the stage's manager holds at the epoch's end (after its per-epoch state is closed): both stay
     * flat over epochs unless something leaks.
     */
    @SuppressWarnings("unchecked")
    public void recordEpoch(String stage, int epoch, double seconds, int liveArrays) throws IOException {
        gate.run(() -> {
            recordEpochNow(stage, epoch, seconds, liveArrays);
            return null;
        });
    }

    @SuppressWarnings("unchecked")
    private void recordEpochNow(String stage, int epoch, double seconds, int liveArrays) throws IOException {
        Map<String, Object> stages = (Map<String, Object>) root.get("stages");
        Map<String, Object> s = (Map<String, Object>) stages.computeIfAbsent(stage, k -> new LinkedHashMap<>());
        s.put("seconds", ((Number) s.getOrDefault("seconds", 0.0)).doubleValue() + seconds);
        s.put("epochs", epoch + 1);
        Map<String, Object> rss = new LinkedHashMap<>();
        rss.put("stage", stage);
        rss.put("epoch", epoch);
        rss.put("rssMiB", ProcessMemory.rssMiB());
        rss.put("liveArrays", liveArrays);
        ((List<Object>) root.get("rssPerEpoch")).add(rss);
        save();
    }

    /** Any other fact worth keeping (group division, pseudo-label counts, results...). */
    public void put(String key, Object value) throws IOException {
        gate.run(() -> {
            root.put(key, value);
            save();
            return null;
        });
    }

    public void finish(String status, String message) throws IOException {
        gate.run(() -> {
            root.put("status", status);
            root.put("finished", Instant.now().toString());
            if (message != null) {
                root.put("message", message);
            }
            save();
            return null;
        });
    }

    /** A run that failed and can be resumed: status "failed", the message and the command that continues it. */
    public void failed(String message, String resumeCommand) throws IOException {
        gate.run(() -> {
            root.put("status", "failed");
            root.put("finished", Instant.now().toString());
            root.put("message", message);
            root.put("resumeCommand", resumeCommand);
            save();
            return null;
        });
    }

    /** A run stopped by a signal: status "interrupted", when, why and the command that continues it. */
    public void interrupted(String message, String resumeCommand) throws IOException {
        gate.run(() -> {
            root.put("status", "interrupted");
            root.put("interrupted", Instant.now().toString());
            root.put("message", message);
            root.put("resumeCommand", resumeCommand);
            save();
            return null;
        });
    }

    /** The manifest as JSON (for notebooks and tests). */
    public JsonObject toJson() {
        try {
            return gate.write(() -> JsonParser.parseString(GSON.toJson(root)).getAsJsonObject());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void save() throws IOException {
        AtomicFiles.writeString(file, GSON.toJson(root) + "\n");
    }
}
