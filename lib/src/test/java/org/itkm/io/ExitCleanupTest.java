package org.itkm.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shutdown hooks run concurrently: the one that removes unfinished output must not remove the temporary
 * file of a manifest another hook is writing (a run recording its interruption).
 */
class ExitCleanupTest {
    @TempDir
    Path tmp;

    @Test
    void aFileRegisteredByAnOrdinaryThreadIsRemovedAtExitUntilUnregistered() {
        Path p = tmp.resolve("staging");
        ExitCleanup.register(p, null);
        assertTrue(ExitCleanup.pending(p));
        ExitCleanup.unregister(p);
        assertFalse(ExitCleanup.pending(p));
    }

    @Test
    void theTemporaryFilesOfAWritingHookAreLeftToIt() throws Exception {
        Path target = tmp.resolve("manifest.json");
        AtomicBoolean seenPending = new AtomicBoolean();
        Thread hook = ExitCleanup.writingHook(() -> {
            Path p = tmp.resolve(".manifest.json123.tmp");
            ExitCleanup.register(p, null);
            seenPending.set(ExitCleanup.pending(p));
            try {
                AtomicFiles.writeString(target, "{}");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "test-hook");
        hook.start();
        hook.join();
        ExitCleanup.forgetHook(hook);
        assertFalse(seenPending.get(), "a hook's own temporary file must not be queued for removal");
        assertTrue(Files.isRegularFile(target));
        try (var s = Files.list(tmp)) {
            assertTrue(s.allMatch(f -> f.equals(target)), "no temporary file left");
        }
    }
}
