package org.itkm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.itkm.artifact.PocketClipArtifact;
import org.itkm.clip.ClipConfig;
import org.itkm.clip.ClipModel;
import org.itkm.clip.checkpoint.ClipCheckpoint;
import org.itkm.config.RunConfig;
import org.itkm.io.InvalidInputException;
import org.itkm.io.KitHome;
import org.itkm.runtime.EngineRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pocket} is the pocket CLIP the kit ships, the same for every profile and seed, at every profile's input
 * size; a missing user checkpoint is named.
 */
class ClipSourceTest {
    @TempDir
    Path results;

    @Test
    void pocketIsTheShippedArtifactWhateverTheProfileOrSeed() {
        Path shipped = KitHome.find().orElseThrow().resolve(PocketClipArtifact.FOLDER);
        for (String profile : List.of("smoke", "quick", "rehearsal")) {
            assertEquals(shipped, ClipSource.resolve(RunConfig.load(profile, null, List.of()).config()), profile);
        }
        RunConfig reseeded = RunConfig.load("smoke", null, List.of("seed=7", "data.synthSeed=8")).config();
        assertEquals(shipped, ClipSource.check(reseeded));
    }

    @Test
    void profilesAtOtherInputSizesGetResizedPositionEmbeddings() {
        RunConfig larger = RunConfig.load("smoke", null, List.of("data.height=128", "data.width=64")).config();
        try (ClipCheckpoint ckpt = ClipCheckpoint.open(ClipSource.check(larger));
                NDManager manager = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            ClipConfig stored = ckpt.config();
            ClipConfig atSize = ClipSource.atInputSize(ckpt, larger);
            assertEquals(64, stored.vision().inputHeight());
            assertEquals(128, atSize.vision().inputHeight());
            assertEquals(64, atSize.vision().inputWidth());
            ClipModel.create(atSize, manager).load(ckpt.tensors()); // the 8x4 position grid resized to 16x8
        }
        RunConfig ragged = RunConfig.load("smoke", null, List.of("data.width=12")).config();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ClipSource.check(ragged));
        assertTrue(e.getMessage().contains("expected a multiple of 8, the patch size of the pocket CLIP"),
                e.getMessage());
    }

    @Test
    void preTrainingSettingsAreNoLongerConfigurationKeys() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> RunConfig.load("smoke", null, List.of("pretrain.epochs=3")));
        assertTrue(e.getMessage().contains("re-make it with ./itkm make-pocket-clip"), e.getMessage());
    }

    @Test
    void aMissingUserCheckpointIsNamedWithWhatIsExpected() {
        Path absent = results.resolve("clip-vit-base-patch16");
        RunConfig c = RunConfig.load("smoke", null, List.of("model.checkpoint=" + absent)).config();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ClipSource.resolve(c));
        assertTrue(e.getMessage().startsWith(absent + ": CLIP checkpoint not found (model.checkpoint); expected a"
                + " Hugging Face CLIP directory (config.json, model.safetensors, tokenizer.json) or OpenAI's"
                + " ViT-B-16.pt"), e.getMessage());
    }
}
