package org.itkm.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.itkm.clip.ClipModel;
import org.itkm.clip.checkpoint.ClipCheckpoint;
import org.itkm.clip.checkpoint.HuggingFaceClipDirectory;
import org.itkm.clip.checkpoint.SafetensorsFile;
import org.itkm.io.InvalidInputException;
import org.itkm.io.KitHome;
import org.itkm.runtime.EngineRuntime;
import org.itkm.synth.SynthPreset;
import org.itkm.synth.SynthUmsGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pocket CLIP committed in {@code models/pocket-clip}: it loads, its manifest describes it truly, and a copy
 * that is not what its manifest says is refused with one message naming the file and the command that re-makes it.
 */
class PocketClipArtifactTest {
    @TempDir
    Path tmp;

    private static Path shipped() {
        return KitHome.find().orElseThrow().resolve(PocketClipArtifact.FOLDER);
    }

    /** A copy of the shipped artifact in {@code tmp}. */
    private Path copy() throws IOException {
        Path dir = tmp.resolve("pocket-clip");
        Files.createDirectories(dir);
        try (Stream<Path> s = Files.list(shipped())) {
            for (Path f : s.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    private static PocketClipManifest manifest(Path dir) {
        return PocketClipManifest.read(dir.resolve(PocketClipArtifact.MANIFEST), "");
    }

    @Test
    void theShippedArtifactIsWhatItsManifestSaysAndLoads() throws IOException {
        Path dir = PocketClipArtifact.verified();
        assertEquals(shipped(), dir);
        PocketClipManifest m = manifest(dir);
        assertEquals(List.of("config.json", "model.safetensors", "tokenizer.json"), List.copyOf(m.files().keySet()));
        for (Map.Entry<String, PocketClipManifest.FileRecord> e : m.files().entrySet()) {
            assertEquals(e.getValue(), PocketClipManifest.FileRecord.of(dir.resolve(e.getKey())), e.getKey());
        }
        assertTrue(m.command().startsWith("./itkm make-pocket-clip --epochs ") && m.command().endsWith(" --replace"),
                m.command());
        assertEquals(SynthUmsGenerator.FORMAT_VERSION, m.corpus().synthumsVersion());
        assertEquals(SynthPreset.CORPUS.id(), m.corpus().preset());
        assertEquals(PocketClipArtifact.CORPUS_SEED, m.corpus().seed());
        assertEquals(SynthPreset.CORPUS.sizes().totalImages(), m.corpus().captions());
        assertEquals("caption", m.zeroShot().get(0).task());
        assertTrue(m.pretraining().epochs() > 0 && m.pretraining().steps() > 0 && m.made().kitCommit() != null);

        Path weights = dir.resolve(HuggingFaceClipDirectory.WEIGHTS);
        assertTrue(Files.size(weights) < 5 << 20, Files.size(weights) + " bytes");
        try (SafetensorsFile f = SafetensorsFile.open(weights)) {
            for (String name : f.names()) {
                assertEquals("F16", f.dtype(name), name);
            }
        }
        try (ClipCheckpoint ckpt = ClipCheckpoint.open(dir);
                NDManager manager = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            ClipModel model = ClipModel.create(ckpt.config(), manager);
            model.load(ckpt.tensors());
            assertEquals(m.pretraining().inputHeight(), ckpt.config().vision().inputHeight());
            assertEquals(m.pretraining().vocabulary(), ckpt.config().text().vocabSize());
        }
    }

    @Test
    void oneAlteredByteOfTheWeightsIsRefusedNamingTheFileAndTheCommand() throws IOException {
        Path dir = copy();
        Path weights = dir.resolve(HuggingFaceClipDirectory.WEIGHTS);
        byte[] b = Files.readAllBytes(weights);
        b[b.length / 2] ^= 1;
        Files.write(weights, b);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PocketClipArtifact.verify(dir));
        assertTrue(e.getMessage().startsWith(weights + ": SHA-256 "), e.getMessage());
        assertTrue(e.getMessage().endsWith("re-make it with: " + manifest(dir).command()), e.getMessage());
    }

    @Test
    void aMissingManifestIsRefusedNamingItAndTheCommand() throws IOException {
        Path dir = copy();
        Files.delete(dir.resolve(PocketClipArtifact.MANIFEST));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PocketClipArtifact.verify(dir));
        assertEquals(dir.resolve(PocketClipArtifact.MANIFEST) + ": missing, so the pocket CLIP beside it cannot be"
                + " verified; re-make it with: ./itkm make-pocket-clip --replace", e.getMessage());
    }

    @Test
    void aManifestOfAnotherSynthUmsVersionIsRefused() throws IOException {
        Path dir = copy();
        Path file = dir.resolve(PocketClipArtifact.MANIFEST);
        JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        json.getAsJsonObject("corpus").addProperty("synthumsVersion", SynthUmsGenerator.FORMAT_VERSION - 1);
        Files.writeString(file, json.toString());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PocketClipArtifact.verify(dir));
        assertTrue(e.getMessage().startsWith(file + ": the pocket CLIP was pre-trained on SynthUMS version "
                + (SynthUmsGenerator.FORMAT_VERSION - 1) + ", this kit writes version "
                + SynthUmsGenerator.FORMAT_VERSION), e.getMessage());
        assertTrue(e.getMessage().endsWith("re-make it with: " + manifest(dir).command()), e.getMessage());
    }

    @Test
    void aFolderIsHashedOnceUntilOneOfItsFilesChanges() throws IOException {
        Path dir = copy();
        assertEquals(dir, PocketClipArtifact.verify(dir));
        Path tokenizer = dir.resolve(HuggingFaceClipDirectory.TOKENIZER);
        FileTime when = Files.getLastModifiedTime(tokenizer);
        byte[] b = Files.readAllBytes(tokenizer);
        b[b.length - 2] ^= 1;
        Files.write(tokenizer, b);
        Files.setLastModifiedTime(tokenizer, when);
        assertEquals(dir, PocketClipArtifact.verify(dir), "same sizes and times: not hashed again");
        Files.setLastModifiedTime(tokenizer, FileTime.fromMillis(when.toMillis() + 2000));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PocketClipArtifact.verify(dir));
        assertTrue(e.getMessage().startsWith(tokenizer + ": SHA-256 "), e.getMessage());
    }
}
