package org.itkm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.itkm.config.RunConfig;
import org.itkm.data.Sample;
import org.itkm.eval.dataset.PseudoLabelFScore;
import org.itkm.runtime.EngineRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-epoch bookkeeping the stages share ({@link EpochListener}) and the run's records: the checkpoint
 * is written before the evaluation, Stage III's loss terms are columns of their own, Stage II's failures
 * keep their type, and run.log holds the set-up and the console of the run, appended on resume.
 */
class EpochBookkeepingTest {
    @TempDir
    Path dir;

    private static final List<String> WORDS = List.of("a photo of a person .", "a red coat");

    @Test
    void aFailingEvaluationKeepsTheEpochsCheckpointAndTheResumeAppendsToRunLog() throws Exception {
        Path synth = TinyTrainingInputs.synth(dir.resolve("synth"));
        Path clip = TinyTrainingInputs.randomClip(dir.resolve("clip"), WORDS);
        RunConfig.Loaded cfg = RunConfig.load("smoke", null, List.of("data.synthRoot=" + synth,
                "training.method=cluster-contrast", "training.mode=S", "training.scenario=VI", "stage1.epochs=1",
                "stage3.epochs=0", "eval.everyEpochs=1"));
        TrainingData data = TrainingData.load(cfg.config(), null);
        Sample g = data.datasets().get(0).gallery().get(0);
        byte[] image = Files.readAllBytes(g.path());
        Files.write(g.path(), new byte[image.length]); // the evaluation's gallery image, unreadable (same size:
        // the data fingerprint, names and sizes, stays, so the run resumes once the image is back)
        TrainingRun run = TrainingRun.start(dir.resolve("results"), "eval-fails", cfg, List.of("test"));
        Exception e = assertThrows(Exception.class, () -> TrainingPipeline.run(run, data, clip, new PseudoLabelFScore()));
        assertTrue(TrainingRun.messageOf(e).contains(g.path().getFileName().toString()), TrainingRun.messageOf(e));
        // the epoch's training is kept: the run is resumable from it (without the fix, the run failed before
        // its first checkpoint and its folder was removed)
        assertTrue(Files.isDirectory(run.dir().resolve("checkpoints").resolve("baseline-e0000")), "no checkpoint");
        assertEquals("failed", TrainingRun.inspect(run.dir()).status());
        String first = Files.readString(run.dir().resolve(RunLog.FILE));
        assertTrue(first.contains(" started: itkm test") && first.contains("device: ")
                && first.contains("configuration (") && first.contains("  seed: 1"), first);
        assertTrue(first.contains("baseline: training.microBatch"), "the micro-batch plan: " + first);
        assertTrue(first.contains("failed after its checkpoint"), "the console's failure line: " + first);
        assertTrue(!first.contains("\r") && !first.contains("\u001b"), "progress redraws are logged as lines");

        Files.write(g.path(), image);
        TrainingRun resumed = TrainingRun.resume(run.dir());
        TrainingPipeline.run(resumed, TrainingData.load(cfg.config(), null), clip, new PseudoLabelFScore());
        String both = Files.readString(run.dir().resolve(RunLog.FILE));
        assertTrue(both.startsWith(first), "a resumed run appends to run.log");
        assertTrue(both.substring(first.length()).contains(" resumed: itkm test"), both);
    }

    @Test
    void stageThreeWritesEachLossTermAsAColumnAppendedAfterTheExistingOnes() throws Exception {
        Path synth = TinyTrainingInputs.synth(dir.resolve("synth"));
        Path clip = TinyTrainingInputs.randomClip(dir.resolve("clip"), WORDS);
        RunConfig.Loaded cfg = RunConfig.load("smoke", null, List.of("data.synthRoot=" + synth, "training.mode=S",
                "training.scenario=VI", "stage1.epochs=1", "eval.everyEpochs=0"));
        TrainingRun run = TrainingRun.start(dir.resolve("results"), "terms", cfg, List.of("test"));
        TrainingPipeline.run(run, TrainingData.load(cfg.config(), null), clip, new PseudoLabelFScore());
        List<String> header = Arrays.asList(Files.readAllLines(run.dir().resolve("metrics.csv")).get(0).split(","));
        assertEquals(List.of("loss_hom", "loss_chm", "loss_ihm", "loss_text"),
                header.subList(header.size() - 4, header.size()), "new columns come last: " + header);
        int checked = 0;
        for (Map<String, String> r : run.metrics().rows()) {
            if (!"stage3".equals(r.get("stage")) || Integer.parseInt(r.get("steps")) == 0) {
                continue;
            }
            double sum = 0;
            for (String t : List.of("loss_hom", "loss_chm", "loss_ihm", "loss_text")) {
                double v = Double.parseDouble(r.get(t));
                sum += Double.isNaN(v) ? 0 : v;
            }
            double loss = Double.parseDouble(r.get("loss"));
            assertTrue(Double.isFinite(Double.parseDouble(r.get("loss_hom"))), r.toString());
            assertEquals(loss, sum, 1e-4 * Math.max(1, Math.abs(loss)), "the terms sum to the loss: " + r);
            checked++;
        }
        assertTrue(checked > 0, "no Stage III epoch with steps");
    }

    @Test
    void aNonFiniteTermIsNamed() {
        LossTerms terms = new LossTerms("stage3", HeterogeneousTraining.TERMS);
        try (NDManager m = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            terms.startEpoch(2);
            terms.startStep();
            terms.add("hom", m.create(1.5f));
            NonFiniteTrainingException e = assertThrows(NonFiniteTrainingException.class,
                    () -> terms.add("chm", m.create(Float.NaN)));
            assertTrue(e.getMessage().startsWith("stage3 epoch 3 step 1: the cross-group cluster (CHM")
                    && e.getMessage().contains("loss_chm") && e.getMessage().contains("NaN"), e.getMessage());
        }
    }

    @Test
    void stageTwoFailuresKeepTheirType() throws Exception {
        Path synth = TinyTrainingInputs.synth(dir.resolve("synth"));
        Path clip = TinyTrainingInputs.randomClip(dir.resolve("clip"), WORDS);
        RunConfig.Loaded cfg = RunConfig.load("smoke", null, List.of("data.synthRoot=" + synth, "training.mode=S",
                "training.scenario=VI", "stage1.epochs=1", "eval.everyEpochs=0"));
        TrainingRun run = TrainingRun.start(dir.resolve("results"), "stage2-fails", cfg, List.of("test"));
        run.useHooks(AlgorithmHooks.KIT.withSeparation((text, s, margin) -> {
            throw new IllegalStateException("a lab's separation loss failed");
        }), "failing separation");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TrainingPipeline.run(run, TrainingData.load(cfg.config(), null), clip, new PseudoLabelFScore()));
        assertEquals("a lab's separation loss failed", e.getMessage());
    }
}
