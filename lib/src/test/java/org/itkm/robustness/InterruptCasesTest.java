package org.itkm.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM or SIGINT during a run: the write in progress completes, manifest.json says "interrupted" with the
 * command that continues the run, that command is the one line the process prints about it, nothing partial
 * is left, and the run resumes from there.
 */
class InterruptCasesTest extends RobustnessCase {
    @Test
    void sigtermDuringTrainMarksTheRunInterruptedAndItResumes() throws Exception {
        Path results = cwd.resolve("results");
        List<String> args = new ArrayList<>(RunFixtures.NOISE_BASELINE);
        args.add("stage1.epochs=4");
        Process p = start(cwd, Map.of(), RunFixtures.train(results, args));
        Path run = awaitCheckpoint(p, results, 1);
        p.destroy(); // SIGTERM
        Outcome o = finished(p);
        assertEquals(143, o.exit(), o.toString());
        assertNoTrace(o);
        List<String> said = o.errLines().stream().filter(l -> l.startsWith("interrupted: ")).toList();
        assertEquals(1, said.size(), o.toString());
        assertTrue(said.get(0).matches("interrupted: " + java.util.regex.Pattern.quote(run.toString())
                + " is saved after its checkpoint baseline epoch \\d \\(baseline-e000\\d\\); continue it with: itkm"
                + " train --resume " + java.util.regex.Pattern.quote(run.toString())), said.get(0));
        JsonObject m = RunFixtures.manifest(run);
        assertEquals("interrupted", m.get("status").getAsString());
        assertEquals("itkm train --resume " + run, m.get("resumeCommand").getAsString());
        assertNothingChangedExcept(results); // and no .tmp, no .writing- checkpoint

        Outcome resumed = run("train", "--resume", run.toString());
        assertSucceeded(resumed);
        assertTrue(resumed.err().contains("resuming " + run + ", interrupted at "), resumed.toString());
        assertEquals("finished", RunFixtures.manifest(run).get("status").getAsString());
        assertTrue(Files.isRegularFile(run.resolve("checkpoints/baseline-e0003/SHA256SUMS")));
    }

    @Test
    void sigintDuringReproduceNamesTheReproduceThatContinuesIt() throws Exception {
        Assumptions.assumeFalse(ignoredHere(2), "SIGINT is ignored in this process (a background job): a child"
                + " JVM inherits that and never sees it");
        Path results = cwd.resolve("results");
        List<String> overrides = List.of("data.synthRoot=" + RunFixtures.synth(), "cluster.minSamples=1000",
                "eval.everyEpochs=0", "stage1.epochs=6", "stage3.epochs=0");
        // the profile's CLIP is the shipped pocket CLIP: reproduce pre-trains nothing
        snapshot();
        List<String> args = new ArrayList<>(List.of("reproduce", "--profile", "smoke", "--results", results.toString()));
        args.addAll(overrides);
        Process p = start(cwd, Map.of(), args.toArray(String[]::new));
        Path run = awaitCheckpoint(p, results, 0);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
        Outcome o = finished(p);
        assertEquals(130, o.exit(), o.toString());
        assertNoTrace(o);
        String again = "itkm " + String.join(" ", args);
        List<String> said = o.errLines().stream().filter(l -> l.startsWith("interrupted: ")).toList();
        assertEquals(1, said.size(), o.toString());
        assertTrue(said.get(0).startsWith("interrupted: " + run + " is saved after its checkpoint baseline epoch "),
                said.get(0));
        assertTrue(said.get(0).endsWith("; continue it with: " + again), said.get(0));
        JsonObject m = RunFixtures.manifest(run);
        assertEquals("interrupted", m.get("status").getAsString());
        assertEquals(again, m.get("resumeCommand").getAsString());
        assertNothingChangedExcept(results);
    }

    /** Waits until the process's run has written the checkpoint of epoch index {@code epoch} or a later one. */
    private static Path awaitCheckpoint(Process p, Path results, int epoch) throws Exception {
        Path runs = results.resolve("smoke").resolve("runs");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                fail("the run ended before the signal (exit " + p.exitValue() + ")");
            }
            if (Files.isDirectory(runs)) {
                try (Stream<Path> s = Files.list(runs)) {
                    for (Path r : s.toList()) {
                        for (int e = epoch; e < 10; e++) {
                            if (Files.isDirectory(r.resolve("checkpoints").resolve("baseline-e000" + e))) {
                                return r;
                            }
                        }
                    }
                }
            }
            Thread.sleep(20);
        }
        p.destroyForcibly();
        fail("no checkpoint of epoch " + (epoch + 1) + " within 3 minutes");
        return null;
    }

    private Outcome finished(Process p) throws Exception {
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("the interrupted run did not end within 2 minutes");
        }
        return outcomeOf(p, cwd);
    }

    /** Whether signal {@code sig} is ignored in this process (inherited by children: SIG_IGN survives exec). */
    private static boolean ignoredHere(int sig) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isRegularFile(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                return (mask & (1L << (sig - 1))) != 0;
            }
        }
        return false;
    }
}
