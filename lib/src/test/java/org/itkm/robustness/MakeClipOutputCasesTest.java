package org.itkm.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code itkm make-clip --out}: never deletes what it did not make, never leaves half a checkpoint. */
class MakeClipOutputCasesTest extends RobustnessCase {
    private static final String[] TINY = {"make-clip", "--arch", "vit-tiny"};

    private Outcome makeClip(Path dir, String... more) throws Exception {
        return dir == null ? run(args(TINY, more)) : runIn(dir, args(TINY, more));
    }

    @Test
    void theCurrentFolderIsNeverAnOutputEvenWithReplace() throws Exception {
        Outcome o = makeClip(cwd, "--replace", "--out", ".");
        assertBadInput(o, "--out .", "the current folder");
        assertTrue(o.out().isEmpty(), "refused before it says what it would make: " + o);
        assertNothingChangedExcept();
    }

    @Test
    void anEmptyOutIsRefused() throws Exception {
        Outcome o = makeClip(cwd, "--replace", "--out", "");
        assertBadInput(o, "--out is empty");
        assertNothingChangedExcept();
    }

    @Test
    void aParentOfTheCurrentFolderIsRefused() throws Exception {
        Outcome o = makeClip(cwd, "--replace", "--out", "..");
        assertBadInput(o, "a parent of the current folder");
        assertNothingChangedExcept();
    }

    @Test
    void aFolderOfTheUserIsNeverReplaced() throws Exception {
        Path mine = cwd.resolve("keep");
        Outcome o = makeClip(null, "--replace", "--out", mine.toString());
        assertBadInput(o, mine.toString(), "was not made by itkm make-clip");
        assertNothingChangedExcept();
    }

    @Test
    void aFileIsNotAFolder() throws Exception {
        Path file = cwd.resolve("sentinel.txt");
        Outcome o = makeClip(null, "--out", file.toString());
        assertBadInput(o, file.toString(), "not a folder");
        assertNothingChangedExcept();
    }

    @Test
    void aRepositoryIsNeverAnOutput() throws Exception {
        Path repo = cwd.resolve("repo");
        Files.createDirectories(repo.resolve(".git"));
        snapshot();
        Outcome o = makeClip(null, "--replace", "--out", repo.toString());
        assertBadInput(o, "is a repository");
        assertNothingChangedExcept();
    }

    @Test
    void anEarlierOutputIsReplacedOnlyWhenAsked() throws Exception {
        Path out = cwd.resolve("clip");
        assertSucceeded(makeClip(null, "--out", out.toString()));
        snapshot();
        assertBadInput(makeClip(null, "--format", "openai", "--out", out.toString()), "earlier output", "--replace");
        assertNothingChangedExcept();
        assertSucceeded(makeClip(null, "--format", "openai", "--replace", "--out", out.toString()));
        assertTrue(Files.isRegularFile(out.resolve("ViT-tiny.pt")));
        assertNothingChangedExcept(out);
    }

    @Test
    void aRelativeOutIsCreatedInTheCurrentFolderWholeAndMarked() throws Exception {
        assertSucceeded(makeClip(cwd, "--out", "clip/tiny"));
        Path out = cwd.resolve("clip/tiny");
        assertTrue(Files.isRegularFile(out.resolve("model.safetensors")));
        assertEquals(java.util.List.of("command=make-clip"),
                Files.readAllLines(out.resolve(".itkm-output")).subList(0, 1));
        assertNothingChangedExcept(cwd.resolve("clip"));
    }

    @Test
    void theUnfinishedOutputOfAKilledRunIsRemovedByTheNextRun() throws Exception {
        Path stale = cwd.resolve(".clip.partial");
        Files.createDirectories(stale);
        Files.writeString(stale.resolve(".itkm-output"), "command=make-clip\n");
        Files.writeString(stale.resolve("model.safetensors"), "half");
        assertSucceeded(makeClip(null, "--out", cwd.resolve("clip").toString()));
        assertNothingChangedExcept(cwd.resolve("clip"), stale);
    }

    @Test
    void aStagingNameHeldByTheUserIsLeftAlone() throws Exception {
        Path theirs = cwd.resolve(".clip.partial");
        Files.createDirectories(theirs);
        Files.writeString(theirs.resolve("notes.txt"), "not the kit's");
        snapshot();
        assertBadInput(makeClip(null, "--out", cwd.resolve("clip").toString()), ".clip.partial", "not made by itkm");
        assertNothingChangedExcept();
    }
}
