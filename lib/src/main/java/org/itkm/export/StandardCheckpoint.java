package org.itkm.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.itkm.clip.ClipConfig;
import org.itkm.clip.HostTensor;
import org.itkm.clip.checkpoint.HuggingFaceClipDirectory;
import org.itkm.clip.checkpoint.InMemoryTensors;
import org.itkm.clip.checkpoint.OpenAiClipArchive;
import org.itkm.clip.checkpoint.SafetensorsFile;
import org.itkm.io.InvalidInputException;

/**
 * Standard CLIP tensors (Hugging Face names, no ITKM extension) written in one of the two layouts the kit
 * and other CLIP code read: (a) a Hugging Face directory, {@code config.json} + {@code model.safetensors}
 * (float32) + the source CLIP's tokenizer files; (b) an OpenAI TorchScript archive {@value #ARCHIVE}
 * (OpenAI's names; every parameter float32) + the source's BPE vocabulary when it has one.
 */
public final class StandardCheckpoint {
    /** The archive's file name in the OpenAI layout. */
    public static final String ARCHIVE = "model.pt";
    /** Safetensors metadata key naming the run and checkpoint an export comes from. */
    public static final String EXPORT_METADATA = "itkm_export";
    /** Hugging Face tokenizer files copied from the source CLIP when present. */
    static final List<String> HF_TOKENIZER_FILES = List.of(HuggingFaceClipDirectory.TOKENIZER, "vocab.json",
            "merges.txt", "tokenizer_config.json", "special_tokens_map.json");

    /** The two layouts. */
    public enum Format {
        HF, OPENAI;

        /** hf or openai (as typed on the command line). */
        public static Format parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "hf", "huggingface", "hugging-face" -> HF;
                case "openai", "torchscript", "pt" -> OPENAI;
                default -> throw new InvalidInputException("--format must be hf or openai, not '" + s + "'");
            };
        }
    }

    private StandardCheckpoint() {}

    /** Refuses (one line naming every reason) a model the layout would be read back as another model. */
    public static void requireExpressible(Format format, ClipConfig c, String what) {
        if (format == Format.OPENAI) {
            List<String> misfit = OpenAiLayoutLimits.mismatches(c);
            if (!misfit.isEmpty()) {
                throw new InvalidInputException("--format openai: cannot hold " + what + ": " + String.join("; ", misfit)
                        + "; use --format hf (its config.json states these)");
            }
        }
    }

    /**
     * Writes the checkpoint files into {@code dir} (an existing, empty folder).
     *
     * @param c the architecture; its input size becomes the checkpoint's image size
     * @param sourceClip the CLIP the tensors were trained from (its tokenizer files are copied)
     * @param origin what the safetensors metadata / archive records as the weights' origin
     * @param notes told what the checkpoint lacks or states unusually
     * @return the archive's file name, or null for the Hugging Face directory (the folder is the checkpoint)
     */
    public static String write(Format format, Map<String, HostTensor> tensors, ClipConfig c, Path dir,
            Path sourceClip, String origin, List<String> notes) throws IOException {
        requireExpressible(format, c, "this model");
        if (format == Format.HF) {
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("format", "pt");
            meta.put(EXPORT_METADATA, origin);
            SafetensorsFile.write(dir.resolve(HuggingFaceClipDirectory.WEIGHTS), tensors, meta);
            copyHfTokenizer(sourceClip, dir, notes);
            HuggingFaceClipDirectory.writeConfig(dir, c, false); // last: it marks a complete directory
            if (c.vision().inputHeight() != c.vision().inputWidth()) {
                notes.add("image_size is [height, width] = [" + c.vision().inputHeight() + ", "
                        + c.vision().inputWidth() + "]: the kit reads it; transformers' CLIPVisionModel expects one"
                        + " side");
            }
            return null;
        }
        OpenAiClipArchive.write(dir.resolve(ARCHIVE), new InMemoryTensors(tensors, origin), c, null, n -> { }, false);
        copyBpeVocabulary(sourceClip, dir, notes);
        notes.add("every parameter is stored as float32 (OpenAI's own archives hold float16 weights)");
        return ARCHIVE;
    }

    private static void copyHfTokenizer(Path clip, Path dir, List<String> notes) throws IOException {
        if (clip == null || !Files.isDirectory(clip) || !Files.isRegularFile(clip.resolve(HF_TOKENIZER_FILES.get(0)))) {
            notes.add("no tokenizer.json: the source CLIP " + clip + " has none; image features need none, texts"
                    + " need the tokenizer of the CLIP the run started from");
        }
        if (clip != null && Files.isDirectory(clip)) {
            for (String f : HF_TOKENIZER_FILES) {
                if (Files.isRegularFile(clip.resolve(f))) {
                    Files.copy(clip.resolve(f), dir.resolve(f));
                }
            }
        }
    }

    private static void copyBpeVocabulary(Path clip, Path dir, List<String> notes) throws IOException {
        if (clip != null && !Files.isDirectory(clip)) {
            for (String n : OpenAiClipArchive.VOCAB_NAMES) {
                if (Files.isRegularFile(clip.resolveSibling(n))) {
                    Files.copy(clip.resolveSibling(n), dir.resolve(n));
                    return;
                }
            }
        }
        notes.add("no " + OpenAiClipArchive.VOCAB_NAMES[0] + ": the source CLIP " + clip + " has no BPE vocabulary"
                + " beside it; image features need none, texts need the tokenizer of the CLIP the run started from");
    }
}
