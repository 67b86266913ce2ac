package org.itkm.train;

import java.nio.file.Files;
import java.nio.file.Path;
import org.itkm.artifact.PocketClipArtifact;
import org.itkm.clip.ClipConfig;
import org.itkm.clip.checkpoint.ClipCheckpoint;
import org.itkm.config.RunConfig;
import org.itkm.io.InvalidInputException;

/**
 * Where a run's pre-trained CLIP comes from: a user-supplied checkpoint (Hugging Face directory or
 * OpenAI .pt), or {@code pocket}, the pocket CLIP the kit ships ({@link PocketClipArtifact}, verified
 * before use).
 */
public final class ClipSource {
    /** The configuration value that selects the kit's own pocket CLIP. */
    public static final String POCKET = "pocket";

    private ClipSource() {}

    /**
     * {@link #resolve} and the configured input size checked against the checkpoint's patch size
     * ({@link #checkInputSize}): what a command checks before it makes a run folder.
     */
    public static Path check(RunConfig c) {
        if (POCKET.equals(c.model().checkpoint())) { // its patch is known before the artifact is verified
            checkPocketInputSize(c);
        }
        Path p = resolve(c);
        try (ClipCheckpoint ckpt = ClipCheckpoint.open(p)) {
            checkInputSize(c, ckpt.config().vision().patchSize(), "the patch size of the CLIP checkpoint " + p
                    + " (model.checkpoint)");
        }
        return p;
    }

    /** {@link #checkInputSize} against the pocket CLIP's patch (known before the artifact is read). */
    public static void checkPocketInputSize(RunConfig c) {
        checkInputSize(c, org.itkm.clip.PocketClip.PATCH, "the patch size of the pocket CLIP (model.checkpoint pocket)");
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

    /**
     * The checkpoint a configuration names, checked to exist; for {@code pocket}, the shipped artifact, verified
     * against its manifest ({@link PocketClipArtifact#verified}).
     */
    public static Path resolve(RunConfig c) {
        String ck = c.model().checkpoint();
        if (POCKET.equals(ck)) {
            return PocketClipArtifact.verified();
        }
        Path p = Path.of(ck);
        if (!Files.exists(p)) {
            throw new InvalidInputException(p + ": CLIP checkpoint not found (model.checkpoint); expected a Hugging Face"
                    + " CLIP directory (config.json, model.safetensors, tokenizer.json) or OpenAI's ViT-B-16.pt");
        }
        return p;
    }
}
