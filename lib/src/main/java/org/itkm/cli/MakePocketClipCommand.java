package org.itkm.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.itkm.artifact.PocketClipArtifact;
import org.itkm.artifact.PocketClipMaker;
import org.itkm.io.InvalidInputException;
import org.itkm.io.KitHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itkm make-pocket-clip}: makes the pocket CLIP the kit ships ({@code models/pocket-clip}). */
@Command(name = PocketClipArtifact.COMMAND, mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = PocketClipDefaults.class,
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
            "names the command that re-makes the artifact exactly; the defaults below",
            "are the settings in the shipped manifest, so make-pocket-clip --replace",
            "re-makes the shipped CLIP (up to multi-threaded rounding).",
            "",
            "--out is written whole into a hidden sibling and moved into place at the",
            "end, so an interrupted run never leaves half an artifact; an earlier",
            "artifact is replaced only with --replace. Never the current folder, a",
            "parent of it, a repository, a folder of your own or the corpus."},
        footer = {"", "Examples:", "  ./itkm make-pocket-clip --replace",
            "  ./itkm make-pocket-clip --epochs 2 --out /tmp/pocket-clip-test"})
final class MakePocketClipCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    PretrainingOptions settings = new PretrainingOptions();

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
        settings.requireAllButWarmup();
        int[] hw = EmbedCommand.parseSize(settings.inputSize);
        PocketClipMaker.Settings s = new PocketClipMaker.Settings(settings.epochs, settings.batchSize, settings.lr,
                settings.warmup, settings.seed, settings.imageViewWeight, settings.heldOut, hw[0], hw[1]);
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
