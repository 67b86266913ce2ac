package org.itkm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.itkm.config.RunConfig;
import org.itkm.run.CheckpointStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Table 2 variant or a sensitivity setting whose Stage I is that of a finished run starts from that run's Stage I
 * checkpoint and ends bit-identically to the same run trained from the start; a run whose Stage I differs (M1
 * without the scenario embedding, another clustering setting, the baseline) trains its own.
 */
class SharedStageOneTest {
    @TempDir
    Path dir;

    private RunCatalog catalog(Path synth, String results) {
        return new RunCatalog(dir.resolve(results), "smoke", List.of("data.synthRoot=" + synth, "stage1.epochs=2",
                "stage1.warmupEpochs=0", "stage2.epochs=1", "stage3.epochs=1", "stage3.warmupEpochs=0"), false);
    }

    private static List<String> itkm(String... more) {
        List<String> s = new ArrayList<>(List.of("training.mode=S", "training.scenario=VI"));
        s.addAll(List.of(more));
        return s;
    }

    @Test
    void aVariantStartsFromTheSharedStageOneAndEndsAsIfTrainedWhole() throws Exception {
        Path synth = TinyTrainingInputs.synth(dir.resolve("synth"));
        List<String> m4 = itkm("training.variant=M4", "loss.textWeight=2");
        RunCatalog.Finished whole = catalog(synth, "alone").obtain(m4, new PrintWriter(new StringWriter(), true));

        RunCatalog runs = catalog(synth, "shared");
        StringWriter log = new StringWriter();
        PrintWriter out = new PrintWriter(log, true);
        RunCatalog.Finished donor = runs.obtain(itkm(), out);
        assertFalse(log.toString().contains("Stage I as in"), log.toString());
        RunCatalog.Finished shared = runs.obtain(m4, out);
        assertTrue(log.toString().contains("Stage I as in the finished run " + donor.dir()), log.toString());

        assertEquals(whole.metrics(), shared.metrics());
        for (String file : List.of("vision.params", "labels.txt")) {
            assertArrayEquals(Files.readAllBytes(lastOf(whole.dir(), "stage3").resolve(file)),
                    Files.readAllBytes(lastOf(shared.dir(), "stage3").resolve(file)), file);
        }
        RunConfig c = runs.configOf(m4).config();
        assertEquals(stageOneRows(whole.dir(), c), stageOneRows(shared.dir(), c));
        String manifest = Files.readString(shared.dir().resolve("manifest.json"));
        assertTrue(manifest.contains("\"" + SharedStageOne.MANIFEST_KEY + "\"") && manifest.contains(
                donor.dir().getFileName().toString()), manifest);
    }

    @Test
    void onlyARunWithTheSameStageOneIsADonor() throws Exception {
        RunConfig m7 = RunConfig.load("smoke", null, itkm()).config();
        RunConfig m4 = RunConfig.load("smoke", null, itkm("training.variant=M4", "loss.chmKeepProbability=0",
                "loss.separationWeight=2", "stage3.epochs=7", "stage2.lr=0.1")).config();
        assertEquals(SharedStageOne.key(m7), SharedStageOne.key(m4));
        for (List<String> other : List.of(itkm("training.variant=M1"), itkm("cluster.eps=0.5"), itkm("seed=2"),
                itkm("stage1.epochs=3"), itkm("loss.memoryMomentum=0.5"), List.of("training.mode=M"))) {
            RunConfig o = RunConfig.load("smoke", null, other).config();
            assertNotNull(SharedStageOne.key(o));
            assertFalse(SharedStageOne.key(m7).equals(SharedStageOne.key(o)), other.toString());
        }
        assertNull(SharedStageOne.key(RunConfig.load("smoke", null, List.of("training.method=cluster-contrast",
                "training.mode=S", "training.scenario=VI")).config()));
    }

    private static Path lastOf(Path run, String stage) throws Exception {
        return new CheckpointStore(run.resolve("checkpoints"), 1).latestOf(stage).orElseThrow().dir();
    }

    /** The Stage I rows of a run's metrics.csv without timings and memory. */
    private static String stageOneRows(Path run, RunConfig c) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (var row : new org.itkm.run.MetricsLog(run.resolve("metrics.csv")).rows()) {
            if ("stage1".equals(row.get("stage"))) {
                row.forEach((k, v) -> {
                    if (!k.endsWith("seconds") && !k.startsWith("rss_") && !k.endsWith("rss_mib")) {
                        sb.append(k).append('=').append(v).append(',');
                    }
                });
                sb.append('\n');
            }
        }
        assertEquals(c.stage1().epochs(), sb.toString().lines().count());
        return sb.toString();
    }
}
