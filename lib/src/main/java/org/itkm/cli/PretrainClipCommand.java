package org.itkm.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.itkm.clip.ClipConfig;
import org.itkm.clip.PocketClip;
import org.itkm.clip.pretrain.AttributeZeroShot;
import org.itkm.clip.pretrain.CaptionCorpus;
import org.itkm.clip.pretrain.ContrastivePretrainer;
import org.itkm.clip.pretrain.PocketClipPretraining;
import org.itkm.clip.zeroshot.ZeroShotRetrieval;
import org.itkm.data.AttributeSidecar;
import org.itkm.io.InvalidInputException;
import org.itkm.io.OutputFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itkm pretrain-clip}: pre-trains the pocket CLIP on a caption corpus. */
@Command(name = "pretrain-clip", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = PocketClipDefaults.class,
        description = {"Pre-trains the pocket CLIP (ViT 64x32/patch 8/width 128/4 layers, text",
            "width 128/3 layers, word-level vocabulary) with the symmetric image-text",
            "contrastive loss on a caption corpus (captions.tsv:",
            "image<TAB>caption[<TAB>attribute...]), saves it as a Hugging Face CLIP",
            "directory and reports zero-shot retrieval on held-out pairs.",
            "",
            "DIR is the kit's own folder: written whole into a hidden sibling",
            "(.DIR.partial) and moved into place when pre-training is done, so an",
            "interrupted run never leaves half a checkpoint under DIR (the next run",
            "removes what it left). It must be new or empty, or an earlier",
            "pretrain-clip output, replaced only with --replace; never the current",
            "folder, a parent of it, a repository, a folder of your own or the",
            "corpus. Every option, the --zero-shot columns included, is checked",
            "before pre-training starts.",
            "",
            "The pre-training defaults are the settings the shipped pocket CLIP was",
            "made with (models/pocket-clip/manifest.json, the CLIP the profiles load):",
            "on its corpus they make that CLIP (in F32; make-pocket-clip stores F16)."},
        footer = {"", "Examples:",
            "  ./itkm pretrain-clip --data build/pocket-clip-corpus --out clip/pocket",
            "      (the corpus make-pocket-clip draws)",
            "  ./itkm pretrain-clip --data data/synthums-quick --out clip/quick-captions",
            "      (SynthUMS quick's caption split, which reproduce generates)"})
final class PretrainClipCommand implements Callable<Integer> {
    /** The command whose outputs pocket CLIP folders are ({@link OutputFolder}'s marker). */
    static final String COMMAND = "pretrain-clip";
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true,
            description = "Caption corpus: a captions.tsv file or a directory holding it (or captions/captions.tsv)")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Checkpoint folder to create"
            + " (Hugging Face format): a new one, or an earlier pretrain-clip output with --replace")
    Path out;

    @Option(names = "--replace", description = "Replace DIR if it holds an earlier pretrain-clip output (any other"
            + " non-empty folder is never replaced)")
    boolean replace;

    @Mixin
    PretrainingOptions settings = new PretrainingOptions();

    @Option(names = "--width", defaultValue = "128", description = "Transformer width of both towers (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--zero-shot", paramLabel = "ATTRIBUTE=TEMPLATE", description = "Zero-shot attribute"
            + " retrieval over an attribute column of the corpus, prompts from the template, e.g."
            + " upper_colour='a person in a {} coat' (repeatable; default: the SynthUMS attribute questions when the"
            + " corpus has an attributes.csv)")
    Map<String, String> zeroShot = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        settings.requireAllButWarmup();
        PocketClipDefaults.require("--warmup", settings.warmup);
        int[] hw = EmbedCommand.parseSize(settings.inputSize);
        if (settings.epochs <= 0 || settings.batchSize < 2 || settings.heldOut < 0 || settings.heldOut >= 1
                || !(settings.imageViewWeight >= 0)) {
            throw new InvalidInputException("need --epochs > 0, --batch-size >= 2, 0 <= --held-out < 1 and"
                    + " --image-view-weight >= 0");
        }
        OutputFolder.check(COMMAND, out, replace, "--out", List.of(data));
        CaptionCorpus corpus = CaptionCorpus.readTsv(data);
        checkZeroShot(corpus);
        ClipConfig cfg = PocketClip.config(1, width, 4, 3, hw[0], hw[1]);
        PrintWriter log = spec.commandLine().getOut();
        PocketClipPretraining.Report r;
        try (OutputFolder folder = OutputFolder.prepare(COMMAND, out, replace, "--out", List.of(data))) {
            r = PocketClipPretraining.run(corpus, folder.staging(),
                    new PocketClipPretraining.Settings(cfg, new ContrastivePretrainer.Options(settings.epochs,
                            settings.batchSize, settings.lr, settings.warmup, settings.seed, settings.imageViewWeight),
                            settings.heldOut, zeroShot), log, true);
            folder.commit();
        }
        log.println();
        log.println("| zero-shot task (held-out pairs) | images | candidates | accuracy | chance |");
        log.println("|---|---|---|---|---|");
        List<ZeroShotRetrieval.Score> scores = new ArrayList<>(r.zeroShot());
        Path corpusDir = Files.isDirectory(data) ? data : data.toAbsolutePath().getParent();
        if (zeroShot.isEmpty() && hasAttributeSidecar(corpusDir)) { // a SynthUMS corpus: its standard attribute questions
            scores.addAll(AttributeZeroShot.evaluate(out,
                    AttributeZeroShot.heldOut(corpusDir, settings.heldOut, settings.seed), AttributeZeroShot.SYNTHUMS).stream().filter(s -> !s.task().equals("caption")).toList());
        }
        for (ZeroShotRetrieval.Score s : scores) {
            log.printf(Locale.ROOT, "| %s | %d | %d | %.3f | %.3f |%n", s.task(), s.images(), s.candidates(),
                    s.accuracy(), s.chance());
        }
        return r.training().skippedSteps() * 10 > r.training().steps() ? 1 : 0;
    }

    /**
     * Every --zero-shot column must be an attribute column of the corpus and every template must hold {}
     * (where each value goes): checked before pre-training, which takes minutes.
     */
    private void checkZeroShot(CaptionCorpus corpus) {
        if (zeroShot.isEmpty()) {
            return;
        }
        java.util.Set<String> columns = corpus.items().get(0).attributes().keySet();
        for (Map.Entry<String, String> e : zeroShot.entrySet()) {
            if (!columns.contains(e.getKey())) {
                throw new InvalidInputException("--zero-shot " + e.getKey() + "=" + e.getValue() + ": the corpus " + data
                        + " has no column '" + e.getKey() + "'; expected one of its attribute columns: "
                        + (columns.isEmpty() ? "(none: its header is image<TAB>caption only)" : String.join(", ", columns)));
            }
            if (!e.getValue().contains("{}")) {
                throw new InvalidInputException("--zero-shot " + e.getKey() + "=" + e.getValue() + ": the template has"
                        + " no {}; expected a prompt with {} where each value goes, e.g. 'a person in a {} coat'");
            }
        }
    }

    /** Whether the corpus directory (captions.tsv there or in captions/) has an attributes.csv beside it. */
    private static boolean hasAttributeSidecar(Path corpus) {
        Path dir = Files.isDirectory(corpus.resolve("captions")) ? corpus.resolve("captions") : corpus;
        return Files.isRegularFile(dir.resolve(AttributeSidecar.FILE_NAME));
    }
}
