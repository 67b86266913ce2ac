package org.itkm.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.itkm.io.FloatMatrix;
import org.itkm.io.InvalidInputException;
import org.itkm.io.NpyFile;
import org.itkm.io.OutputFile;
import org.itkm.model.ClipCheckpoint;
import org.itkm.model.ClipInference;
import org.itkm.model.ClipTokenizer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itkm embed-text}: CLIP text features of token id sequences or of texts. */
@Command(name = "embed-text", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Text features t = projection(final-LN(hidden state at the first end-of-text id)) as a",
            "float32 N x D .npy (not normalised), one row per input line."})
final class EmbedTextCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--checkpoint", required = true,
            description = "Hugging Face CLIP directory (config.json, model.safetensors, tokenizer.json) or OpenAI .pt")
    Path checkpoint;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--token-ids", description = "One sequence per line: space-separated ids including the begin"
                + " and end tokens (padded by the tool)")
        Path tokenIds;

        @Option(names = "--texts", description = "One text per line, tokenized with the checkpoint's tokenizer")
        Path texts;
    }

    @Option(names = "--out", required = true, paramLabel = "F.npy", description = "Output .npy (float32, N x D),"
            + " written whole then renamed into place; a file of that name is replaced only if it is a .npy, never a"
            + " folder or an input")
    Path out;

    @Option(names = "--batch-size", defaultValue = "256", description = "Sequences per forward pass (${DEFAULT-VALUE})")
    int batchSize;

    @Override
    public Integer call() throws Exception {
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("--checkpoint", checkpoint);
        inputs.put(input.tokenIds != null ? "--token-ids" : "--texts", input.tokenIds != null ? input.tokenIds
                : input.texts);
        OutputFile.check(out, "--out", inputs, OutputFile.NPY);
        try (ClipCheckpoint ckpt = ClipCheckpoint.open(checkpoint);
                ClipInference clip = ClipInference.load(ckpt, 0, 0)) {
            ckpt.randomWeightsWarning().ifPresent(spec.commandLine().getErr()::println);
            int[][] sequences;
            if (input.tokenIds != null) {
                sequences = readTokenIds(input.tokenIds);
            } else {
                List<String> lines = readLines(input.texts);
                sequences = new int[lines.size()][];
                try (ClipTokenizer tok = ckpt.openTokenizer()) {
                    for (int i = 0; i < lines.size(); i++) {
                        sequences[i] = tok.encode(lines.get(i), clip.model().config().text().contextLength());
                    }
                }
            }
            FloatMatrix t = clip.encodeTokenIds(sequences, Math.max(1, batchSize), true);
            NpyFile.write(out, t);
            spec.commandLine().getOut().printf("wrote %s: %d x %d text features%n", out, t.rows(), t.cols());
        }
        return 0;
    }

    private static List<String> readLines(Path file) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
                lines.remove(lines.size() - 1);
            }
            if (lines.isEmpty()) {
                throw new InvalidInputException(file + " is empty (expected one line per text)");
            }
            return lines;
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("missing file " + file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static int[][] readTokenIds(Path file) {
        List<String> lines = readLines(file);
        int[][] out = new int[lines.size()][];
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                throw new InvalidInputException(file + " line " + (i + 1) + " is empty (expected space-separated ids)");
            }
            String[] parts = line.split("[\\s,]+");
            out[i] = new int[parts.length];
            for (int j = 0; j < parts.length; j++) {
                try {
                    out[i][j] = Integer.parseInt(parts[j]);
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(file + " line " + (i + 1) + ": '" + parts[j] + "' is not an integer id");
                }
            }
        }
        return out;
    }
}
