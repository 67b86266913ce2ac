package org.itkm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Native memory stays flat over the steps of every stage: a training run (a real {@code itkm train} in its
 * own JVM, whose Java heap is fixed and touched up front so that RSS measures native memory) records after
 * every epoch its RSS and the number of native arrays its stage's manager holds; with 20 steps per epoch,
 * the arrays held after 20 steps and after 200 must be the same, exactly, and RSS may not grow by more than
 * a tolerance between the second epoch's end (40 steps: the allocator has warmed up) and the last (200).
 * Before the optimiser's temporaries were scoped to the step, Stage I and the baseline grew by 348 arrays
 * and ~20 MiB a step (3.6 GiB over these 180 steps). The arrays are the exact measure (every array a stage
 * leaks into its managers); RSS also catches a leak outside them, down to ~0.8 MiB a step.
 */
class TrainingMemoryTest {
    /**
     * RSS growth allowed between the second epoch's end and the last's: allocator and JIT noise (measured
     * +1 to +51 MiB on a quiet machine, up to +109 MiB from the first epoch with other builds sharing the cores).
     */
    private static final long TOLERANCE_MIB = 128;
    private static final int STEPS_PER_EPOCH = 20;
    private static final int EPOCHS = 10;

    @TempDir
    static Path dir;
    static Path synth;
    static Path clip;

    @BeforeAll
    static void inputs() throws IOException {
        synth = TinyTrainingInputs.synth(dir.resolve("synth"));
        clip = TinyTrainingInputs.randomClip(dir.resolve("clip"), List.of("a photo of a person .", "a red coat"));
    }

    @Test
    void itkmStagesStayFlat() throws Exception {
        Map<String, List<JsonObject>> stages = train("--mode", "M", "stage1.epochs=" + EPOCHS, "stage2.epochs=" + EPOCHS,
                "stage3.epochs=" + EPOCHS);
        assertEquals(List.of("stage1", "stage2", "stage3"), List.copyOf(stages.keySet()));
        stages.forEach(TrainingMemoryTest::assertFlat);
    }

    @Test
    void baselineStaysFlat() throws Exception {
        // the baseline's one encoder stage spans Stage I's and Stage III's epochs
        Map<String, List<JsonObject>> stages = train("--method", "cluster-contrast", "stage1.epochs=" + EPOCHS / 2,
                "stage3.epochs=" + EPOCHS / 2);
        assertEquals(List.of("baseline"), List.copyOf(stages.keySet()));
        stages.forEach(TrainingMemoryTest::assertFlat);
    }

    private static void assertFlat(String stage, List<JsonObject> epochs) {
        assertEquals(EPOCHS, epochs.size(), stage + ": epochs recorded");
        JsonObject first = epochs.get(0);
        JsonObject last = epochs.get(epochs.size() - 1);
        String figures = stage + " after each epoch: " + epochs;
        System.out.println(figures);
        for (JsonObject e : epochs) {
            assertEquals(first.get("liveArrays").getAsInt(), e.get("liveArrays").getAsInt(),
                    "native arrays held across epochs must not grow; " + figures);
        }
        long growth = last.get("rssMiB").getAsLong() - epochs.get(1).get("rssMiB").getAsLong();
        assertTrue(growth <= TOLERANCE_MIB, "RSS grew by " + growth + " MiB between the second and the last epoch"
                + " (over " + (EPOCHS - 2) * STEPS_PER_EPOCH + " steps), more than " + TOLERANCE_MIB + " MiB; " + figures);
    }

    /** Runs {@code itkm train} in a JVM of its own; returns the manifest's per-epoch records by stage. */
    private static Map<String, List<JsonObject>> train(String... args) throws Exception {
        Path results = Files.createTempDirectory(dir, "results");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms384m", "-Xmx384m", "-XX:+AlwaysPreTouch", "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), "org.itkm.cli.ItkmCli", "train", "--profile", "smoke",
                "--results", results.toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("data.synthRoot=" + synth, "model.checkpoint=" + clip,
                "sampler.iterationsPerEpoch=" + STEPS_PER_EPOCH, "stage2.batchSize=8", "eval.everyEpochs=1000"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(results.resolve("log.txt").toFile());
        // the launcher's allocator settings (./itkm): what every real run has
        pb.environment().put("MALLOC_MMAP_THRESHOLD_", "33554432");
        pb.environment().put("MALLOC_TRIM_THRESHOLD_", "4294967296");
        pb.environment().put("MALLOC_TOP_PAD_", "268435456");
        Process p = pb.start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "itkm train did not finish in 10 minutes");
        String log = Files.readString(results.resolve("log.txt"));
        assertEquals(0, p.exitValue(), "itkm train failed:\n" + log);
        Path manifest;
        try (Stream<Path> s = Files.list(results.resolve("smoke").resolve("runs"))) {
            manifest = s.findFirst().orElseThrow().resolve("manifest.json");
        }
        Map<String, List<JsonObject>> byStage = new LinkedHashMap<>();
        for (JsonElement e : JsonParser.parseString(Files.readString(manifest)).getAsJsonObject()
                .getAsJsonArray("rssPerEpoch")) {
            JsonObject o = e.getAsJsonObject();
            byStage.computeIfAbsent(o.get("stage").getAsString(), k -> new ArrayList<>()).add(o);
        }
        return byStage;
    }
}
