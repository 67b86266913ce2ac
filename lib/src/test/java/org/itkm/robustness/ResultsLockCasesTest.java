package org.itkm.robustness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.itkm.io.LockHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One writer per results folder, as the commands see it: while another process (a notebook's kernel here)
 * holds {@code results/smoke}, train, train --resume, reproduce and sweep on it are refused with one line
 * naming that process, exit 2, before they change anything.
 */
class ResultsLockCasesTest extends RobustnessCase {
    private Process holder;

    private Path results() {
        return cwd.resolve("results");
    }

    /** Another JVM holding {@code folder}'s lock as "notebook 06-table1 (profile smoke)". */
    private void holdInAnotherProcess(Path folder) throws Exception {
        holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), folder.toString(),
                "notebook 06-table1 (profile smoke)").redirectErrorStream(true).start();
        String line = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertTrue(line != null && line.startsWith("held "), "the holder did not take the lock: " + line);
    }

    @AfterEach
    void killHolder() throws Exception {
        if (holder != null) {
            new ProcessBuilder("kill", "-9", Long.toString(holder.pid())).start().waitFor();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void assertRefusedNamingTheHolder(Outcome o) {
        assertBadInput(o, results().resolve("smoke") + " is in use by process " + holder.pid(),
                "notebook 06-table1 (profile smoke", "one process writes a results folder at a time");
    }

    @Test
    void trainIsRefused() throws Exception {
        holdInAnotherProcess(results().resolve("smoke"));
        snapshot();
        assertRefusedNamingTheHolder(run(RunFixtures.train(results(), RunFixtures.NOISE_BASELINE)));
        assertNothingChangedExcept();
    }

    @Test
    void aResumeIsRefusedAndTheRunIsLeftAsItWas() throws Exception {
        Path run = RunFixtures.killedRun(results());
        holdInAnotherProcess(results().resolve("smoke"));
        snapshot();
        assertRefusedNamingTheHolder(run("train", "--resume", run.toString()));
        assertNothingChangedExcept();
    }

    @Test
    void reproduceAndSweepAreRefused() throws Exception {
        holdInAnotherProcess(results().resolve("smoke"));
        snapshot();
        List<String> inputs = RunFixtures.inputs();
        List<String> reproduce = new ArrayList<>(List.of("reproduce", "--profile", "smoke", "--results",
                results().toString()));
        reproduce.addAll(inputs);
        assertRefusedNamingTheHolder(run(reproduce.toArray(String[]::new)));
        List<String> sweep = new ArrayList<>(List.of("sweep", "--profile", "smoke", "--results", results().toString(),
                "--name", "lr", "--grid", "stage1.lr=1e-4,2e-4"));
        sweep.addAll(inputs);
        assertRefusedNamingTheHolder(run(sweep.toArray(String[]::new)));
        assertNothingChangedExcept();
    }
}
