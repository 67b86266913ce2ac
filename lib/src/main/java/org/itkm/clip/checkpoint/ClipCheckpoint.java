package org.itkm.clip.checkpoint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.itkm.clip.ClipConfig;
import org.itkm.clip.TensorSource;
import org.itkm.clip.tokenizer.ClipTokenizer;
import org.itkm.clip.tokenizer.HuggingFaceClipTokenizer;
import org.itkm.io.InvalidInputException;

/**
 * A CLIP checkpoint opened for loading: its architecture, its tensors under Hugging Face names and its
 * tokenizer. Reads format (a), a Hugging Face CLIP directory, and format (b), an OpenAI TorchScript
 * {@code .pt} archive with its BPE vocabulary next to it.
 */
public final class ClipCheckpoint implements AutoCloseable {
    private final Path path;
    private final ClipConfig config;
    private final TensorSource tensors;
    private final TokenizerFactory tokenizerFactory;
    private final String randomWeights;

    /** Opens the tokenizer lazily (only --texts needs it). */
    @FunctionalInterface
    interface TokenizerFactory {
        ClipTokenizer open();
    }

    /** @param randomWeights the random-weights mark the file carries (how it was made), or null */
    ClipCheckpoint(Path path, ClipConfig config, TensorSource tensors, TokenizerFactory tokenizerFactory,
            String randomWeights) {
        this.path = path;
        this.config = config;
        this.tensors = tensors;
        this.tokenizerFactory = tokenizerFactory;
        this.randomWeights = randomWeights;
    }

    /** Opens a checkpoint: a directory with config.json (format a) or a TorchScript .pt file (format b). */
    public static ClipCheckpoint open(Path path) {
        if (!Files.exists(path)) {
            throw new InvalidInputException("checkpoint " + path + " does not exist (expected a Hugging Face CLIP "
                    + "directory or an OpenAI TorchScript .pt file)");
        }
        if (Files.isDirectory(path)) {
            return openHuggingFace(path);
        }
        if (path.getFileName().toString().endsWith(".pt")) {
            return OpenAiClipArchive.open(path);
        }
        throw new InvalidInputException("checkpoint " + path + " is neither a directory with "
                + HuggingFaceClipDirectory.CONFIG + " nor a TorchScript .pt file");
    }

    private static ClipCheckpoint openHuggingFace(Path dir) {
        ClipConfig config = HuggingFaceClipDirectory.readConfig(dir);
        Path tokenizerJson = dir.resolve(HuggingFaceClipDirectory.TOKENIZER);
        // Older exports write eos_token_id 2 although their tokenizer ends texts with <|endoftext|> = 49407
        // (Hugging Face then pools at the largest id). The configured id stays the end token; a sequence
        // without it is pooled at the tokenizer's <|endoftext|> instead of being rejected.
        if (config.text().eosTokenId() == 2 && Files.isRegularFile(tokenizerJson)) {
            Integer eos = HuggingFaceClipTokenizer.specialTokenIds(tokenizerJson).get(HuggingFaceClipTokenizer.EOS);
            if (eos != null && eos != 2 && eos < config.text().vocabSize()) {
                config = new ClipConfig(config.vision(), config.text().withLegacyEosTokenId(eos),
                        config.projectionDim(), config.scenarios());
            }
        }
        Path weightsFile = dir.resolve(HuggingFaceClipDirectory.WEIGHTS);
        if (!Files.isRegularFile(weightsFile)) {
            Path pickle = dir.resolve("pytorch_model.bin");
            throw new InvalidInputException("missing file " + weightsFile + " (the weights of a Hugging Face CLIP"
                    + " directory; for ViT-B/16 take model.safetensors from openai/clip-vit-base-patch16"
                    + (Files.exists(pickle) ? "; " + pickle + " is a plain torch.save pickle, which the kit cannot"
                            + " read: use the repository's model.safetensors instead" : "") + ")");
        }
        SafetensorsFile weights = SafetensorsFile.open(weightsFile);
        try {
            ConfigWeightsAgreement.check(config, weights, dir.resolve(HuggingFaceClipDirectory.CONFIG));
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        }
        return new ClipCheckpoint(dir, config, weights, () -> {
            if (!Files.isRegularFile(tokenizerJson)) {
                throw new InvalidInputException("missing file " + tokenizerJson + " (the checkpoint's tokenizer,"
                        + " needed to turn text into token ids; vocab.json and merges.txt alone are not read: copy"
                        + " tokenizer.json from the model's repository, e.g. openai/clip-vit-base-patch16)");
            }
            return HuggingFaceClipTokenizer.load(tokenizerJson);
        }, weights.metadata().get(HuggingFaceClipDirectory.RANDOM_WEIGHTS_METADATA));
    }

    public Path path() {
        return path;
    }

    /** The architecture as stored (input size = checkpoint image size). */
    public ClipConfig config() {
        return config;
    }

    public TensorSource tensors() {
        return tensors;
    }

    /**
     * How the random weights of this checkpoint were made, when it is one {@code itkm make-clip} wrote (its
     * weights file carries that mark); empty for real or trained weights.
     */
    public Optional<String> randomWeights() {
        return Optional.ofNullable(randomWeights);
    }

    /**
     * The one warning line to print when a checkpoint of random weights is used, empty otherwise: every
     * feature, loss and metric it gives tests the code path only.
     */
    public Optional<String> randomWeightsWarning() {
        return randomWeights().map(mark -> "warning: random weights made by itkm make-clip: " + path + " is not a"
                + " pre-trained CLIP (" + mark + "); the code path runs, but features, losses and metrics from it:"
                + " numbers mean nothing");
    }

    /** Opens the checkpoint's tokenizer (close it after use). */
    public ClipTokenizer openTokenizer() {
        return tokenizerFactory.open();
    }

    /** Tensors by name, for tests and conversions. */
    public Map<String, long[]> shapes() {
        Map<String, long[]> out = new java.util.LinkedHashMap<>();
        for (String n : tensors.names()) {
            out.put(n, tensors.shape(n));
        }
        return out;
    }

    @Override
    public void close() {
        if (tensors instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // read-only sources
            }
        }
    }
}
