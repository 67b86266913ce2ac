package org.itkm.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.itkm.clip.ClipModel;
import org.itkm.clip.HostTensor;
import org.itkm.clip.PocketClip;
import org.itkm.clip.checkpoint.ClipCheckpoint;
import org.itkm.clip.checkpoint.HuggingFaceClipDirectory;
import org.itkm.clip.tokenizer.WordLevelTokenizer;
import org.itkm.io.InvalidInputException;
import org.itkm.io.KitHome;
import org.itkm.io.OutputFolder;
import org.itkm.runtime.EngineRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the artifact is made: the recorded command, the F16 copy, and no artifact replaced unasked. */
class PocketClipMakerTest {
    @TempDir
    Path tmp;

    @Test
    void theCommandNamesEverySettingWithTheWarmUpResolved() {
        PocketClipMaker.Settings s = new PocketClipMaker.Settings(2, 128, 5e-4f, null, 1, 0.3, 0.1, 64, 32)
                .resolvedFor(10_800);
        assertEquals(16, s.warmupSteps(), "a tenth of 2 x 84 steps");
        assertEquals("./itkm make-pocket-clip --epochs 2 --batch-size 128 --lr 0.0005 --warmup 16 --seed 1"
                + " --image-view-weight 0.3 --held-out 0.1 --input-size 64x32 --replace", s.command(""));
        assertEquals(5, new PocketClipMaker.Settings(2, 128, 5e-4f, 5, 1, 0.3, 0.1, 64, 32).resolvedFor(10_800)
                .warmupSteps());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new PocketClipMaker.Settings(2, 128, 5e-4f, null, 1, 0.3, 0.1, 60, 32));
        assertTrue(e.getMessage().contains("--input-size 60x32"), e.getMessage());
    }

    @Test
    void theF16CopyLoadsWithinHalfPrecisionOfTheWeights() throws Exception {
        Path f32 = tmp.resolve("f32");
        Path f16 = Files.createDirectories(tmp.resolve("f16"));
        List<String> words = List.of("a photo of a person .");
        Map<String, HostTensor> original;
        try (NDManager m = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            ClipModel model = ClipModel.create(PocketClip.config(WordLevelTokenizer.vocabulary(words).size()), m);
            HuggingFaceClipDirectory.save(f32, model, WordLevelTokenizer.buildJson(words), false);
            original = model.export(false);
        }
        PocketClipMaker.storeAsF16(f32, f16);
        assertTrue(Files.readString(f16.resolve(HuggingFaceClipDirectory.CONFIG)).contains("\"torch_dtype\": \"float16\""));
        assertEquals(Files.readString(f32.resolve(HuggingFaceClipDirectory.TOKENIZER)),
                Files.readString(f16.resolve(HuggingFaceClipDirectory.TOKENIZER)));
        try (ClipCheckpoint ckpt = ClipCheckpoint.open(f16)) {
            for (Map.Entry<String, HostTensor> e : original.entrySet()) {
                float[] want = e.getValue().data();
                float[] have = ckpt.tensors().read(e.getKey()).data();
                for (int i = 0; i < want.length; i++) {
                    assertTrue(Math.abs(have[i] - want[i]) <= Math.max(Math.abs(want[i]) * 0x1p-11, 0x1p-25),
                            e.getKey() + "[" + i + "]: " + want[i] + " -> " + have[i]);
                }
            }
        }
    }

    @Test
    void anEarlierArtifactIsReplacedOnlyWhenAskedAndNothingIsDrawnBefore() throws Exception {
        Path out = tmp.resolve("pocket-clip");
        Files.createDirectories(out);
        try (var s = Files.list(KitHome.find().orElseThrow().resolve(PocketClipArtifact.FOLDER))) {
            for (Path f : s.toList()) {
                Files.copy(f, out.resolve(f.getFileName()));
            }
        }
        assertTrue(OutputFolder.madeBy(out, PocketClipArtifact.COMMAND), "the shipped artifact carries the marker");
        Path corpus = tmp.resolve("corpus");
        PocketClipMaker.Settings s = new PocketClipMaker.Settings(1, 128, 5e-4f, null, 1, 0.3, 0.1, 64, 32);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PocketClipMaker.make(s, out, "",
                corpus, false, new PrintWriter(new StringWriter()), false));
        assertEquals("--out " + out + " holds an earlier output of itkm make-pocket-clip; add --replace to replace"
                + " it, or choose another folder", e.getMessage());
        assertFalse(Files.exists(corpus), "nothing drawn");
    }
}
