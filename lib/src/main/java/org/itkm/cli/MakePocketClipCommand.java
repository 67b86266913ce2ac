package org.itkm.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.itkm.artifact.PocketClipArtifact;
import org.itkm.artifact.PocketClipMaker;
import org.itkm.io.InvalidInputException;
import org.itkm.io.KitHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itkm make-pocket-clip}: makes the pocket CLIP the kit ships ({@code models/pocket-clip}). */
@Command(name = PocketClipArtifact.COMMAND, mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Make the pocket CLIP the kit ships in models/pocket-clip, the checkpoint",
            "of model.checkpoint: pocket (profiles smoke, quick, rehearsal):",
            "  1. draws its caption corpus, SynthUMS preset corpus (2,000 identities x 6",
            "     captioned images) with the seed reserved for it, into --corpus (reused",
            "     when it is already there);",
            "  2. pre-trains the pocket CLIP on it as pretrain-clip does;",
            "  3. stores the weights as F16 (model.safetensors), scores the F16 model",
            "     zero-shot on the held-out pairs and writes manifest.json: each file's",
            "     SHA-256 and size, this command with every setting, the corpus, the",
            "     scores, the date, wall time and kit commit.",
            "Every run loads the artifact only after checking its manifest. The manifest",
            "names the command that re-makes the artifact exactly.",
            "",
            "--out is written whole into a hidden sibling and moved into place at the",
            "end, so an interrupted run never leaves half an artifact; an earlier",
            "artifact is replaced only with --replace. Never the current folder, a",
            "parent of it, a repository, a folder of your own or the corpus."},
        footer = {"", "Examples:", "  ./itkm make-pocket-clip --epochs 30 --replace",
            "  ./itkm make-pocket-clip --epochs 2 --out /tmp/pocket-clip-test"})
final class MakePocketClipCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--epochs", defaultValue = "30", description = "Passes over the training pairs (${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "Pairs per step (${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--lr", defaultValue = "5e-4", description = "Peak Adam learning rate (${DEFAULT-VALUE})")
    float lr;

    @Option(names = "--warmup", description = "Linear warm-up steps (default: a tenth of the steps)")
    Integer warmup;

    @Option(names = "--seed", defaultValue = "1", description = "Pre-training seed: held-out pairs, order,"
            + " initialisation (${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--image-view-weight", defaultValue = "0.3", description = "Weight of SLIP's image-image term"
            + " (${DEFAULT-VALUE}; 0 = CLIP's image-text loss only)")
    double imageViewWeight;

    @Option(names = "--held-out", defaultValue = "0.1",
            description = "Share of the corpus held out for the zero-shot scores (${DEFAULT-VALUE})")
    double heldOut;

    @Option(names = "--input-size", defaultValue = "64x32", description = "Image HEIGHTxWIDTH (${DEFAULT-VALUE})")
    String inputSize;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder to make (default: models/pocket-clip in the"
            + " kit's checkout)")
    Path out;

    @Option(names = "--corpus", paramLabel = "DIR", description = "Scratch folder of the caption corpus (default:"
            + " build/pocket-clip-corpus in the kit's checkout)")
    Path corpus;

    @Option(names = "--replace", description = "Replace --out if it holds an earlier make-pocket-clip output (any"
            + " other non-empty folder is never replaced)")
    boolean replace;

    @Option(names = "--no-progress", negatable = false, description = "No progress display on stderr")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        int[] hw = EmbedCommand.parseSize(inputSize);
        PocketClipMaker.Settings s = new PocketClipMaker.Settings(epochs, batchSize, lr, warmup, seed, imageViewWeight,
                heldOut, hw[0], hw[1]);
        Path target = out != null ? out : home().resolve(PocketClipArtifact.FOLDER);
        Path scratch = corpus != null ? corpus : home().resolve("build").resolve("pocket-clip-corpus");
        PrintWriter log = spec.commandLine().getOut();
        PocketClipMaker.make(s, target, out != null ? " --out " + out : "", scratch, replace, log, !noProgress);
        return 0;
    }

    private static Path home() {
        return KitHome.find().orElseThrow(() -> new InvalidInputException("cannot find the kit's checkout: this itkm"
                + " does not run from one and " + KitHome.ENV + " is not set; expected " + KitHome.ENV
                + "=<checkout>, or --out DIR and --corpus DIR"));
    }
}
