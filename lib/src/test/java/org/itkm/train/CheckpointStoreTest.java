package org.itkm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
    @TempDir
    Path dir;

    private static final List<String> ORDER = List.of("stage1", "stage2", "stage3");

    @Test
    void keepsCompleteCheckpointsOnlyAndPrunes() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 2);
        for (int e = 0; e < 4; e++) {
            int epoch = e;
            store.save("stage1", e, d -> Files.writeString(d.resolve("w.txt"), "epoch " + epoch));
        }
        assertEquals(List.of(2, 3), store.list(ORDER).stream().map(CheckpointStore.Checkpoint::epoch).toList());
        store.save("stage2", 0, d -> Files.writeString(d.resolve("w.txt"), "s2"));
        store.save("baseline", 0, d -> Files.writeString(d.resolve("w.txt"), "b"));
        assertEquals("stage2", store.latest(ORDER).orElseThrow().stage());
        assertEquals(3, store.latestOf("stage1").orElseThrow().epoch());
        // a writer that dies half-way leaves nothing behind and the previous checkpoint stays
        assertThrows(IOException.class, () -> store.save("stage2", 1, d -> {
            Files.writeString(d.resolve("half.txt"), "x");
            throw new IOException("killed");
        }));
        assertEquals(0, store.latest(ORDER).orElseThrow().epoch());
        try (var s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".writing-")));
        }
    }

    @Test
    void removesLeftoversOfAKilledWriter() throws IOException {
        Files.createDirectories(dir.resolve(".writing-123/sub"));
        CheckpointStore store = new CheckpointStore(dir, 1);
        store.removeIncomplete();
        assertFalse(Files.exists(dir.resolve(".writing-123")));
        assertTrue(store.latest(ORDER).isEmpty());
    }

    @Test
    void seedsDependOnPlaceNotHistory() {
        RunSeeds a = new RunSeeds(1);
        RunSeeds b = new RunSeeds(1);
        a.stream("stage1", 0, "sampler").nextLong();
        assertEquals(a.seedFor("stage1", 3, "sampler"), b.seedFor("stage1", 3, "sampler"));
        assertFalse(a.seedFor("stage1", 3, "sampler") == a.seedFor("stage1", 4, "sampler"));
        assertFalse(a.seedFor("stage1", 3, "sampler") == new RunSeeds(2).seedFor("stage1", 3, "sampler"));
    }
}
