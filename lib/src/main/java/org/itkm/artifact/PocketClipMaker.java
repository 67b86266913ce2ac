package org.itkm.artifact;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.itkm.clip.PocketClip;
import org.itkm.clip.checkpoint.HuggingFaceClipDirectory;
import org.itkm.clip.checkpoint.SafetensorsFile;
import org.itkm.clip.pretrain.AttributeZeroShot;
import org.itkm.clip.pretrain.CaptionCorpus;
import org.itkm.clip.pretrain.ContrastivePretrainer;
import org.itkm.clip.pretrain.PocketClipPretraining;
import org.itkm.clip.zeroshot.ZeroShotRetrieval;
import org.itkm.io.FileTrees;
import org.itkm.io.InvalidInputException;
import org.itkm.io.KitHome;
import org.itkm.io.OutputFolder;
import org.itkm.run.GitInfo;
import org.itkm.runtime.EngineRuntime;
import org.itkm.synth.SynthPreset;
import org.itkm.synth.SynthUmsGenerator;

/**
 * Makes the shipped pocket CLIP ({@link PocketClipArtifact}): draws the caption corpus (SynthUMS preset
 * {@code corpus}, {@link PocketClipArtifact#CORPUS_SEED}) into a scratch folder unless it is there, pre-trains
 * the pocket CLIP on it, stores the weights as F16, scores the F16 model as it will be loaded on the held-out
 * pairs, and writes the manifest. The folder is written whole beside its final name and moved into place
 * ({@link OutputFolder}): an earlier artifact is replaced only when asked.
 */
public final class PocketClipMaker {
    private PocketClipMaker() {}

    /**
     * Every setting of a pre-training.
     *
     * @param warmupSteps linear warm-up steps; null: a tenth of the steps
     * @param heldOut share of the corpus held out of training for the zero-shot scores
     */
    public record Settings(int epochs, int batchSize, float lr, Integer warmupSteps, long seed, double imageViewWeight,
            double heldOut, int inputHeight, int inputWidth) {
        public Settings {
            if (epochs <= 0 || batchSize < 2 || !(lr > 0) || warmupSteps != null && warmupSteps < 0 || heldOut <= 0
                    || heldOut >= 1 || !(imageViewWeight >= 0)) {
                throw new InvalidInputException("need --epochs > 0, --batch-size >= 2, --lr > 0, --warmup >= 0,"
                        + " 0 < --held-out < 1 and --image-view-weight >= 0");
            }
            if (inputHeight % PocketClip.PATCH != 0 || inputWidth % PocketClip.PATCH != 0 || inputHeight <= 0
                    || inputWidth <= 0) {
                throw new InvalidInputException("--input-size " + inputHeight + "x" + inputWidth + ": expected"
                        + " multiples of the pocket CLIP's patch size " + PocketClip.PATCH + " (e.g. 64x32)");
            }
        }

        /** These settings with the warm-up resolved for a corpus whose training share has {@code trainPairs}. */
        Settings resolvedFor(int trainPairs) {
            int steps = Math.max(1, trainPairs / batchSize) * epochs;
            return new Settings(epochs, batchSize, lr, warmupSteps != null ? warmupSteps : Math.max(1, steps / 10),
                    seed, imageViewWeight, heldOut, inputHeight, inputWidth);
        }

        /** The command line that makes an artifact with exactly these (resolved) settings. */
        String command(String outOption) {
            return String.format(Locale.ROOT, "./itkm %s --epochs %d --batch-size %d --lr %s --warmup %d --seed %d"
                    + " --image-view-weight %s --held-out %s --input-size %dx%d%s --replace", PocketClipArtifact.COMMAND,
                    epochs, batchSize, plain(lr), warmupSteps, seed, plain(imageViewWeight), plain(heldOut), inputHeight,
                    inputWidth, outOption);
        }
    }

    /**
     * Makes the artifact in {@code out}.
     *
     * @param corpusDir scratch folder for the caption corpus (an earlier corpus of the same preset, seed and
     *     SynthUMS version there is reused)
     * @param outOption what the command line says about {@code out}: "" for the default folder, else
     *     {@code " --out DIR"}
     * @param replace replace an earlier artifact in {@code out}
     * @return the manifest written
     */
    public static PocketClipManifest make(Settings requested, Path out, String outOption, Path corpusDir,
            boolean replace, PrintWriter log, boolean progress) throws IOException {
        OutputFolder.check(PocketClipArtifact.COMMAND, out, replace, "--out", List.of(corpusDir));
        long t0 = System.nanoTime();
        SynthPreset preset = PocketClipArtifact.CORPUS_PRESET;
        log.println("caption corpus: SynthUMS " + preset.id() + ", seed " + PocketClipArtifact.CORPUS_SEED + " -> "
                + corpusDir);
        log.flush();
        if (!new SynthUmsGenerator(preset, PocketClipArtifact.CORPUS_SEED).ensure(corpusDir, progress)) {
            log.println("  (already there: reused)");
        }
        CaptionCorpus corpus = CaptionCorpus.readTsv(corpusDir);
        int trainPairs = PocketClipPretraining.split(corpus, requested.heldOut(), requested.seed()).train().size();
        Settings s = requested.resolvedFor(trainPairs);
        String command = s.command(outOption);
        log.println("re-made by: " + command);
        log.flush();
        try (OutputFolder folder = OutputFolder.prepare(PocketClipArtifact.COMMAND, out, replace, "--out",
                List.of(corpusDir))) {
            Path staging = folder.staging();
            Path f32 = staging.resolve("f32"); // pre-training's own output, rounded into the artifact, then removed
            PocketClipPretraining.Report r = PocketClipPretraining.run(corpus, f32, new PocketClipPretraining.Settings(
                    PocketClip.config(1, 128, 4, 3, s.inputHeight(), s.inputWidth()),
                    new ContrastivePretrainer.Options(s.epochs(), s.batchSize(), s.lr(), s.warmupSteps(), s.seed(),
                            s.imageViewWeight()), s.heldOut(), Map.of()), log, progress);
            storeAsF16(f32, staging);
            FileTrees.delete(f32);
            // the model that runs is the F16 one: its scores are the ones recorded
            List<ZeroShotRetrieval.Score> scores = AttributeZeroShot.evaluate(staging, AttributeZeroShot.heldOut(
                    corpusDir.resolve("captions"), s.heldOut(), s.seed()), AttributeZeroShot.SYNTHUMS);
            for (ZeroShotRetrieval.Score z : scores) {
                log.println("  zero-shot " + z);
            }
            Map<String, PocketClipManifest.FileRecord> files = new LinkedHashMap<>();
            for (String f : PocketClipArtifact.FILES) {
                files.put(f, PocketClipManifest.FileRecord.of(staging.resolve(f)));
            }
            SynthPreset.UniformSizes sizes = (SynthPreset.UniformSizes) preset.sizes();
            ContrastivePretrainer.Result t = r.training();
            double f32Caption = r.zeroShot().stream().filter(z -> z.task().equals("caption"))
                    .mapToDouble(ZeroShotRetrieval.Score::accuracy).findFirst().orElse(Double.NaN);
            GitInfo git = GitInfo.of(KitHome.find().orElse(Path.of(".")));
            PocketClipManifest m = new PocketClipManifest(PocketClipManifest.KIND, command, files,
                    "F16: every weight rounded to the nearest IEEE half (ties to even) from the F32 weights pre-training"
                            + " ended with, and widened back to F32 when loaded; the loaded model is the one that runs"
                            + " and the one the zero-shot scores are of (pretraining.f32CaptionRetrieval is the caption"
                            + " score before rounding)",
                    new PocketClipManifest.Pretraining(s.epochs(), Double.parseDouble(plain(s.lr())), s.batchSize(),
                            s.imageViewWeight(), s.seed(), s.warmupSteps(), s.heldOut(), s.inputHeight(), s.inputWidth(),
                            t.steps(), r.trainPairs(), r.heldOutPairs(), r.vocabulary(), t.firstLoss(), t.lastLoss(),
                            t.skippedSteps(), f32Caption),
                    new PocketClipManifest.Corpus(SynthUmsGenerator.FORMAT_VERSION, preset.id(),
                            PocketClipArtifact.CORPUS_SEED, sizes.captionIds(), sizes.captionPerId(),
                            corpus.items().size(), "SynthUMS preset " + preset.id() + " drawn with seed "
                                    + PocketClipArtifact.CORPUS_SEED + ", reserved for it (data.synthSeed refuses it):"
                                    + " its identities are drawn apart from every benchmark draw, and the caption"
                                    + " splits of the benchmark presets are not used"),
                    scores,
                    new PocketClipManifest.Made(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                            Math.round((System.nanoTime() - t0) / 1e8) / 10.0, git.commit(), git.dirty(),
                            EngineRuntime.describe()));
            m.write(staging.resolve(PocketClipArtifact.MANIFEST));
            folder.commit();
            log.printf(Locale.ROOT, "pocket CLIP -> %s (%s, %d bytes of weights)%n", out,
                    HuggingFaceClipDirectory.WEIGHTS, files.get(HuggingFaceClipDirectory.WEIGHTS).bytes());
            return m;
        }
    }

    /**
     * Copies the checkpoint in {@code from} into {@code to} with its weights rounded to F16 and its config
     * saying so ({@code torch_dtype}).
     */
    static void storeAsF16(Path from, Path to) throws IOException {
        try (SafetensorsFile weights = SafetensorsFile.open(from.resolve(HuggingFaceClipDirectory.WEIGHTS))) {
            SafetensorsFile.write(to.resolve(HuggingFaceClipDirectory.WEIGHTS), weights, weights.metadata(), n -> { },
                    SafetensorsFile.Precision.F16);
        }
        JsonObject config = JsonParser.parseString(Files.readString(from.resolve(HuggingFaceClipDirectory.CONFIG),
                StandardCharsets.UTF_8)).getAsJsonObject();
        config.addProperty("torch_dtype", "float16");
        Files.writeString(to.resolve(HuggingFaceClipDirectory.CONFIG),
                new GsonBuilder().setPrettyPrinting().create().toJson(config) + "\n", StandardCharsets.UTF_8);
        Files.copy(from.resolve(HuggingFaceClipDirectory.TOKENIZER), to.resolve(HuggingFaceClipDirectory.TOKENIZER));
    }

    /** A number as a command line or a manifest would write it: 0.0005, 0.3, 2. */
    private static String plain(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    private static String plain(float v) {
        return new BigDecimal(Float.toString(v)).stripTrailingZeros().toPlainString();
    }
}
