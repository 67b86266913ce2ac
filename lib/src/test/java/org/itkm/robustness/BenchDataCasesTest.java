package org.itkm.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code itkm bench data} without --data generates SynthUMS tiny in a temporary folder: removed at the end,
 * on failure, on SIGTERM/Ctrl-C, and, when a kill -9 left it, by the next run, which says so.
 */
class BenchDataCasesTest extends RobustnessCase {
    private Path tmp;

    @BeforeEach
    void temporaryFolder() throws IOException {
        tmp = Files.createDirectories(root.resolve("tmp"));
        snapshot();
    }

    /** The process's java.io.tmpdir is {@link #tmp}. */
    private Map<String, String> env() {
        return Map.of("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp);
    }

    /** Runs in this JVM with java.io.tmpdir = {@link #tmp} (the command reads it when it runs). */
    private Outcome runWithTmp(String... args) {
        String before = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.toString());
        try {
            return run(args);
        } finally {
            System.setProperty("java.io.tmpdir", before);
        }
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("itkm-bench-data")).toList();
        }
    }

    @Test
    void sigtermRemovesTheTemporaryDataAndSaysSo() throws Exception {
        Process p = start(cwd, env(), "bench", "data", "--threads", "1", "--batch", "4", "--batches", "100000");
        SynthOutputCasesTest.waitFor(() -> leftovers().size() == 1
                && Files.isRegularFile(leftovers().get(0).resolve(".itkm-output")), p);
        Path temp = leftovers().get(0);
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        Outcome o = outcomeOf(p, cwd);
        assertEquals(143, o.exit(), o.toString());
        assertNoTrace(o);
        assertTrue(o.err().contains("interrupted: removed the temporary data " + temp), o.toString());
        assertEquals(List.of(), leftovers());
        assertNothingChangedExcept();
    }

    @Test
    void whatAKilledRunLeftIsRemovedByTheNextRunAndNothingElse() throws Exception {
        Process p = start(cwd, env(), "bench", "data", "--threads", "1", "--batch", "4", "--batches", "100000");
        SynthOutputCasesTest.waitFor(() -> leftovers().size() == 1, p);
        Path temp = leftovers().get(0);
        p.destroyForcibly(); // kill -9: no hook runs
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        outcomeOf(p, cwd);
        assertTrue(Files.isDirectory(temp), "kill -9 leaves the temporary folder");
        // the temporary folder of a bench data running now, and one that is not the kit's, are left alone
        Path running = Files.createDirectories(tmp.resolve("itkm-bench-data-" + ProcessHandle.current().pid() + "-1"));
        Files.writeString(running.resolve(".itkm-output"), "command=bench data\n");
        Path theirs = Files.createDirectories(tmp.resolve("itkm-bench-data-1-2"));
        Files.writeString(theirs.resolve("notes.txt"), "not the kit's");
        snapshot();

        // any next run removes it, even one that then stops on a bad option
        Outcome o = runWithTmp("bench", "data", "--batches", "0");
        assertBadInput(o, "--batches 0", "expected");
        assertTrue(o.err().contains("removed " + temp) && o.err().contains("interrupted earlier itkm bench data"),
                o.toString() + " " + temp + " " + leftovers());
        assertEquals(List.of(theirs, running), leftovers().stream().sorted().toList());
        assertNothingChangedExcept(temp);
    }

    @Test
    void aBadSizeFailsBeforeGeneratingAnything() throws Exception {
        Outcome o = runWithTmp("bench", "data", "--size", "big");
        assertBadInput(o, "--size big", "expected HEIGHTxWIDTH");
        assertEquals(List.of(), leftovers());
        assertNothingChangedExcept();
    }

    @Test
    void aBadThreadCountFailsBeforeGeneratingAnything() throws Exception {
        Outcome o = runWithTmp("bench", "data", "--threads", "0");
        assertBadInput(o, "--threads 0", "expected 1 to 256 decoding threads");
        assertEquals(List.of(), leftovers());
        assertNothingChangedExcept();
    }
}
