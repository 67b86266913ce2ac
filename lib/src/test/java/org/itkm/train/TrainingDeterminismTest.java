package org.itkm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.itkm.clip.ClipModel;
import org.itkm.clip.checkpoint.ClipCheckpoint;
import org.itkm.config.RunConfig;
import org.itkm.data.GroundTruth;
import org.itkm.data.Sample;
import org.itkm.eval.dataset.PseudoLabelDiagnostics;
import org.itkm.runtime.EngineRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training is a function of the images and the seed only: scrambling the ground truth leaves the whole
 * trajectory unchanged, and a run interrupted after an epoch and resumed from its checkpoint ends
 * exactly where the uninterrupted run does.
 */
class TrainingDeterminismTest {
    @TempDir
    static Path dir;
    static Path clip;
    static List<Sample> train;

    @BeforeAll
    static void data() throws Exception {
        TinyTrainingInputs.synth(dir.resolve("synth"));
        clip = TinyTrainingInputs.randomClip(dir.resolve("clip"), List.of("a photo of a person ."));
        train = TrainingData.load(config(List.of()).config(), null).trainSamples();
    }

    static RunConfig.Loaded config(List<String> extra) {
        List<String> o = new ArrayList<>(List.of("data.synthRoot=" + dir.resolve("synth"), "stage1.epochs=2"));
        o.addAll(extra);
        return RunConfig.load("smoke", null, o);
    }

    /** Stage I on the given samples; returns the trajectory (losses and cluster counts) and final labels. */
    static Object[] stageOne(List<Sample> samples, String name, int epochs) throws Exception {
        RunConfig.Loaded cfg = config(List.of());
        TrainingRun run = TrainingRun.start(dir.resolve("results"), name, cfg, List.of());
        return stageOne(run, samples, epochs);
    }

    static Object[] stageOne(TrainingRun run, List<Sample> samples, int epochs) throws Exception {
        RunConfig c = run.config();
        RunConfig.Stage s = c.stage1();
        RunConfig.Stage sched = new RunConfig.Stage(epochs, s.lr(), s.warmupEpochs(), s.milestones(), s.gamma(),
                s.weightDecay(), s.batchSize());
        try (ClipCheckpoint ck = ClipCheckpoint.open(clip);
                NDManager m = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            ClipModel model = ClipModel.create(ck.config(), m);
            model.load(ck.tensors());
            int[] labels = HomogeneousTraining.train(run, model, m, samples,
                    new HomogeneousTraining.Options("stage1", sched, false, true, false), PseudoLabelDiagnostics.NONE);
            float[] weights = model.vision().getParameters().get(0).getValue().getArray().toFloatArray();
            return new Object[] {trajectory(run), labels, weights};
        }
    }

    static String trajectory(TrainingRun run) {
        return run.metrics().rows().stream().map(r -> r.entrySet().stream()
                .filter(e -> !e.getKey().endsWith("seconds") && !e.getKey().startsWith("rss_") && !e.getKey().endsWith("rss_mib")) // timings, memory
                .map(Map.Entry::toString).collect(Collectors.joining(","))).collect(Collectors.joining("\n"));
    }

    @Test
    void scrambledGroundTruthGivesTheIdenticalTrajectory() throws Exception {
        Object[] a = stageOne(train, "truth", 2);
        List<Sample> scrambled = new ArrayList<>();
        for (Sample s : train) { // a permutation of identities and clothes no training code may notice
            scrambled.add(new Sample(s.path(), s.scenario(), s.group(), s.camid(), (GroundTruth.pid(s) * 7 + 3) % 1000,
                    GroundTruth.clothes(s) < 0 ? -1 : GroundTruth.clothes(s) + 11));
        }
        Object[] b = stageOne(scrambled, "scrambled", 2);
        assertEquals(a[0], b[0]);
        assertArrayEquals((int[]) a[1], (int[]) b[1]);
        assertArrayEquals((float[]) a[2], (float[]) b[2]);
    }

    @Test
    void supervisedBoundTrainsOnEveryImagesTrueIdentity() throws Exception {
        TrainingRun run = TrainingRun.start(dir.resolve("results"), "supervised", config(List.of()), List.of());
        RunConfig.Stage s = run.config().stage1();
        int[] labels;
        try (ClipCheckpoint ck = ClipCheckpoint.open(clip);
                NDManager m = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            ClipModel model = ClipModel.create(ck.config(), m);
            model.load(ck.tensors());
            labels = HomogeneousTraining.train(run, model, m, train,
                    new HomogeneousTraining.Options("supervised", s, true, false, true), PseudoLabelDiagnostics.NONE);
        }
        int[] pids = GroundTruth.pids(train);
        for (int i = 0; i < train.size(); i++) {
            assertTrue(labels[i] >= 0, "no image is noise");
            for (int j = 0; j < train.size(); j++) {
                if (train.get(i).scenario() == train.get(j).scenario()) { // one label space per scenario, all groups
                    assertEquals(pids[i] == pids[j], labels[i] == labels[j], "images " + i + " and " + j);
                }
            }
        }
        assertTrue(run.metrics().rows().stream().allMatch(r -> "supervised".equals(r.get("stage"))
                && Double.parseDouble(r.get("steps")) > 0), "every epoch trained under the stage's name");
    }

    @Test
    void resumedRunEndsWhereTheUninterruptedRunDoes() throws Exception {
        Object[] straight = stageOne(train, "straight", 2);
        TrainingRun interrupted = TrainingRun.start(dir.resolve("results"), "interrupted", config(List.of()), List.of());
        stageOne(interrupted, train, 1); // "killed" after the first epoch's checkpoint
        Object[] resumed = stageOne(TrainingRun.resume(interrupted.dir()), train, 2);
        assertEquals(straight[0], resumed[0]);
        assertArrayEquals((int[]) straight[1], (int[]) resumed[1]);
        assertArrayEquals((float[]) straight[2], (float[]) resumed[2]);
    }

    /** Stage II from the given Stage I labels in a fresh run; returns its cluster text representations. */
    static float[] stageTwo(String name, int[] labels) throws Exception {
        TrainingRun run = TrainingRun.start(dir.resolve("results"), name, config(List.of("stage2.epochs=2")), List.of());
        try (ClipCheckpoint ck = ClipCheckpoint.open(clip);
                NDManager m = NDManager.newBaseManager(EngineRuntime.defaultDevice());
                org.itkm.clip.tokenizer.ClipTokenizer tok = ck.openTokenizer()) {
            ClipModel frozen = ClipModel.create(ck.config(), m);
            frozen.load(ck.tensors());
            return TextRepresentationLearning.train(run, frozen, tok, m, train, labels, 1.0).clusterText().data();
        }
    }

    @Test
    void stageTwoLearnsTheSameTextRepresentationsWhateverTheProcessDidBefore() throws Exception {
        int[] labels = (int[]) stageOne(train, "labels-for-stage2", 1)[1];
        float[] first = stageTwo("text-a", labels);
        // anything drawing from DJL's global generator in between (as a run resumed after Stage I does
        // differently from an uninterrupted one) must not change the prompts' initialisation
        try (NDManager m = NDManager.newBaseManager()) {
            m.randomNormal(new ai.djl.ndarray.types.Shape(1000)).close();
        }
        float[] second = stageTwo("text-b", labels);
        assertArrayEquals(first, second);
    }
}
