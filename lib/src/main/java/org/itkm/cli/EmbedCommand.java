package org.itkm.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.itkm.clip.checkpoint.ClipCheckpoint;
import org.itkm.clip.inference.ClipImagePreprocessor;
import org.itkm.clip.inference.ClipInference;
import org.itkm.io.FloatMatrix;
import org.itkm.io.InvalidInputException;
import org.itkm.io.NpyFile;
import org.itkm.io.OutputFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itkm embed}: CLIP image features of a directory of images. */
@Command(name = "embed", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Image features f = projection(post-LN(class token)) of every PNG/JPEG in a",
            "directory, sorted by file name, as a float32 N x D .npy (not normalised).",
            "Images at the model's input size are not resized; pixels/255 are",
            "normalised with CLIP's mean and std."},
        footer = {"", "Example:", "  ./itkm embed --checkpoint models/pocket-clip --images DIR --out f.npy"})
final class EmbedCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--checkpoint", required = true,
            description = "Hugging Face CLIP directory (config.json, model.safetensors) or OpenAI TorchScript .pt")
    Path checkpoint;

    @Option(names = "--images", required = true, description = "Directory of .png/.jpg/.jpeg images")
    Path images;

    @Option(names = "--out", required = true, paramLabel = "F.npy", description = "Output .npy (float32, N x D),"
            + " written whole then renamed into place; a file of that name is replaced only if it is a .npy, never a"
            + " folder or an input")
    Path out;

    @Option(names = "--group", defaultValue = "A",
            description = "Frontend branch: A or B (homogeneous group; default ${DEFAULT-VALUE})")
    String group;

    @Option(names = "--scenario", defaultValue = ScenarioOption.NONE, paramLabel = "VI|CC|CR|none",
            description = "Scenario embedding to add (a checkpoint trained by the kit has one per scenario);"
                    + " none adds none (default: ${DEFAULT-VALUE})")
    String scenario;

    @Option(names = "--input-size", description = "Run at HEIGHTxWIDTH (e.g. 256x128) instead of the checkpoint's"
            + " image size; each side a multiple of the checkpoint's patch size, at most " + MAX_SIDE
            + "; position embeddings are resized bilinearly")
    String inputSize;

    @Option(names = "--batch-size", defaultValue = "32",
            description = "Images per forward pass, 1 to " + MAX_BATCH + " (${DEFAULT-VALUE})")
    int batchSize;

    /** "none", "none or VI", "none, VI or CC"...: what a checkpoint with that many scenario embeddings takes. */
    private static final java.util.function.IntFunction<String> NONE_OR_FIRST = n -> {
        java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of(ScenarioOption.NONE));
        for (int i = 0; i < n && i < org.itkm.data.Scenario.values().length; i++) {
            names.add(ScenarioOption.name(i));
        }
        return names.size() == 1 ? names.get(0) : String.join(", ", names.subList(0, names.size() - 1)) + " or "
                + names.get(names.size() - 1);
    };

    /** Largest side of --input-size, in pixels (ViT-B/16 at 1024x1024: 4,096 tokens). */
    static final int MAX_SIDE = 1024;
    /** Largest --batch-size. */
    static final int MAX_BATCH = 1024;
    /** Most pixel values of one forward pass (1 GiB of float32). */
    static final long MAX_BATCH_VALUES = 1L << 28;

    @Override
    public Integer call() throws Exception {
        int g = switch (group.toUpperCase(java.util.Locale.ROOT)) {
            case "A", "0" -> 0;
            case "B", "1" -> 1;
            default -> throw new InvalidInputException("--group must be A or B, not '" + group + "'");
        };
        int[] hw = parseSize(inputSize);
        OutputFile.check(out, "--out", Map.of("--checkpoint", checkpoint, "--images", images), OutputFile.NPY);
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new InvalidInputException("--batch-size " + batchSize + ": expected 1 to " + MAX_BATCH
                    + " images per forward pass");
        }
        int scenarioRow = ScenarioOption.row("--scenario", scenario);
        List<Path> files = ClipImagePreprocessor.listImages(images);
        try (ClipCheckpoint ckpt = ClipCheckpoint.open(checkpoint)) {
            checkInputSize(hw, ckpt);
            int scenarios = ckpt.config().scenarios();
            if (scenarioRow >= scenarios) {
                throw new InvalidInputException("--scenario " + scenario + ": expected " + NONE_OR_FIRST.apply(scenarios)
                        + " (" + checkpoint + " has " + scenarios + " scenario embedding" + (scenarios == 1 ? "" : "s")
                        + ")");
            }
            int h = hw[0] > 0 ? hw[0] : ckpt.config().vision().inputHeight();
            int w = hw[0] > 0 ? hw[1] : ckpt.config().vision().inputWidth();
            long values = (long) Math.min(batchSize, files.size()) * 3 * h * w;
            if (values > MAX_BATCH_VALUES) {
                throw new InvalidInputException("--batch-size " + batchSize + " at " + h + "x" + w + ": "
                        + values * 4 / (1 << 20) + " MiB of pixels per forward pass; expected at most "
                        + MAX_BATCH_VALUES * 4 / (1 << 20) + " MiB: lower --batch-size to "
                        + Math.max(1, MAX_BATCH_VALUES / (3L * h * w)) + " or less");
            }
            try (ClipInference clip = ClipInference.load(ckpt, hw[0], hw[1])) {
                ckpt.randomWeightsWarning().ifPresent(spec.commandLine().getErr()::println);
                FloatMatrix f = clip.encodeImages(files, g, scenarioRow, Math.min(batchSize, files.size()), true);
                requireFinite(f, files);
                NpyFile.write(out, f);
                spec.commandLine().getOut().printf("wrote %s: %d x %d image features%n", out, f.rows(), f.cols());
            }
        }
        return 0;
    }

    /** Features with NaN or infinity are never written (they would poison every later distance). */
    static void requireFinite(FloatMatrix f, List<?> inputs) {
        long bad = f.firstNonFinite();
        if (bad >= 0) {
            int row = (int) (bad / f.cols());
            throw new InvalidInputException("the features of " + inputs.get(row) + " (row " + row + ") are not finite ("
                    + f.data()[(int) bad] + "); expected finite features: the checkpoint's weights or the input make"
                    + " the model overflow; nothing was written");
        }
    }

    /** --input-size against the checkpoint: sides that are whole multiples of its patch size. */
    private void checkInputSize(int[] hw, ClipCheckpoint ckpt) {
        if (hw[0] == 0) {
            return;
        }
        int p = ckpt.config().vision().patchSize();
        if (hw[0] % p != 0 || hw[1] % p != 0) {
            throw new InvalidInputException("--input-size " + inputSize + ": expected each side a multiple of the"
                    + " patch size " + p + " of " + checkpoint + ", from " + p + " to " + MAX_SIDE + " (e.g. " + 16 * p
                    + "x" + 8 * p + "); other sizes would leave pixels out of every patch");
        }
    }

    /** HEIGHTxWIDTH, each side 1 to {@link #MAX_SIDE}; {0, 0} (the checkpoint's size) when absent. */
    static int[] parseSize(String size) {
        if (size == null) {
            return new int[] {0, 0};
        }
        String[] p = size.toLowerCase(java.util.Locale.ROOT).split("x", -1);
        try {
            if (p.length == 2) {
                int[] hw = {Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim())};
                if (hw[0] >= 1 && hw[1] >= 1 && hw[0] <= MAX_SIDE && hw[1] <= MAX_SIDE) {
                    return hw;
                }
                throw new InvalidInputException("--input-size " + size + ": expected HEIGHTxWIDTH with each side from"
                        + " 1 patch to " + MAX_SIDE + " pixels, e.g. 256x128");
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidInputException("--input-size must be HEIGHTxWIDTH, e.g. 256x128, not '" + size + "'");
    }
}
