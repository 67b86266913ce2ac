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
import org.itkm.artifact.PocketClipArtifact;
import org.itkm.io.InvalidInputException;
import org.itkm.io.KitHome;
import org.itkm.io.OutputFolder;
import org.itkm.synth.SynthUmsGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a profile's workspace makes (SynthUMS in data.synthRoot) is written whole beside its final name, as
 * {@code itkm synth} writes it: what a killed earlier run left is removed, a folder of the user's is never
 * written into. Its CLIP is the shipped pocket CLIP: nothing is pre-trained into the results.
 */
class WorkspaceOutputsTest {
    @TempDir
    Path dir;

    private static void stale(Path staging, String command) throws IOException {
        Files.createDirectories(staging.resolve("half"));
        Files.writeString(staging.resolve(OutputFolder.MARKER), "command=" + command + "\n");
    }

    @Test
    void dataAreMadeWholeWhatAKilledRunLeftIsRemovedAndTheClipIsTheShippedOne() throws IOException {
        Path data = dir.resolve("synth");
        Path results = dir.resolve("results");
        stale(dir.resolve(".synth.partial"), "synth");
        Workspace ws = new Workspace(results, "smoke", List.of("data.synthRoot=" + data, "data.synthPreset=tiny"));
        StringWriter log = new StringWriter();
        ws.ensureData(new PrintWriter(log, true));
        assertTrue(OutputFolder.madeBy(data, SynthUmsGenerator.COMMAND));
        assertFalse(Files.exists(dir.resolve(".synth.partial")));

        Path clip = ws.ensureClip(new PrintWriter(log, true));
        assertEquals(KitHome.find().orElseThrow().resolve(PocketClipArtifact.FOLDER), clip);
        assertEquals(clip, ws.ensureClip(new PrintWriter(log, true)));
        assertEquals(1, log.toString().lines().filter(l -> l.startsWith("pocket CLIP: " + clip)).count(), log.toString());
        assertFalse(Files.exists(results), "nothing pre-trained into the results");
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
