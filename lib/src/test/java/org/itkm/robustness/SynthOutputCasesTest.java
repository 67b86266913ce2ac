package org.itkm.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.itkm.io.OutputFolder;
import org.junit.jupiter.api.Test;

/**
 * {@code itkm synth --out} and the SynthUMS that reproduce and the notebooks generate (data.synthRoot): the
 * folder is the kit's own, written whole beside its final name, never a folder of the user's.
 */
class SynthOutputCasesTest extends RobustnessCase {
    private static final String[] TINY = {"synth", "--preset", "tiny", "--no-progress"};

    private Outcome synth(Path dir, String... more) throws Exception {
        return dir == null ? run(args(TINY, more)) : runIn(dir, args(TINY, more));
    }

    @Test
    void anEmptyOutWritesNothingInTheCurrentFolder() throws Exception {
        Outcome o = synth(cwd, "--out", "");
        assertBadInput(o, "--out is empty", "expected the folder to create");
        assertNothingChangedExcept();
    }

    @Test
    void theCurrentFolderIsNeverAnOutputEvenWithReplace() throws Exception {
        Outcome o = synth(cwd, "--replace", "--out", ".");
        assertBadInput(o, "--out .", "the current folder", "data/synthums");
        assertNothingChangedExcept();
    }

    @Test
    void aFolderOfTheUserIsNeverReplacedEvenWithReplace() throws Exception {
        Path mine = cwd.resolve("keep");
        Outcome o = synth(null, "--replace", "--out", mine.toString());
        assertBadInput(o, "--out " + mine, "was not made by itkm synth", "choose a new folder");
        assertNothingChangedExcept();
    }

    @Test
    void aRealDataSetOfTheSameLayoutIsNeverReplaced() throws Exception {
        Path real = cwd.resolve("datasets");
        Files.createDirectories(real.resolve("LTCC_ReID/train"));
        Files.writeString(real.resolve("LTCC_ReID/train/001_1_c1_000001.png"), "an image of the user's");
        snapshot();
        assertBadInput(synth(null, "--replace", "--out", real.toString()), "was not made by itkm synth");
        assertNothingChangedExcept();
    }

    @Test
    void aFileIsNotAFolder() throws Exception {
        Path file = cwd.resolve("sentinel.txt");
        assertBadInput(synth(null, "--out", file.toString()), "--out " + file, "not a folder");
        assertNothingChangedExcept();
    }

    @Test
    void aPathUnderAFileIsRefused() throws Exception {
        Path under = cwd.resolve("sentinel.txt").resolve("synthums");
        assertBadInput(synth(null, "--out", under.toString()), "--out " + under, "is a file, not a folder");
        assertNothingChangedExcept();
    }

    @Test
    void aRepositoryIsNeverAnOutput() throws Exception {
        Path repo = cwd.resolve("repo");
        Files.createDirectories(repo.resolve(".git"));
        Files.writeString(repo.resolve("synthums.json"), "{}"); // even one that looks like SynthUMS
        snapshot();
        assertBadInput(synth(null, "--replace", "--out", repo.toString()), "is a repository");
        assertNothingChangedExcept();
    }

    @Test
    void aFolderWithoutWritePermissionSaysPermissionDenied() throws Exception {
        Path locked = cwd.resolve("locked");
        Files.createDirectories(locked);
        makeReadOnly(locked);
        snapshot();
        Path out = locked.resolve("synthums");
        assertBadInput(synth(null, "--out", out.toString()), "--out " + out, "permission denied");
        assertNothingChangedExcept();
    }

    @Test
    void anEarlierOutputIsReplacedOnlyWithReplace() throws Exception {
        Path out = cwd.resolve("data");
        assertSucceeded(synth(null, "--out", out.toString()));
        assertTrue(OutputFolder.madeBy(out, "synth"));
        snapshot();
        assertBadInput(synth(null, "--seed", "2", "--out", out.toString()), "earlier output of itkm synth",
                "--replace");
        assertNothingChangedExcept();
        assertSucceeded(synth(null, "--seed", "2", "--replace", "--out", out.toString()));
        assertTrue(Files.readString(out.resolve("synthums.json")).contains("\"seed\": 2,"));
        assertNothingChangedExcept(out);
    }

    @Test
    void aSynthUmsOfAnOlderKitWithoutMarkerIsReplaced() throws Exception {
        Path old = cwd.resolve("old");
        Files.createDirectories(old.resolve("SYSU-MM01"));
        Files.writeString(old.resolve("synthums.json"), "{\"generator\": \"SynthUMS (ITKM-J)\", \"version\": 2}\n");
        Files.writeString(old.resolve("SYSU-MM01/attributes.csv"), "file\n");
        snapshot();
        assertSucceeded(synth(null, "--replace", "--out", old.toString()));
        assertTrue(OutputFolder.madeBy(old, "synth"), "now marked");
        assertTrue(Files.readString(old.resolve("synthums.json")).contains("\"preset\": \"tiny\""));
        assertNothingChangedExcept(old);
    }

    @Test
    void aKilledRunLeavesNothingUnderTheFinalNameAndTheNextRunCleansUp() throws Exception {
        Path out = cwd.resolve("data");
        Path staging = cwd.resolve(".data.partial");
        Process p = start(cwd, Map.of(), "synth", "--preset", "quick", "--no-progress", "--out", "data");
        waitFor(() -> Files.isDirectory(staging.resolve("SYSU-MM01")), p);
        p.destroyForcibly(); // kill -9: no cleanup runs
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        outcomeOf(p, cwd);
        assertFalse(Files.exists(out), "a killed run left a folder under the final name");
        assertTrue(OutputFolder.madeBy(staging, "synth"), "what it left carries the marker");

        Outcome o = synth(null, "--out", out.toString());
        assertSucceeded(o);
        assertTrue(o.err().contains("removed " + staging) && o.err().contains("interrupted earlier itkm synth"), o.err());
        assertTrue(Files.isRegularFile(out.resolve("synthums.json")));
        assertNothingChangedExcept(out);
    }

    @Test
    void anInterruptedRunRemovesWhatItWroteAndSaysSo() throws Exception {
        Path staging = cwd.resolve(".data.partial");
        Process p = start(cwd, Map.of(), "synth", "--preset", "quick", "--no-progress", "--out", "data");
        waitFor(() -> Files.isDirectory(staging.resolve("SYSU-MM01")), p);
        p.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the shutdown hook removes the unfinished output
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        Outcome o = outcomeOf(p, cwd);
        assertEquals(143, o.exit(), o.toString());
        assertNoTrace(o);
        assertTrue(o.err().contains("interrupted: removed the unfinished output " + staging), o.toString());
        assertNothingChangedExcept();
    }

    @Test
    void anEarlierOutputThatAKilledReplacementMovedAsideIsPutBack() throws Exception {
        Path out = cwd.resolve("data");
        Path aside = cwd.resolve(".data.replaced");
        Files.createDirectories(aside);
        Files.writeString(aside.resolve(OutputFolder.MARKER), "command=synth\n");
        Files.writeString(aside.resolve("synthums.json"), "{\"seed\": 5}\n");
        snapshot();
        Outcome o = synth(null, "--out", out.toString());
        assertBadInput(o, "earlier output of itkm synth", "--replace");
        assertTrue(o.err().contains("put back " + out), o.err());
        assertEquals("{\"seed\": 5}\n", Files.readString(out.resolve("synthums.json")));
        assertNothingChangedExcept(out, aside);
    }

    @Test
    void reproduceGeneratesItsDataWholeAndRemovesWhatAKilledRunLeft() throws Exception {
        Path data = cwd.resolve("synth");
        Path stale = cwd.resolve(".synth.partial");
        Files.createDirectories(stale.resolve("SYSU-MM01"));
        Files.writeString(stale.resolve(OutputFolder.MARKER), "command=synth\n");
        Files.writeString(stale.resolve("SYSU-MM01/attributes.csv"), "half");
        Path results = cwd.resolve("results");
        // a checkpoint that passes the checks made before any work (it exists, its patch fits the input size)
        // but whose weights hold a NaN: the data come first, loading the weights then stops the command
        Path clip = InputFixtures.huggingFaceClip(cwd.resolve("clip"));
        String tensor = "vision_model.post_layernorm.weight";
        InputFixtures.writeWeights(clip, InputFixtures.poisoned(InputFixtures.tensors(clip), tensor, 0, Float.NaN));
        snapshot();
        Outcome o = run("reproduce", "--profile", "smoke", "--results", results.toString(), "data.synthRoot=" + data,
                "data.synthPreset=tiny", "model.checkpoint=" + clip);
        assertBadInput(o, tensor, "NaN");
        assertTrue(o.err().contains("removed " + stale) && o.err().contains("interrupted earlier itkm synth"), o.err());
        assertTrue(OutputFolder.madeBy(data, "synth") && Files.isRegularFile(data.resolve("synthums.json")));
        assertNothingChangedExcept(data, stale, results);
    }

    @Test
    void reproduceNeverGeneratesIntoAFolderOfTheUser() throws Exception {
        Path mine = cwd.resolve("keep");
        Outcome o = run("reproduce", "--profile", "smoke", "--results", cwd.resolve("results").toString(),
                "data.synthRoot=" + mine, "data.synthPreset=tiny");
        assertBadInput(o, "data.synthRoot " + mine, "was not made by itkm synth");
        assertNothingChangedExcept(cwd.resolve("results"));
    }

    /** Waits (up to a minute) until {@code ready} holds while {@code p} runs. */
    static void waitFor(java.util.concurrent.Callable<Boolean> ready, Process p) throws Exception {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!ready.call()) {
            if (!p.isAlive() || System.nanoTime() > end) {
                p.destroyForcibly();
                throw new AssertionError("the process " + (p.isAlive() ? "did not get there in a minute"
                        : "ended (exit " + p.exitValue() + ") before it got there"));
            }
            Thread.sleep(20);
        }
    }
}
