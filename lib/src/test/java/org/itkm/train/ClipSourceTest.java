package org.itkm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.itkm.config.RunConfig;
import org.itkm.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pocket CLIP is reused only when it was pre-trained the way the configuration asks; a missing user checkpoint
 * is named.
 */
class ClipSourceTest {
    @TempDir
    Path results;

    @Test
    void aPocketClipPreTrainedAnotherWayIsRefusedWithWhatToDelete() throws Exception {
        RunConfig c = RunConfig.load("smoke", null, List.of()).config();
        Path dir = ClipSource.pocketDirectory(results, "smoke");
        InvalidInputException absent = assertThrows(InvalidInputException.class, () -> ClipSource.resolve(c, results));
        assertTrue(absent.getMessage().contains("not been pre-trained yet"), absent.getMessage());

        Files.createDirectories(dir);
        InvalidInputException old = assertThrows(InvalidInputException.class, () -> ClipSource.resolve(c, results));
        assertTrue(old.getMessage().contains("earlier version of the kit"), old.getMessage());

        ClipSource.writeRecipe(dir, c);
        assertEquals(dir, ClipSource.resolve(c, results));
        assertTrue(ClipSource.recipe(c).contains("\"imageViewWeight\": " + c.pretrain().imageViewWeight()));

        RunConfig other = RunConfig.load("smoke", null, List.of("pretrain.imageViewWeight=0")).config();
        InvalidInputException changed = assertThrows(InvalidInputException.class,
                () -> ClipSource.resolve(other, results));
        assertTrue(changed.getMessage().startsWith(dir + ": this pocket CLIP was pre-trained with"),
                changed.getMessage());
        assertTrue(changed.getMessage().contains("\"imageViewWeight\": 0.0"), changed.getMessage());

        // a run asked for with that configuration fails before it makes a run directory
        RunCatalog runs = new RunCatalog(results, "smoke", List.of("pretrain.imageViewWeight=0"), false);
        assertThrows(InvalidInputException.class, () -> runs.obtain(List.of(), new java.io.PrintWriter(
                java.io.Writer.nullWriter())));
        assertFalse(Files.exists(results.resolve("smoke").resolve("runs")));
    }

    @Test
    void theRunSeedLeavesThePocketClipAndTheDataAlonePretrainAndSynthSeedsDoNot() throws Exception {
        RunConfig c = RunConfig.load("smoke", null, List.of()).config();
        Path dir = ClipSource.pocketDirectory(results, "smoke");
        Files.createDirectories(dir);
        ClipSource.writeRecipe(dir, c);

        RunConfig reseeded = RunConfig.load("smoke", null, List.of("seed=7")).config();
        assertEquals(7, reseeded.seed());
        assertEquals(c.data().synthSeed(), reseeded.data().synthSeed());
        assertEquals(dir, ClipSource.resolve(reseeded, results)); // another training seed, the same CLIP

        RunConfig clipSeed = RunConfig.load("smoke", null, List.of("pretrain.seed=7")).config();
        InvalidInputException changed = assertThrows(InvalidInputException.class,
                () -> ClipSource.resolve(clipSeed, results));
        assertTrue(changed.getMessage().contains("\"seed\": 7"), changed.getMessage());
        assertEquals(8, RunConfig.load("smoke", null, List.of("data.synthSeed=8")).config().data().synthSeed());
    }

    @Test
    void aMissingUserCheckpointIsNamedWithWhatIsExpected() {
        Path absent = results.resolve("clip-vit-base-patch16");
        RunConfig c = RunConfig.load("smoke", null, List.of("model.checkpoint=" + absent)).config();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ClipSource.resolve(c, results));
        assertTrue(e.getMessage().startsWith(absent + ": CLIP checkpoint not found (model.checkpoint); expected a"
                + " Hugging Face CLIP directory (config.json, model.safetensors, tokenizer.json) or OpenAI's"
                + " ViT-B-16.pt"), e.getMessage());
    }
}
