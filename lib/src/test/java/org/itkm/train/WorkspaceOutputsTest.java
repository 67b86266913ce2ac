package org.itkm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.itkm.io.InvalidInputException;
import org.itkm.io.OutputFolder;
import org.itkm.synth.SynthUmsGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a profile's workspace makes (SynthUMS in data.synthRoot, the pocket CLIP) is written whole beside its
 * final name, as {@code itkm synth} and {@code itkm pretrain-clip} write theirs: what a killed earlier run left
 * is removed, a folder of the user's is never written into.
 */
class WorkspaceOutputsTest {
    @TempDir
    Path dir;

    private static void stale(Path staging, String command) throws IOException {
        Files.createDirectories(staging.resolve("half"));
        Files.writeString(staging.resolve(OutputFolder.MARKER), "command=" + command + "\n");
    }

    @Test
    void dataAndThePocketClipAreMadeWholeAndWhatAKilledRunLeftIsRemoved() throws IOException {
        Path data = dir.resolve("synth");
        Path results = dir.resolve("results");
        stale(dir.resolve(".synth.partial"), "synth");
        stale(results.resolve("smoke/.pocket-clip.partial"), "pretrain-clip");
        Workspace ws = new Workspace(results, "smoke", List.of("data.synthRoot=" + data, "data.synthPreset=tiny",
                "pretrain.epochs=1"));
        StringWriter log = new StringWriter();
        ws.ensureData(new PrintWriter(log, true));
        assertTrue(OutputFolder.madeBy(data, SynthUmsGenerator.COMMAND));
        assertFalse(Files.exists(dir.resolve(".synth.partial")));

        Path clip = ws.ensureClip(new PrintWriter(log, true));
        assertEquals(results.resolve("smoke/pocket-clip"), clip);
        assertTrue(OutputFolder.madeBy(clip, Workspace.POCKET_COMMAND) && Files.isRegularFile(clip.resolve("config.json")));
        assertTrue(Files.isRegularFile(clip.resolve(ClipSource.RECIPE_FILE)));
        assertFalse(Files.exists(results.resolve("smoke/.pocket-clip.partial")));
        assertEquals(clip, ws.ensureClip(new PrintWriter(log, true)), "made once, then reused");
    }

    @Test
    void aFolderOfTheUserIsNeverTheGeneratedData() throws IOException {
        Path mine = dir.resolve("mine");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("notes.txt"), "keep");
        Workspace ws = new Workspace(dir.resolve("results"), "smoke", List.of("data.synthRoot=" + mine,
                "data.synthPreset=tiny"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ws.ensureData(new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("data.synthRoot " + mine) && e.getMessage().contains("not made by itkm synth"),
                e.getMessage());
        assertEquals(List.of(mine.resolve("notes.txt")), Files.list(mine).toList());
    }
}
