package org.itkm.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The notebooks that train into results/&lt;profile&gt; (01-09) are writers like {@code itkm reproduce}: each takes
 * its results folder's lock where it opens its context and releases it in its last cell.
 */
class NotebookLockTest {
    private static String source(JsonElement cell) {
        JsonElement s = cell.getAsJsonObject().get("source");
        if (s.isJsonArray()) {
            StringBuilder b = new StringBuilder();
            s.getAsJsonArray().forEach(e -> b.append(e.getAsString()));
            return b.toString();
        }
        return s.getAsString();
    }

    @Test
    void everyNotebookHoldsItsResultsFolderWhileItRuns() throws Exception {
        Path notebooks = KitHome.find().orElseThrow().resolve("notebooks");
        List<Path> writers;
        try (Stream<Path> s = Files.list(notebooks)) {
            writers = s.filter(p -> p.getFileName().toString().matches("0[0-9]-.*\\.ipynb")).sorted().toList();
        }
        assertEquals(10, writers.size(), "notebooks 00-09: " + writers);
        for (Path nb : writers) {
            JsonArray cells = JsonParser.parseString(Files.readString(nb)).getAsJsonObject().getAsJsonArray("cells");
            boolean opens = false;
            for (JsonElement c : cells) {
                opens |= source(c).contains("NotebookContext nb = NotebookContext.open(");
            }
            assertTrue(opens, nb + " opens its context (which takes the results folder's lock)");
            JsonObject last = cells.get(cells.size() - 1).getAsJsonObject();
            assertEquals("code", last.get("cell_type").getAsString(), nb + ": the last cell releases the lock");
            assertTrue(source(last).contains("nb.close();"), nb + ": the last cell releases the lock");
        }
    }
}
