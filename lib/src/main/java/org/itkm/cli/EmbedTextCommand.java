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
import org.itkm.clip.checkpoint.ClipCheckpoint;
import org.itkm.clip.inference.ClipInference;
import org.itkm.clip.tokenizer.ClipTokenizer;
import org.itkm.io.FloatMatrix;
import org.itkm.io.InvalidInputException;
import org.itkm.io.NpyFile;
import org.itkm.io.OutputFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itkm embed-text}: CLIP text features of token id sequences or of texts. */
@Command(name = "embed-text", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Text features t = projection(final-LN(hidden state at the first end-of-text",
            "id)) as a float32 N x D .npy (not normalised), one row per input line."})
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

    @Option(names = "--batch-size", defaultValue = "256",
            description = "Sequences per forward pass, 1 to " + MAX_BATCH + " (${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--truncate", description = {"Cut --texts longer than the context length (77 tokens for CLIP)",
        "to it, keeping the end token, with a warning naming the lines; without it such a text is an error",
        "(as CLIP's tokenize(truncate=False)), since its features would describe only its beginning"})
    boolean truncate;

    /** Largest --batch-size. */
    static final int MAX_BATCH = 4096;
    /** How many line numbers a message lists before "and N more". */
    private static final int LINES_SHOWN = 10;

    @Override
    public Integer call() throws Exception {
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("--checkpoint", checkpoint);
        inputs.put(input.tokenIds != null ? "--token-ids" : "--texts", input.tokenIds != null ? input.tokenIds
                : input.texts);
        OutputFile.check(out, "--out", inputs, OutputFile.NPY);
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new InvalidInputException("--batch-size " + batchSize + ": expected 1 to " + MAX_BATCH
                    + " sequences per forward pass");
        }
        if (truncate && input.tokenIds != null) {
            throw new InvalidInputException("--truncate applies to --texts only; --token-ids sequences must fit the"
                    + " context length as given");
        }
        try (ClipCheckpoint ckpt = ClipCheckpoint.open(checkpoint);
                ClipInference clip = ClipInference.load(ckpt, 0, 0)) {
            ckpt.randomWeightsWarning().ifPresent(spec.commandLine().getErr()::println);
            int[][] sequences;
            List<String> names = new ArrayList<>();
            if (input.tokenIds != null) {
                sequences = readTokenIds(input.tokenIds);
                for (int i = 0; i < sequences.length; i++) {
                    names.add(input.tokenIds + " line " + (i + 1));
                }
            } else {
                List<String> lines = readLines(input.texts);
                try (ClipTokenizer tok = ckpt.openTokenizer()) {
                    sequences = tokenize(tok, lines, clip.model().config().text().contextLength());
                }
                for (int i = 0; i < sequences.length; i++) {
                    names.add(input.texts + " line " + (i + 1));
                }
            }
            FloatMatrix t = clip.encodeTokenIds(sequences, Math.min(batchSize, sequences.length), true);
            EmbedCommand.requireFinite(t, names);
            NpyFile.write(out, t);
            spec.commandLine().getOut().printf("wrote %s: %d x %d text features%n", out, t.rows(), t.cols());
        }
        return 0;
    }

    /**
     * The texts as id sequences of at most {@code context} ids. A text that needs more is an error naming its
     * line and length, or with --truncate cut (end token kept) with a warning naming the lines.
     */
    private int[][] tokenize(ClipTokenizer tok, List<String> lines, int context) {
        int[][] out = new int[lines.size()][];
        List<String> longer = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int words = tok.encodeWords(lines.get(i)).length;
            if (words + 2 > context) {
                longer.add((i + 1) + " (" + (words + 2) + " tokens)");
            }
            out[i] = tok.encode(lines.get(i), context);
        }
        if (!longer.isEmpty()) {
            String which = (longer.size() == 1 ? "line " : "lines ") + String.join(", ",
                    longer.subList(0, Math.min(LINES_SHOWN, longer.size())))
                    + (longer.size() > LINES_SHOWN ? " and " + (longer.size() - LINES_SHOWN) + " more" : "");
            String count = longer.size() + " of " + lines.size() + " texts";
            if (!truncate) {
                throw new InvalidInputException("--texts " + input.texts + ": " + count + " are longer than the"
                        + " context length " + context + " of " + checkpoint + " (begin and end tokens included): "
                        + which + "; shorten them, or pass --truncate to cut them to " + context + " tokens");
            }
            spec.commandLine().getErr().println("warning: cut " + count + " of " + input.texts + " to the context"
                    + " length " + context + " (--truncate): " + which + "; their features describe only the"
                    + " beginning of the text");
        }
        return out;
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
            throw new InvalidInputException(file + ": cannot read (" + org.itkm.io.IoReasons.of(e) + ")", e);
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
