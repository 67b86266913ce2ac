package org.itkm.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A run that fails leaves either nothing (it failed before its first checkpoint: nothing to resume, its folder
 * is removed, and the command says so) or a folder with status "failed", the message and the command that
 * resumes it; and {@code bench predict} takes only what it can predict from.
 */
class FailedRunCasesTest extends RobustnessCase {
    @Test
    void aRunThatFailsBeforeItsFirstCheckpointIsRemovedSayingSo() throws Exception {
        Path results = cwd.resolve("results");
        Path missing = cwd.resolve("no-synthums");
        List<String> a = new ArrayList<>(List.of("train", "--profile", "smoke", "--results", results.toString()));
        a.addAll(RunFixtures.NOISE_BASELINE);
        a.addAll(List.of("data.synthRoot=" + missing, "model.checkpoint=" + RunFixtures.clip()));
        Outcome o = run(a.toArray(String[]::new));
        assertBadInput(o, missing + ": SynthUMS not found");
        assertTrue(o.err().contains("the run failed before its first checkpoint, so there was nothing to resume"),
                o.toString());
        try (Stream<Path> runs = Files.list(results.resolve("smoke").resolve("runs"))) {
            assertEquals(List.of(), runs.toList(), "no run folder left");
        }
        assertNothingChangedExcept(results);
    }

    @Test
    void aRunThatFailsAfterACheckpointKeepsItsFolderAsFailedWithTheCommandThatResumesIt() throws Exception {
        Path results = cwd.resolve("results");
        // ITKM whose Stage I marks every image as noise: Stage II has no pseudo-identity to learn a text for
        List<String> a = new ArrayList<>(List.of("--mode", "S", "--scenario", "VI", "stage1.epochs=1",
                "cluster.minSamples=1000", "eval.everyEpochs=0"));
        Outcome o = run(RunFixtures.train(results, a));
        assertBadInput(o, "Stage II needs Stage I pseudo-labels, but DBSCAN marked every image as noise",
                "cluster.minSamples = 1000", "larger cluster.eps or a smaller cluster.minSamples");
        Path run = RunFixtures.onlyRun(results);
        assertTrue(o.err().contains(run + " failed after its checkpoint stage1 epoch 1 (stage1-e0000) and keeps its"
                + " checkpoints; once the cause is fixed, continue it with: itkm train --resume " + run), o.toString());
        JsonObject m = RunFixtures.manifest(run);
        assertEquals("failed", m.get("status").getAsString());
        assertTrue(m.get("message").getAsString().startsWith("Stage II needs Stage I pseudo-labels"), m.toString());
        assertEquals("itkm train --resume " + run, m.get("resumeCommand").getAsString());
        assertTrue(Files.isRegularFile(run.resolve("checkpoints/stage1-e0000/SHA256SUMS")));
        assertNothingChangedExcept(results);
    }

    @Test
    void benchPredictRefusesARunThatIsNoRehearsal() throws Exception {
        Path run = RunFixtures.copyRun(RunFixtures.finishedNoiseRun(), cwd.resolve("results"));
        snapshot();
        Outcome o = run("bench", "predict", "--rehearsal", run.toString());
        assertBadInput(o, run + ": not a finished rehearsal run (profile smoke, method cluster-contrast, mode S)",
                "--rehearsal expects the ITKM(M) run of ./itkm rehearse");
        assertNothingChangedExcept();
    }

    @Test
    void benchPredictRefusesAnUnfinishedRehearsal() throws Exception {
        Path golden = Path.of(getClass().getResource("/golden/rehearsal/run/manifest.json").toURI()).getParent();
        Path run = cwd.resolve("rehearsal-run");
        Files.createDirectories(run);
        for (String f : List.of("manifest.json", "metrics.csv", "config.yaml")) {
            Files.copy(golden.resolve(f), run.resolve(f));
        }
        RunFixtures.setManifest(run, "status", "interrupted");
        snapshot();
        Outcome o = run("bench", "predict", "--rehearsal", run.toString());
        assertBadInput(o, run + ": not a finished rehearsal run (status interrupted)");
        assertNothingChangedExcept();
    }

    @Test
    void benchPredictNamesAManifestThatIsNoJson() throws Exception {
        Path run = cwd.resolve("broken-run");
        Files.createDirectories(run);
        Files.writeString(run.resolve("manifest.json"), "{\"status\": \"fini");
        Files.writeString(run.resolve("metrics.csv"), "stage,epoch\n");
        snapshot();
        Outcome o = run("bench", "predict", "--rehearsal", run.toString());
        assertBadInput(o, run.resolve("manifest.json") + ": not a run manifest");
        assertFalse(o.err().contains("Exception"), o.toString());
        assertNothingChangedExcept();
    }
}
