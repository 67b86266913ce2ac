package org.itkm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.itkm.config.RunConfig;
import org.itkm.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run leaves when its lifetime ends in a failure, and what a resume of it checks first. */
class TrainingRunLifecycleTest {
    @TempDir
    Path dir;

    private TrainingRun start() throws IOException {
        return TrainingRun.start(dir.resolve("results"), "itkm-M", RunConfig.load("smoke", null, List.of()),
                List.of("train", "--profile", "smoke", "a b"));
    }

    @Test
    void aRunThatFailsBeforeItsFirstCheckpointIsRemoved() throws IOException {
        TrainingRun run = start();
        assertTrue(Files.isDirectory(run.dir()));
        assertEquals("itkm train --profile smoke 'a b'", run.restartCommand());
        assertThrows(InvalidInputException.class, () -> run.during(() -> {
            throw new InvalidInputException("no data");
        }));
        assertFalse(Files.exists(run.dir()));
    }

    @Test
    void aRunThatFailsLaterIsFailedWithItsMessageAndResumeCommand() throws IOException {
        TrainingRun run = start();
        IllegalStateException bug = assertThrows(IllegalStateException.class, () -> run.during(() -> {
            run.checkpoints().save("stage1", 0, d -> Files.writeString(d.resolve("w.txt"), "w"));
            throw new IllegalStateException("a bug\nsecond line");
        }));
        assertEquals("a bug\nsecond line", bug.getMessage());
        JsonObject m = run.manifest().toJson();
        assertEquals("failed", m.get("status").getAsString());
        assertEquals("java.lang.IllegalStateException: a bug", m.get("message").getAsString());
        assertEquals("itkm train --resume " + run.dir(), m.get("resumeCommand").getAsString());

        // the resume says what it continues; the record is "running" again, the failure's message dropped
        TrainingRun.State state = TrainingRun.inspect(run.dir());
        assertTrue(state.resumeNote().startsWith("resuming " + run.dir() + ", which failed at "), state.resumeNote());
        assertTrue(state.resumeNote().endsWith("(java.lang.IllegalStateException: a bug), from its checkpoint after"
                + " stage1 epoch 1 (stage1-e0000)"), state.resumeNote());
        TrainingRun again = TrainingRun.resume(run.dir());
        JsonObject reopened = again.manifest().toJson();
        assertEquals("running", reopened.get("status").getAsString());
        assertFalse(reopened.has("message") || reopened.has("resumeCommand"), reopened.toString());
    }

    @Test
    void aResumedRunThatFailsIsNeverRemovedEvenWithoutCheckpoints() throws IOException {
        Path d = start().dir();
        TrainingRun resumed = TrainingRun.resume(d); // killed before its first checkpoint, then resumed
        assertThrows(InvalidInputException.class, () -> resumed.during(() -> {
            throw new InvalidInputException("no data");
        }));
        assertEquals("failed", resumed.manifest().toJson().get("status").getAsString());
        assertTrue(Files.isDirectory(d));
    }

    @Test
    void theCauseChainsBadInputIsTheMessage() {
        assertEquals("x.yaml: missing", TrainingRun.messageOf(new IOException(new InvalidInputException("x.yaml: missing"))));
        assertEquals("java.io.EOFException", TrainingRun.messageOf(new java.io.EOFException()));
        assertEquals("'/tmp/a b'", TrainingRun.shellWord("/tmp/a b"));
        assertEquals("'it'\\''s'", TrainingRun.shellWord("it's"));
        assertEquals("results/smoke/runs/x", TrainingRun.shellWord("results/smoke/runs/x"));
    }
}
