package org.itkm.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.itkm.config.RunConfig;
import org.itkm.io.AtomicFiles;
import org.itkm.io.InvalidInputException;
import org.itkm.model.ClipCheckpoint;
import org.itkm.model.ClipConfig;
import org.itkm.synth.SynthUmsGenerator;

/**
 * Where a run's pre-trained CLIP comes from: a user-supplied checkpoint (Hugging Face directory or
 * OpenAI .pt), or {@code pocket}, the kit's own pocket CLIP pre-trained on SynthUMS captions and kept
 * at {@code results/<profile>/pocket-clip}.
 */
public final class ClipSource {
    /** The configuration value that selects the kit's own pocket CLIP. */
    public static final String POCKET = "pocket";

    private ClipSource() {}

    /** The pocket CLIP's directory for a profile. */
    public static Path pocketDirectory(Path resultsRoot, String profile) {
        return resultsRoot.resolve(profile).resolve("pocket-clip");
    }

    /** The file in the pocket CLIP's directory that records how it was pre-trained. */
    public static final String RECIPE_FILE = "pretraining.json";

    /**
     * How a configuration pre-trains the pocket CLIP: the settings that change the weights (a pocket CLIP
     * made another way must not be reused silently).
     */
    public static String recipe(RunConfig c) {
        RunConfig.Pretrain p = c.pretrain();
        return String.format(Locale.ROOT, "{\"epochs\": %d, \"lr\": %s, \"batchSize\": %d, \"imageViewWeight\": %s,"
                + " \"seed\": %d, \"input\": \"%dx%d\", \"synthums_version\": %d}", p.epochs(), p.lr(), p.batchSize(),
                p.imageViewWeight(), p.seed(), c.data().height(), c.data().width(), SynthUmsGenerator.FORMAT_VERSION);
    }

    /** Records in {@code dir} that it was pre-trained as {@code c} says. */
    public static void writeRecipe(Path dir, RunConfig c) throws IOException {
        AtomicFiles.writeString(dir.resolve(RECIPE_FILE), recipe(c) + "\n");
    }

    /**
     * {@link #resolve} and the configured input size checked against the checkpoint's patch size
     * ({@link #checkInputSize}): what a command checks before it makes a run folder.
     */
    public static Path check(RunConfig c, Path resultsRoot) {
        if (POCKET.equals(c.model().checkpoint())) { // its patch is known before it is pre-trained
            checkPocketInputSize(c);
        }
        Path p = resolve(c, resultsRoot);
        try (ClipCheckpoint ckpt = ClipCheckpoint.open(p)) {
            checkInputSize(c, ckpt.config().vision().patchSize(), "the patch size of the CLIP checkpoint " + p
                    + " (model.checkpoint)");
        }
        return p;
    }

    /** {@link #checkInputSize} against the pocket CLIP's patch (known before the pocket CLIP is pre-trained). */
    public static void checkPocketInputSize(RunConfig c) {
        checkInputSize(c, org.itkm.model.PocketClip.PATCH, "the patch size of the pocket CLIP (model.checkpoint pocket)");
    }

    /** The checkpoint's architecture at the configured input size, the size checked first. */
    public static ClipConfig atInputSize(ClipCheckpoint ckpt, RunConfig c) {
        checkInputSize(c, ckpt.config().vision().patchSize(), "the patch size of the CLIP checkpoint " + ckpt.path()
                + " (model.checkpoint)");
        return ckpt.config().withInputSize(c.data().height(), c.data().width());
    }

    /**
     * The image encoder cuts its input into patches: {@code data.height} and {@code data.width} must be
     * multiples of the patch size (a remainder would be cropped away without a word, a side smaller than a
     * patch has no patch at all).
     *
     * @param whose where the patch size comes from, for the message
     * @throws InvalidInputException naming the key, its value and the sizes allowed
     */
    public static void checkInputSize(RunConfig c, int patch, String whose) {
        checkSide("data.height", c.data().height(), patch, whose);
        checkSide("data.width", c.data().width(), patch, whose);
    }

    private static void checkSide(String key, int value, int patch, String whose) {
        if (value < patch || value % patch != 0) {
            int below = Math.max(patch, value / patch * patch);
            int above = below < value ? below + patch : below;
            throw new InvalidInputException("config key '" + key + "' = '" + value + "': expected a multiple of "
                    + patch + ", " + whose + " (e.g. " + (below == above || value < patch ? above : below + " or " + above)
                    + ")");
        }
    }

    /** The checkpoint a configuration names, checked to exist (a pocket CLIP also to match the recipe). */
    public static Path resolve(RunConfig c, Path resultsRoot) {
        String ck = c.model().checkpoint();
        if (POCKET.equals(ck)) {
            Path dir = pocketDirectory(resultsRoot, c.profile());
            if (!Files.isDirectory(dir)) {
                throw new InvalidInputException(dir + ": the pocket CLIP of profile " + c.profile()
                        + " has not been pre-trained yet; run ./itkm reproduce --profile " + c.profile());
            }
            String want = recipe(c);
            String have;
            try {
                have = Files.isRegularFile(dir.resolve(RECIPE_FILE)) ? Files.readString(dir.resolve(RECIPE_FILE)).trim()
                        : "nothing (made by an earlier version of the kit)";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!want.equals(have)) {
                throw new InvalidInputException(dir + ": this pocket CLIP was pre-trained with " + have
                        + ", the configuration asks for " + want + "; delete the directory (./itkm reproduce pre-trains"
                        + " it again) or change the pretrain settings back");
            }
            return dir;
        }
        Path p = Path.of(ck);
        if (!Files.exists(p)) {
            throw new InvalidInputException(p + ": CLIP checkpoint not found (model.checkpoint); expected a Hugging Face"
                    + " CLIP directory (config.json, model.safetensors, tokenizer.json) or OpenAI's ViT-B-16.pt");
        }
        return p;
    }
}
