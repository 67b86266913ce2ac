package org.itkm.train;

import java.nio.file.Files;
import java.nio.file.Path;
import org.itkm.config.RunConfig;
import org.itkm.io.InvalidInputException;

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

    /** The checkpoint a configuration names, checked to exist. */
    public static Path resolve(RunConfig c, Path resultsRoot) {
        String ck = c.model().checkpoint();
        if (POCKET.equals(ck)) {
            Path dir = pocketDirectory(resultsRoot, c.profile());
            if (!Files.isDirectory(dir)) {
                throw new InvalidInputException(dir + ": the pocket CLIP of profile " + c.profile()
                        + " has not been pre-trained yet; run ./itkm pretrain-clip --data " + c.data().synthRoot()
                        + " --out " + dir + " (or ./itkm reproduce --profile " + c.profile() + ")");
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
