package org.itkm.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code itkm train --resume}: a finished run is never rewritten; a run left "running" by kill -9 resumes and
 * says so; a resume with settings, an edited config.yaml, changed data or a damaged checkpoint is one line,
 * exit 2, with every file as it was.
 */
class ResumeCasesTest extends RobustnessCase {
    private Path results() {
        return cwd.resolve("results");
    }

    @Test
    void aFinishedRunIsNeverRewrittenAndSaysWhereItsResultsAre() throws Exception {
        Path run = RunFixtures.copyRun(RunFixtures.finishedNoiseRun(), results());
        snapshot();
        Outcome o = run("train", "--resume", run.toString());
        assertSucceeded(o);
        assertTrue(o.err().contains(run + ": the run is finished"), o.toString());
        assertTrue(o.err().contains("its results are in " + run.resolve("results.json")), o.toString());
        assertTrue(o.out().contains("sysu-all"), "its results are printed; " + o);
        assertNothingChangedExcept(); // manifest status, metrics, checkpoints: every byte as it was
    }

    @Test
    void aRunLeftRunningByKillMinus9ResumesFromAnEpochWithoutOptimiserStepAndSaysSo() throws Exception {
        Path run = RunFixtures.killedRun(results());
        assertEquals(4, Files.size(run.resolve("checkpoints/baseline-e0000/adam.state")), "no step: empty optimiser");
        snapshot();
        Outcome o = run("train", "--resume", run.toString());
        assertSucceeded(o);
        assertTrue(o.err().contains("resuming " + run + ", which was interrupted without a chance to record it (its"
                + " manifest still says 'running': killed with kill -9"), o.toString());
        JsonObject m = RunFixtures.manifest(run);
        assertEquals("finished", m.get("status").getAsString());
        assertEquals(1, m.getAsJsonArray("resumed").size());
        assertTrue(Files.isRegularFile(run.resolve("results.json")));
        assertNothingChangedExcept(run);
    }

    @Test
    void aCheckpointFromBeforeChecksumsResumesWithAWarning() throws Exception {
        Path run = RunFixtures.killedRun(results());
        Files.delete(run.resolve("checkpoints/baseline-e0000/SHA256SUMS"));
        snapshot();
        Outcome o = run("train", "--resume", run.toString());
        assertSucceeded(o);
        assertTrue(o.err().contains("warning: " + run.resolve("checkpoints/baseline-e0000") + " has no SHA256SUMS"),
                o.toString());
        assertEquals("finished", RunFixtures.manifest(run).get("status").getAsString());
        assertNothingChangedExcept(run);
    }

    @ParameterizedTest(name = "--resume RUN {0}")
    @ValueSource(strings = {"--profile smoke", "--mode M", "--scenario VI", "--method itkm", "--variant M4",
        "--config CONFIG", "stage1.epochs=3"})
    void aResumeWithSettingsIsRefused(String setting) throws Exception {
        Path run = RunFixtures.killedRun(results());
        Path config = cwd.resolve("my.yaml");
        Files.writeString(config, "stage1: {epochs: 3}\n");
        snapshot();
        List<String> args = new ArrayList<>(List.of("train", "--resume", run.toString()));
        args.addAll(Arrays.asList(setting.replace("CONFIG", config.toString()).split(" ")));
        Outcome o = run(args.toArray(String[]::new));
        assertBadInput(o, "--resume continues a run with the configuration it was started with", "takes no settings",
                "but got " + setting.split(" ")[0]);
        assertNothingChangedExcept();
    }

    @Test
    void anEditedConfigYamlIsRefusedNamingTheKeysThatDiffer() throws Exception {
        Path run = RunFixtures.killedRun(results());
        String yaml = Files.readString(run.resolve("config.yaml"));
        Files.writeString(run.resolve("config.yaml"), yaml.replace("minSamples: 1000", "minSamples: 2")
                .replaceFirst("(?m)^  epochs: 1$", "  epochs: 3"));
        snapshot();
        Outcome o = run("train", "--resume", run.toString());
        assertBadInput(o, run.resolve("config.yaml") + " differs from the configuration the run was started with",
                "cluster.minSamples: 1000 -> 2", "stage1.epochs: 1 -> 3");
        assertNothingChangedExcept();
    }

    @Test
    void dataChangedSinceTheRunStartedAreRefused() throws Exception {
        Path run = RunFixtures.killedRun(results());
        JsonObject m = RunFixtures.manifest(run);
        JsonObject sysu = m.getAsJsonObject("data").getAsJsonObject("SYSU-MM01");
        String was = sysu.get("fingerprint").getAsString();
        sysu.addProperty("fingerprint", "0000000000000000 (164 files)");
        Files.writeString(run.resolve("manifest.json"), m.toString());
        snapshot();
        Outcome o = run("train", "--resume", run.toString());
        assertBadInput(o, "cannot resume, the SYSU-MM01 data changed since it was trained", "now " + was);
        assertNothingChangedExcept();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"truncated vision.params", "altered adam.state", "missing labels.txt"})
    void aDamagedCheckpointIsOneLineNamingTheFileAndWhatToDo(String damage) throws Exception {
        Path run = RunFixtures.killedRun(results());
        Path ckpt = run.resolve("checkpoints/baseline-e0000");
        Path file = ckpt.resolve(damage.split(" ")[1]);
        switch (damage.split(" ")[0]) {
            case "truncated" -> Files.write(file, Arrays.copyOf(Files.readAllBytes(file), (int) Files.size(file) / 2));
            case "altered" -> {
                byte[] b = Files.readAllBytes(file);
                b[0] ^= 1;
                Files.write(file, b);
            }
            default -> Files.delete(file);
        }
        snapshot();
        Outcome o = run("train", "--resume", run.toString());
        assertBadInput(o, file.toString(), damage.startsWith("missing") ? "missing from checkpoint baseline-e0000"
                : "truncated or altered since the checkpoint was written", "remove " + ckpt + " and resume again to"
                + " redo baseline from its first epoch");
        assertNothingChangedExcept();
    }

    @Test
    void aDamagedCheckpointFromBeforeChecksumsIsOneLineNotATrace() throws Exception {
        Path run = RunFixtures.killedRun(results());
        Path ckpt = run.resolve("checkpoints/baseline-e0000");
        Files.delete(ckpt.resolve("SHA256SUMS"));
        Path params = ckpt.resolve("vision.params");
        Files.write(params, Arrays.copyOf(Files.readAllBytes(params), 1000)); // the EOFException of the report
        snapshot();
        Outcome o = run("train", "--resume", run.toString());
        assertBadInput(o, ckpt + ": unreadable (", "without SHA256SUMS it cannot be checked", "remove " + ckpt);
        assertTrue(o.err().contains("warning: " + ckpt + " has no SHA256SUMS"), o.toString());
        // it got as far as loading: the run is on record as failed, resumable once the checkpoint is removed
        JsonObject m = RunFixtures.manifest(run);
        assertEquals("failed", m.get("status").getAsString());
        assertEquals("itkm train --resume " + run, m.get("resumeCommand").getAsString());
        assertNothingChangedExcept(run);
    }

    @Test
    void aCheckpointTheKitCannotReadDespiteItsSumsIsABugOnOneLineWithATraceFileAndAFailedRecord() throws Exception {
        Path run = RunFixtures.killedRun(results());
        Path ckpt = run.resolve("checkpoints/baseline-e0000");
        Path params = ckpt.resolve("vision.params");
        Files.write(params, Arrays.copyOf(Files.readAllBytes(params), 1000));
        List<String> sums = new ArrayList<>();
        for (String line : Files.readAllLines(ckpt.resolve("SHA256SUMS"))) { // sums that agree: the kit wrote it so
            sums.add(line.endsWith("  vision.params") ? sha256(params) + "  vision.params" : line);
        }
        Files.write(ckpt.resolve("SHA256SUMS"), sums);
        snapshot();
        Outcome o = run("train", "--resume", run.toString());
        assertEquals(1, o.exit(), o.toString());
        assertOneErrorLine(o, "internal error in itkm train", "the full trace is in");
        Path trace = Path.of(o.errLines().get(o.errLines().size() - 1).replaceAll(".*the full trace is in (\\S+);.*",
                "$1"));
        assertTrue(Files.readString(trace).contains("\tat "), "the trace file holds the trace");
        Files.delete(trace);
        JsonObject m = RunFixtures.manifest(run);
        assertEquals("failed", m.get("status").getAsString());
        assertFalse(m.get("message").getAsString().isBlank());
        assertEquals("itkm train --resume " + run, m.get("resumeCommand").getAsString());
        assertNothingChangedExcept(run);
    }

    @Test
    void aFolderThatIsNoRunIsNamed() throws Exception {
        Outcome o = run("train", "--resume", cwd.resolve("keep").toString());
        assertBadInput(o, cwd.resolve("keep") + ": not a run directory (no config.yaml)");
        assertNothingChangedExcept();
    }

    @Test
    void anotherResultsRootThanTheRunsIsRefused() throws Exception {
        Path run = RunFixtures.killedRun(results());
        snapshot();
        Outcome o = run("train", "--resume", run.toString(), "--results", cwd.resolve("elsewhere").toString());
        assertBadInput(o, "--results " + cwd.resolve("elsewhere") + " is not the results root of " + run);
        assertNothingChangedExcept();
    }

    private static String sha256(Path f) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(f)));
    }
}
