package org.itkm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertTrue(error("cluster.eps=1.5").contains("config 'cluster': eps must be in (0, 1]"));
        assertTrue(error("training.method=pgm").contains("expected one of itkm, cluster-contrast"));
        assertTrue(error("training.variant=M9").contains("not one of M1"));
        assertTrue(error("training.mode=S").contains("mode S needs training.scenario"));
        assertTrue(error("nonsense").contains("not of the form key=value"));
        assertTrue(assertThrows(InvalidInputException.class, () -> RunConfig.load("fast", null, List.of()))
                .getMessage().contains("expected one of smoke, quick, rehearsal, paper"));
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
    void aRunRecordedBeforeTheDataAndClipSeedsReadsThemFromTheRunSeed() throws IOException {
        String yaml = RunConfig.load("smoke", null, List.of("seed=5")).tree().toYaml();
        String earlier = yaml.replaceAll("(?m)^\\s+synthSeed: .*\\n", "")
                .replaceAll("(?m)^(\\s+)seed: .*\\n", "");
        assertFalse(earlier.contains("synthSeed"), earlier);
        assertTrue(earlier.contains("\nseed: 5"), earlier);
        Path f = dir.resolve("config.yaml");
        Files.writeString(f, earlier);
        RunConfig c = RunConfig.loadFile(f).config();
        assertEquals(5, c.seed());
        assertEquals(5, c.data().synthSeed());
        assertEquals(5, c.pretrain().seed());
        // a run that recorded them keeps its own
        Files.writeString(f, yaml);
        assertEquals(1, RunConfig.loadFile(f).config().pretrain().seed());
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
}
