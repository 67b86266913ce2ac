package org.itkm.clip.pretrain;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.itkm.clip.ClipConfig;
import org.itkm.clip.ClipModel;
import org.itkm.clip.checkpoint.HuggingFaceClipDirectory;
import org.itkm.clip.inference.ClipImagePreprocessor;
import org.itkm.clip.inference.ClipInference;
import org.itkm.clip.tokenizer.ClipTokenizer;
import org.itkm.clip.tokenizer.HuggingFaceClipTokenizer;
import org.itkm.clip.tokenizer.WordLevelTokenizer;
import org.itkm.clip.zeroshot.CaptionedImage;
import org.itkm.clip.zeroshot.ZeroShotRetrieval;
import org.itkm.io.FloatMatrix;
import org.itkm.runtime.ConsoleProgress;
import org.itkm.runtime.EngineRuntime;

/**
 * End-to-end pocket CLIP pre-training: splits a caption corpus into training and held-out pairs, builds the
 * word-level tokenizer from the training captions, pre-trains with {@link ContrastivePretrainer}, saves
 * format (a) and measures zero-shot retrieval on the held-out pairs.
 */
public final class PocketClipPretraining {
    private PocketClipPretraining() {}

    /**
     * @param config architecture; its vocabulary size is replaced by the corpus vocabulary's
     * @param heldOutFraction fraction of pairs kept out of training for the zero-shot figures
     * @param zeroShot attribute -> prompt template ("a person in a {} coat") to evaluate
     */
    public record Settings(ClipConfig config, ContrastivePretrainer.Options training, double heldOutFraction,
            Map<String, String> zeroShot) {}

    /** What the run produced. */
    public record Report(int trainPairs, int heldOutPairs, int vocabulary, ContrastivePretrainer.Result training,
            List<ZeroShotRetrieval.Score> zeroShot) {}

    /** A corpus divided into training pairs and held-out pairs (never trained on). */
    public record Split(List<CaptionedImage> train, List<CaptionedImage> heldOut) {}

    /**
     * The training/held-out division pre-training uses: the corpus shuffled with {@code seed}, the first
     * {@code heldOutFraction} held out. Evaluations after the fact (notebook 02) call it with the same
     * arguments to score exactly the pairs the checkpoint never saw.
     */
    public static Split split(CaptionCorpus corpus, double heldOutFraction, long seed) {
        List<CaptionedImage> all = new ArrayList<>(corpus.items());
        Collections.shuffle(all, new Random(seed ^ 0x5eed));
        int held = (int) Math.round(all.size() * heldOutFraction);
        return new Split(List.copyOf(all.subList(held, all.size())), List.copyOf(all.subList(0, held)));
    }

    /** Runs pre-training and writes the checkpoint to {@code out}; prints progress lines to {@code log}. */
    public static Report run(CaptionCorpus corpus, Path out, Settings s, PrintWriter log, boolean progress)
            throws IOException {
        Split split = split(corpus, s.heldOutFraction(), s.training().seed());
        List<CaptionedImage> heldOut = split.heldOut();
        List<CaptionedImage> train = split.train();
        if (train.size() < s.training().batchSize()) {
            throw new org.itkm.io.InvalidInputException("caption corpus has " + train.size()
                    + " training pairs, fewer than one batch of " + s.training().batchSize());
        }
        String tokenizerJson = WordLevelTokenizer.buildJson(train.stream().map(CaptionedImage::caption).toList());
        int vocab = WordLevelTokenizer.vocabulary(train.stream().map(CaptionedImage::caption).toList()).size();
        ClipConfig base = s.config();
        ClipConfig.Text t = base.text();
        ClipConfig cfg = new ClipConfig(base.vision(), new ClipConfig.Text(vocab, t.width(), t.layers(), t.heads(),
                t.mlpDim(), t.contextLength(), 0, 1, WordLevelTokenizer.PAD_ID, t.activation(), t.layerNormEps()),
                base.projectionDim(), base.scenarios());
        Files.createDirectories(out);
        Path tokFile = Files.createTempFile("itkm-tokenizer", ".json");
        org.itkm.io.ExitCleanup.register(tokFile, null); // Ctrl-C or SIGTERM: no temporary file left behind
        try (NDManager manager = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            Files.writeString(tokFile, tokenizerJson);
            ai.djl.engine.Engine.getInstance().setRandomSeed((int) s.training().seed());
            ClipModel model = ClipModel.create(cfg, manager);
            List<ContrastivePretrainer.PreparedPair> pairs;
            try (ClipTokenizer tok = HuggingFaceClipTokenizer.load(tokFile)) {
                pairs = prepare(train, tok, cfg, progress, log);
            }
            log.printf(Locale.ROOT, "pocket CLIP: %d training pairs, %d held out, vocabulary %d, %s%n", train.size(),
                    heldOut.size(), vocab, EngineRuntime.describe());
            int stepsPerEpoch = Math.max(1, pairs.size() / s.training().batchSize());
            ContrastivePretrainer trainer = new ContrastivePretrainer(model, manager, s.training(),
                    stepsPerEpoch * s.training().epochs());
            ContrastivePretrainer.Result r = trainer.train(pairs, s.training(), progress);
            log.printf(Locale.ROOT, "trained %d steps in %.1f s (loss %.3f -> %.3f, %d skipped), RSS %d -> %d MiB%n",
                    r.steps(), r.seconds(), r.firstLoss(), r.lastLoss(), r.skippedSteps(), r.rssAfterFirstStepMiB(),
                    r.rssEndMiB());
            for (String skip : r.skips()) {
                log.println("skipped " + skip);
            }
            HuggingFaceClipDirectory.save(out, model, tokenizerJson, false);
            log.println("saved " + out);
            List<ZeroShotRetrieval.Score> scores = new ArrayList<>();
            if (!heldOut.isEmpty()) {
                model.freezeParameters(true);
                try (ClipInference clip = ClipInference.of(model, manager.getDevice());
                        ClipTokenizer tok = HuggingFaceClipTokenizer.load(tokFile)) {
                    FloatMatrix f = clip.encodeImages(heldOut.stream().map(CaptionedImage::image).toList(), 0, -1, 64,
                            false);
                    scores.add(ZeroShotRetrieval.caption(clip, tok, heldOut, f));
                    for (Map.Entry<String, String> e : s.zeroShot().entrySet()) {
                        scores.add(ZeroShotRetrieval.attribute(clip, tok, heldOut, f, e.getKey(), e.getValue()));
                    }
                }
            }
            return new Report(train.size(), heldOut.size(), vocab, r, scores);
        } finally {
            Files.deleteIfExists(tokFile);
            org.itkm.io.ExitCleanup.unregister(tokFile);
        }
    }

    /**
     * Decodes and normalises every image once and tokenizes every caption; captions longer than the text
     * context are cut to it (as CLIP's training did) with one warning on {@code log} saying how many.
     */
    static List<ContrastivePretrainer.PreparedPair> prepare(List<CaptionedImage> items, ClipTokenizer tok,
            ClipConfig cfg, boolean progress, PrintWriter log) {
        ClipImagePreprocessor pre = new ClipImagePreprocessor(cfg.vision().inputHeight(), cfg.vision().inputWidth());
        int per = 3 * pre.height() * pre.width();
        int context = cfg.text().contextLength();
        List<ContrastivePretrainer.PreparedPair> out = new ArrayList<>(items.size());
        int cut = 0;
        CaptionedImage firstCut = null;
        try (ConsoleProgress bar = progress ? new ConsoleProgress("load captions", items.size()) : null) {
            for (CaptionedImage it : items) {
                float[] px = new float[per];
                pre.load(it.image(), px, 0);
                if (tok.encodeWords(it.caption()).length + 2 > context) {
                    cut++;
                    firstCut = firstCut == null ? it : firstCut;
                }
                out.add(new ContrastivePretrainer.PreparedPair(px, tok.encode(it.caption(), context)));
                if (bar != null) {
                    bar.step(1);
                }
            }
        }
        if (cut > 0) {
            log.printf(Locale.ROOT, "warning: %d of %d training captions are longer than the text context (%d tokens"
                    + " with the begin and end tokens) and were cut to it; the first: %s%n", cut, items.size(), context,
                    firstCut.image());
            log.flush();
        }
        return out;
    }
}
