package org.itkm.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.itkm.io.FloatMatrix;
import org.itkm.io.InvalidInputException;
import org.itkm.io.NpyFile;
import org.itkm.io.OutputFile;
import org.itkm.model.ClipCheckpoint;
import org.itkm.model.ClipImagePreprocessor;
import org.itkm.model.ClipInference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itkm embed}: CLIP image features of a directory of images. */
@Command(name = "embed", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Image features f = projection(post-LN(class token)) of every PNG/JPEG in a directory,",
            "sorted by file name, as a float32 N x D .npy (not normalised). Images at the model's input size are",
            "not resized; pixels/255 are normalised with CLIP's mean and std."})
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

    @Option(names = "--scenario", defaultValue = "-1",
            description = "Scenario embedding row to add (0-based); -1 adds none (default)")
    int scenario;

    @Option(names = "--input-size", description = "Run at HEIGHTxWIDTH (e.g. 256x128) instead of the checkpoint's"
            + " image size; position embeddings are resized bilinearly")
    String inputSize;

    @Option(names = "--batch-size", defaultValue = "32", description = "Images per forward pass (${DEFAULT-VALUE})")
    int batchSize;

    @Override
    public Integer call() throws Exception {
        int g = switch (group.toUpperCase(java.util.Locale.ROOT)) {
            case "A", "0" -> 0;
            case "B", "1" -> 1;
            default -> throw new InvalidInputException("--group must be A or B, not '" + group + "'");
        };
        int[] hw = parseSize(inputSize);
        OutputFile.check(out, "--out", Map.of("--checkpoint", checkpoint, "--images", images), OutputFile.NPY);
        List<Path> files = ClipImagePreprocessor.listImages(images);
        try (ClipCheckpoint ckpt = ClipCheckpoint.open(checkpoint);
                ClipInference clip = ClipInference.load(ckpt, hw[0], hw[1])) {
            ckpt.randomWeightsWarning().ifPresent(spec.commandLine().getErr()::println);
            if (scenario >= clip.model().config().scenarios()) {
                throw new InvalidInputException("--scenario " + scenario + " outside [0, "
                        + clip.model().config().scenarios() + ")");
            }
            FloatMatrix f = clip.encodeImages(files, g, scenario, Math.max(1, batchSize), true);
            NpyFile.write(out, f);
            spec.commandLine().getOut().printf("wrote %s: %d x %d image features%n", out, f.rows(), f.cols());
        }
        return 0;
    }

    static int[] parseSize(String size) {
        if (size == null) {
            return new int[] {0, 0};
        }
        String[] p = size.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (p.length == 2) {
                return new int[] {Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim())};
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidInputException("--input-size must be HEIGHTxWIDTH, e.g. 256x128, not '" + size + "'");
    }
}
