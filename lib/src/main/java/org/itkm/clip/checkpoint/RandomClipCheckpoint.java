package org.itkm.clip.checkpoint;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.itkm.clip.ClipConfig;
import org.itkm.io.AtomicFiles;
import org.itkm.io.OutputFolder;
import org.itkm.runtime.ConsoleProgress;

/**
 * A CLIP checkpoint of random weights with exactly the names, shapes and configuration of a real one
 * ({@code itkm make-clip}), in either layout the kit reads, so that the real-weights code path runs end to
 * end without OpenAI's files. Every file says it is random: the weights file carries a mark
 * ({@link HuggingFaceClipDirectory#RANDOM_WEIGHTS_METADATA} in safetensors' metadata, or the archive's
 * {@code extra/}{@value OpenAiClipArchive#RANDOM_WEIGHTS_ENTRY}) that {@link ClipCheckpoint#randomWeights()}
 * finds, and a {@value #NOTE} file says so in words. The directory is an {@link OutputFolder}: written
 * whole, then moved into place.
 */
public final class RandomClipCheckpoint {
    /** The human-readable note in every directory this class writes. */
    public static final String NOTE = "RANDOM-WEIGHTS.txt";
    /** The command whose outputs these are ({@link OutputFolder}'s marker). */
    public static final String COMMAND = "make-clip";

    /** The two checkpoint layouts. */
    public enum Format {
        /** A Hugging Face CLIP directory (config.json, model.safetensors F32, tokenizer.json, ...). */
        HF,
        /** OpenAI's TorchScript archive (ViT-B-16.pt: float16 where OpenAI's is) and its BPE vocabulary. */
        OPENAI
    }

    /**
     * What was written.
     *
     * @param checkpoint what {@code model.checkpoint} / {@code --checkpoint} takes: the directory, or the .pt
     * @param parameters number of parameter values
     * @param files every file written with its size in bytes
     * @param seconds wall time
     */
    public record Written(Path checkpoint, long parameters, Map<String, Long> files, double seconds) {}

    private RandomClipCheckpoint() {}

    /**
     * Writes a checkpoint of random weights as the folder {@code dir} ({@link OutputFolder}: written whole
     * into a hidden sibling, then moved into place; an existing {@code dir} is replaced only when it is an
     * earlier output of make-clip and {@code replace} is set).
     *
     * @param replace replace an earlier make-clip output in {@code dir} (otherwise that is an error)
     * @param log progress and a summary line per file
     */
    public static Written write(ClipArchitecture arch, Format format, long seed, Path dir, boolean replace,
            PrintStream log) throws IOException {
        long start = System.nanoTime();
        ClipConfig config = arch.config();
        long parameters = arch.parameterCount();
        if (arch.publishedParameters() > 0 && parameters != arch.publishedParameters()) {
            throw new IllegalStateException(arch.cliName() + " layout has " + parameters + " parameters, the published"
                    + " checkpoint " + arch.publishedParameters());
        }
        String mark = String.format(Locale.ROOT, "itkm make-clip --arch %s --format %s --seed %d: random values with"
                + " the names and shapes of %s, not OpenAI's weights", arch.cliName(),
                format.name().toLowerCase(Locale.ROOT), seed, arch.cliName());
        String checkpointName;
        Path written;
        try (OutputFolder out = OutputFolder.prepare(COMMAND, dir, replace, "--out", List.of())) {
            Path partial = out.staging();
            RandomClipWeights weights = new RandomClipWeights(config, seed);
            SyntheticClipVocabulary vocabulary = new SyntheticClipVocabulary(config.text().vocabSize());
            try (ConsoleProgress progress = new ConsoleProgress("make-clip " + arch.cliName() + " (parameters)",
                    parameters, log, false)) {
                if (format == Format.HF) {
                    checkpointName = null;
                    Map<String, String> meta = new LinkedHashMap<>();
                    meta.put("format", "pt");
                    meta.put(HuggingFaceClipDirectory.RANDOM_WEIGHTS_METADATA, mark);
                    SafetensorsFile.write(partial.resolve(HuggingFaceClipDirectory.WEIGHTS), weights, meta,
                            progress::step);
                    vocabulary.writeHuggingFace(partial);
                    HuggingFaceClipDirectory.writeConfig(partial, config, false);
                } else {
                    checkpointName = arch.archiveName();
                    OpenAiClipArchive.write(partial.resolve(checkpointName), weights, config, mark, progress::step);
                    vocabulary.writeOpenAi(partial.resolve(OpenAiClipArchive.VOCAB_NAMES[0]));
                }
            }
            AtomicFiles.writeString(partial.resolve(NOTE), note(arch, format, mark));
            written = out.commit();
        }
        Map<String, Long> files = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(written)) {
            for (Path p : s.filter(p -> !p.getFileName().toString().equals(OutputFolder.MARKER)).sorted().toList()) {
                files.put(p.getFileName().toString(), Files.size(p));
            }
        }
        return new Written(checkpointName == null ? dir : dir.resolve(checkpointName), parameters, files,
                (System.nanoTime() - start) / 1e9);
    }

    private static String note(ClipArchitecture arch, Format format, String mark) {
        return "RANDOM WEIGHTS - NOT OpenAI's CLIP\n\n" + mark + ".\n\n"
                + "Made so that the kit's real-checkpoint code path (loading, position-embedding resizing, tokenizing,\n"
                + "training, evaluation) runs end to end without downloading anything. Features, losses and metrics\n"
                + "computed with these weights mean nothing, and the BPE vocabulary is synthetic (token ids differ from\n"
                + "OpenAI's). The kit prints a warning whenever it uses this checkpoint.\n\n"
                + (format == Format.HF
                        ? "With the real weights, this directory would hold the files of the Hugging Face repository\n"
                                + "openai/clip-vit-base-patch16 (config.json, model.safetensors, tokenizer.json, ...).\n"
                        : "With the real weights, this directory would hold OpenAI's " + arch.archiveName()
                                + " and bpe_simple_vocab_16e6.txt.gz.\n");
    }
}
