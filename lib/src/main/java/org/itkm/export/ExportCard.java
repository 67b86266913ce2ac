package org.itkm.export;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.itkm.io.AtomicFiles;
import org.itkm.run.RunManifest;

/**
 * The card of an exported encoder, {@value #FILE} beside the weights: which run it comes from (id, command,
 * commit, status, the checkpoint), what it was trained on (the manifest's data fingerprints), how (the full
 * configuration), how it scored (the run's {@code results.json}), what was folded into which tensor, and
 * the {@code itkm embed} line that gives the run's test features from it.
 */
public final class ExportCard {
    /** The card's file name. */
    public static final String FILE = "card.json";
    /** The manifest fields copied into the card's "run" section, when present. */
    private static final List<String> RUN_FIELDS = List.of("runId", "status", "started", "finished", "command", "seed",
            "gitCommit", "gitDirty", "java", "djl", "engine", "device", "clipRandomWeights", "pocketClip");

    private ExportCard() {}

    /**
     * @param export what was exported: format, checkpoint file, branch, scenario, folding, embed line
     */
    public static void write(Path dir, Path runDir, JsonObject export) throws IOException {
        JsonObject manifest = RunManifest.read(runDir.resolve("manifest.json"));
        JsonObject card = new JsonObject();
        card.add("export", export);
        JsonObject run = new JsonObject();
        run.addProperty("dir", runDir.toAbsolutePath().normalize().toString());
        for (String k : RUN_FIELDS) {
            if (manifest.has(k)) {
                run.add(k, manifest.get(k));
            }
        }
        card.add("run", run);
        card.add("data", orEmpty(manifest.get("data")));
        card.add("evaluation", orEmpty(manifest.get("evaluation")));
        card.add("config", orEmpty(manifest.get("config")));
        Path results = runDir.resolve("results.json");
        card.add("metrics", Files.isRegularFile(results) ? JsonParser.parseString(Files.readString(results))
                : new JsonObject());
        if (!Files.isRegularFile(results)) {
            card.addProperty("metricsNote", "the run has no results.json (status " + text(manifest, "status")
                    + "): no recorded metrics to compare with");
        }
        AtomicFiles.writeString(dir.resolve(FILE), new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
                .serializeSpecialFloatingPointValues().create().toJson(card) + "\n");
    }

    private static JsonElement orEmpty(JsonElement e) {
        return e == null ? new JsonObject() : e.deepCopy();
    }

    private static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "unknown";
    }

    /** A JSON array of strings. */
    static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }
}
