package org.itkm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys a run's config.yaml changed since the manifest recorded the configuration it started with. */
class RunConfigChangesTest {
    @TempDir
    Path dir;

    /** The manifest's "config" as a run records it: the tree through Gson (nulls left out, numbers as doubles). */
    private static JsonObject recorded(RunConfig.Loaded l) {
        return JsonParser.parseString(new Gson().toJson(l.tree().toMap())).getAsJsonObject();
    }

    @Test
    void aConfigurationAsWrittenIsUnchanged() throws IOException {
        RunConfig.Loaded l = RunConfig.load("smoke", null, List.of("seed=4294967295", "data.synthSeed=12345678901234567", "stage1.lr=3.5e-4"));
        Path yaml = dir.resolve("config.yaml");
        Files.writeString(yaml, l.tree().toYaml());
        assertEquals(List.of(), RunConfigChanges.between(recorded(l), yaml)); // training.scenario: null both ways
    }

    @Test
    void editedKeysAreListedOldToNew() throws IOException {
        RunConfig.Loaded l = RunConfig.load("smoke", null, List.of());
        Path yaml = dir.resolve("config.yaml");
        Files.writeString(yaml, l.tree().with("stage1.epochs=3").with("cluster.eps=0.5").with("data.scenarios=[VI]")
                .with("training.scenario=VI").with("extra.key=1").toYaml());
        assertEquals(List.of("cluster.eps: 0.35 -> 0.5", "data.scenarios: [VI, CC, CR] -> [VI]", "extra.key: null -> 1",
                "stage1.epochs: 2 -> 3", "training.scenario: null -> VI"), RunConfigChanges.between(recorded(l), yaml));
    }
}
