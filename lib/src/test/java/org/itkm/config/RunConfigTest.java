package org.itkm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.itkm.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunConfigTest {
    @TempDir
    Path dir;

    @Test
    void everyProfileBindsCompletely() {
        for (String p : RunConfig.PROFILES) {
            RunConfig c = RunConfig.load(p, null, List.of()).config();
            assertEquals(p, c.profile());
            assertEquals("M7", c.training().ablation().name());
        }
        RunConfig paper = RunConfig.load("paper", null, List.of()).config();
        assertEquals(30, paper.cluster().k1());
        assertEquals(0.6, paper.cluster().eps());
        assertEquals(List.of(30, 45), paper.stage1().milestones());
        assertEquals(RunConfig.DataSource.SYNTH, RunConfig.load("quick", null, List.of()).config().data().source());
    }

    @Test
    void layersFileThenOverrides() throws IOException {
        Path f = dir.resolve("my.yaml");
        Files.writeString(f, "stage1:\n  epochs: 7\nloss: {textWeight: 2.5}\n");
        RunConfig c = RunConfig.load("quick", f, List.of("stage1.epochs=9", "training.variant=M4",
                "data.scenarios=[VI, CR]", "training.mode=S", "training.scenario=cr")).config();
        assertEquals(9, c.stage1().epochs());
        assertEquals(2.5, c.loss().textWeight());
        assertEquals(List.of(org.itkm.data.Scenario.VI, org.itkm.data.Scenario.CR), c.data().scenarios());
        RunConfig.Ablation m4 = c.training().ablation();
        assertTrue(m4.dru());
        assertEquals(RunConfig.ClusterMatching.PGM, m4.clusterMatching());
        assertEquals(org.itkm.data.Scenario.CR, c.training().scenario());
    }

    @Test
    void ablationVariantsFollowTable2() {
        RunConfig.Ablation m1 = RunConfig.Ablation.of("M1");
        assertFalse(m1.scenarioEmbedding() || m1.separationLoss() || m1.dru());
        assertTrue(RunConfig.Ablation.of("M2").scenarioEmbedding());
        assertTrue(RunConfig.Ablation.of("M3").separationLoss());
        assertEquals(RunConfig.ClusterMatching.CHM, RunConfig.Ablation.of("M5").clusterMatching());
        assertEquals(RunConfig.InstanceMatching.CNL, RunConfig.Ablation.of("M6").instanceMatching());
        assertEquals(RunConfig.InstanceMatching.IHM, RunConfig.Ablation.of("m7").instanceMatching());
    }

    @Test
    void clearErrors() {
        assertTrue(error("stage1.epoch=3").contains("unknown config key 'stage1.epoch' (did you mean 'epochs'?)"));
        assertTrue(error("stage1.epochs=three").contains("config key 'stage1.epochs' = 'three': expected a number"));
        assertEquals("config key 'cluster.eps' = '1.5': expected a number in (0, 1]", error("cluster.eps=1.5"));
        assertTrue(error("training.method=pgm").contains("expected one of itkm, cluster-contrast"));
        assertTrue(error("training.variant=M9").contains("config key 'training.variant' = 'M9': expected one of M1"));
        assertTrue(error("training.mode=S").contains("config key 'training.scenario' = 'null': expected VI, CC or CR"));
        assertTrue(error("nonsense").contains("not of the form key=value"));
        assertTrue(assertThrows(InvalidInputException.class, () -> RunConfig.load("fast", null, List.of()))
                .getMessage().contains("expected one of smoke, quick, rehearsal, paper"));
    }

    /** Every kind of bad value: one message naming the full key, the value and what is allowed. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "stage1.epochs=0           | config key 'stage1.epochs' = '0': expected an integer >= 1",
        "stage2.epochs=-1          | config key 'stage2.epochs' = '-1': expected an integer >= 0",
        "stage3.lr=0               | config key 'stage3.lr' = '0.0': expected a number > 0",
        "stage1.milestones=[10,-2] | config key 'stage1.milestones[1]' = '-2': expected an integer >= 1",
        "stage2.batchSize=0        | config key 'stage2.batchSize' = '0': expected an integer >= 1",
        "stage1.gamma=-0.1         | config key 'stage1.gamma' = '-0.1': expected a number > 0",
        "stage3.weightDecay=-1e-4  | config key 'stage3.weightDecay' = '-1.0E-4': expected a number >= 0",
        "data.width=0              | config key 'data.width' = '0': expected an integer >= 1",
        "data.height=-64           | config key 'data.height' = '-64': expected an integer >= 1",
        "data.scenarios=[]         | config key 'data.scenarios' = '[]': expected a list of one or more of VI, CC, CR",
        "data.scenarios=[VI,VI]    | config key 'data.scenarios' = '[VI, VI]': expected a list of one or more",
        "data.scenarios=[VI,XX]    | config key 'data.scenarios[1]' = 'XX': expected one of vi, cc, cr",
        "data.synthPreset=huge     | config key 'data.synthPreset' = 'huge': expected one of tiny, quick",
        "data.source=cloud         | config key 'data.source' = 'cloud': expected one of synth, real",
        "data.onUnreadableImage=ok | config key 'data.onUnreadableImage' = 'ok': expected one of fail, skip",
        "data.synthSeed=1.5        | config key 'data.synthSeed' = '1.5': expected an integer",
        "seed=abc                  | config key 'seed' = 'abc': expected a number",
        "seed=-1                   | config key 'seed' = '-1': expected an integer in [0, 4294967295]",
        "model.promptTokens=0      | config key 'model.promptTokens' = '0': expected an integer >= 1",
        "model.checkpoint=''       | config key 'model.checkpoint' = '': expected a Hugging Face CLIP directory",
        "pretrain.epochs=5         | config key 'pretrain.epochs' is no longer a setting: the pocket CLIP is shipped pre-trained (models/pocket-clip",
        "data.synthSeed=1000001    | config key 'data.synthSeed' = '1000001': expected another seed: 1000001 is reserved for the pocket CLIP's caption corpus",
        "data.synthPreset=corpus   | config key 'data.synthPreset' = 'corpus': expected one of tiny, quick, full, paper-size",
        "cluster.k1=0              | config key 'cluster.k1' = '0': expected an integer >= 1",
        "cluster.k2=40             | config key 'cluster.k2' = '40': expected an integer in [1, cluster.k1] (cluster.k1 = 6",
        "cluster.minSamples=-3     | config key 'cluster.minSamples' = '-3': expected an integer >= 1",
        "cluster.eps=0             | config key 'cluster.eps' = '0.0': expected a number in (0, 1]",
        "cluster.eps=.nan          | config key 'cluster.eps' = 'NaN': expected a finite number",
        "sampler.identitiesPerGroup=0 | config key 'sampler.identitiesPerGroup' = '0': expected an integer >= 1",
        "sampler.instancesPerIdentity=-8 | config key 'sampler.instancesPerIdentity' = '-8': expected an integer >= 1",
        "sampler.iterationsPerEpoch=2.5 | config key 'sampler.iterationsPerEpoch' = '2.5': expected an integer",
        "augment.greyscale=1.5     | config key 'augment.greyscale' = '1.5': expected a number in [0, 1]",
        "loss.temperature=0        | config key 'loss.temperature' = '0.0': expected a number > 0",
        "loss.memoryMomentum=1     | config key 'loss.memoryMomentum' = '1.0': expected a number in [0, 1)",
        "loss.chmKeepProbability=-0.5 | config key 'loss.chmKeepProbability' = '-0.5': expected a number in [0, 1]",
        "loss.druTopProportion=0   | config key 'loss.druTopProportion' = '0.0': expected a number in (0, 1]",
        "loss.druUpdateRate=2      | config key 'loss.druUpdateRate' = '2.0': expected a number in [0, 1]",
        "loss.ihmK=0               | config key 'loss.ihmK' = '0': expected an integer >= 1",
        "loss.separationWeight=-1  | config key 'loss.separationWeight' = '-1.0': expected a number >= 0",
        "loss.separationMargin=-0.5 | config key 'loss.separationMargin' = '-0.5': expected a number >= 0",
        "loss.textWeight=.inf      | config key 'loss.textWeight' = 'Infinity': expected a finite number",
        "training.method=pgm       | config key 'training.method' = 'pgm': expected one of itkm, cluster-contrast",
        "training.mode=X           | config key 'training.mode' = 'X': expected one of s, m",
        "training.variant=M9       | config key 'training.variant' = 'M9': expected one of M1, M2, M3, M4, M5, M6, M7",
        "training.microBatch=-4    | config key 'training.microBatch' = '-4': expected auto, 0 (the whole batch)",
        "eval.everyEpochs=-1       | config key 'eval.everyEpochs' = '-1': expected an integer >= 0",
        "eval.sysuTrials=-2        | config key 'eval.sysuTrials' = '-2': expected an integer >= 0",
        "eval.split=train          | config key 'eval.split' = 'train': expected one of test, val",
        "eval.split=null           | config key 'eval.split' = 'null': expected test or val",
        "caps.stepsPerEpoch=-1     | config key 'caps.stepsPerEpoch' = '-1': expected an integer >= 0",
        "profile=../elsewhere      | config key 'profile' = '../elsewhere': expected one of smoke, quick, rehearsal, paper",
    })
    void everyBadValueNamesItsFullKey(String override, String expected) {
        String m = error(override);
        assertTrue(m.startsWith(expected), "for " + override + ": " + m);
    }

    @Test
    void valuesAtTheEdgesOfTheirRangesBind() {
        RunConfig c = RunConfig.load("quick", null, List.of("stage2.epochs=0", "stage3.epochs=0", "cluster.k2=6",
                "cluster.eps=1", "augment.greyscale=0", "loss.chmKeepProbability=1", "loss.memoryMomentum=0",
                "loss.druTopProportion=1", "eval.everyEpochs=0", "seed=4294967295", "training.microBatch=AUTO"))
                .config();
        assertEquals(4294967295L, c.seed());
        assertEquals("auto", c.training().microBatch());
        assertEquals(6, c.cluster().k2(), "k2 may equal k1");
    }

    @Test
    void treeRoundTripsThroughYaml() throws IOException {
        RunConfig.Loaded a = RunConfig.load("smoke", null, List.of("seed=7"));
        Path f = dir.resolve("config.yaml");
        Files.writeString(f, a.tree().toYaml());
        assertEquals(a.config(), RunConfig.loadFile(f).config());
    }

    private static String error(String override) {
        return assertThrows(InvalidInputException.class, () -> RunConfig.load("quick", null, List.of(override)))
                .getMessage();
    }

    @Test
    void aRunRecordedBeforeTheDataSeedReadsItFromTheRunSeed() throws IOException {
        String yaml = RunConfig.load("smoke", null, List.of("seed=5")).tree().toYaml();
        String earlier = yaml.replaceAll("(?m)^\\s+synthSeed: .*\\n", "");
        assertFalse(earlier.contains("synthSeed"), earlier);
        assertTrue(earlier.contains("\nseed: 5"), earlier);
        Path f = dir.resolve("config.yaml");
        Files.writeString(f, earlier);
        RunConfig c = RunConfig.loadFile(f).config();
        assertEquals(5, c.seed());
        assertEquals(5, c.data().synthSeed());
        // a run that recorded it keeps its own
        Files.writeString(f, yaml);
        assertEquals(1, RunConfig.loadFile(f).config().data().synthSeed());
    }

    @Test
    void aRunRecordedWhileThePocketClipWasPreTrainedPerProfileReadsWithoutItsPretrainSettings() throws IOException {
        String yaml = RunConfig.load("smoke", null, List.of()).tree().toYaml();
        Path f = dir.resolve("config.yaml");
        Files.writeString(f, yaml + "pretrain:\n  epochs: 2\n  lr: 0.0005\n  batchSize: 16\n  seed: 1\n");
        assertEquals(RunConfig.load("smoke", null, List.of()).config(), RunConfig.loadFile(f).config());
    }

    @Test
    void aRunRecordedBeforeMicroBatchingReadsAsWholeBatches() throws IOException {
        String yaml = RunConfig.load("paper", null, List.of()).tree().toYaml();
        String earlier = yaml.replaceAll("(?m)^\\s+microBatch: .*\\n", "");
        assertFalse(earlier.contains("microBatch"), earlier);
        Path f = dir.resolve("config-before-micro-batches.yaml");
        Files.writeString(f, earlier);
        assertEquals("0", RunConfig.loadFile(f).config().training().microBatch());
        Files.writeString(f, yaml);
        assertEquals("auto", RunConfig.loadFile(f).config().training().microBatch());
    }

    @Test
    void aRunRecordedBeforeTheEvaluationSplitReadsAsTestAndEqualsTodaysTestRun() throws IOException {
        RunConfig.Loaded now = RunConfig.load("quick", null, List.of());
        assertEquals(org.itkm.data.EvaluationSplit.TEST, now.config().eval().split(), "test is the default");
        String earlier = now.tree().toYaml().replaceAll("(?m)^\\s+split: .*\\n", "");
        assertFalse(earlier.contains("split"), earlier);
        Path f = dir.resolve("config-before-eval-split.yaml");
        Files.writeString(f, earlier);
        assertEquals(now.config(), RunConfig.loadFile(f).config(), "its finished runs stay reusable");
        RunConfig val = RunConfig.load("quick", null, List.of("eval.split=val")).config();
        assertEquals(org.itkm.data.EvaluationSplit.VAL, val.eval().split());
        assertNotEquals(now.config(), val, "a validation run is never a test run's configuration");
    }
}
