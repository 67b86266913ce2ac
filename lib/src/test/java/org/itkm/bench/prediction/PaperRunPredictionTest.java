package org.itkm.bench.prediction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.itkm.bench.EncoderFlops;
import org.itkm.clip.ClipConfig;
import org.itkm.clip.checkpoint.ClipArchitecture;
import org.itkm.config.RunConfig;
import org.itkm.run.MetricsLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paper-run prediction: sizes read from a rehearsal's records, FLOPs per stage, host seconds per epoch. */
class PaperRunPredictionTest {
    static final ClipConfig VIT_B_16 = ClipArchitecture.VIT_B_16.config().withInputSize(256, 128);

    @TempDir
    Path dir;

    /** A rehearsal run's records: two scenarios of two groups, two epochs of Stage I and III each. */
    private Path rehearsal() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        String vi = "{\\\"train\\\": {\\\"A\\\": 1000, \\\"B\\\": 500}, \\\"query\\\": {\\\"A\\\": 0, \\\"B\\\": 300},"
                + " \\\"gallery\\\": {\\\"A\\\": 600, \\\"B\\\": 0}}";
        String cc = "{\\\"train\\\": {\\\"A\\\": 400, \\\"B\\\": 100}, \\\"query\\\": {\\\"A\\\": 50, \\\"B\\\": 50},"
                + " \\\"gallery\\\": {\\\"A\\\": 700, \\\"B\\\": 300}}";
        Files.writeString(run.resolve("manifest.json"), "{\"groupDivision\": [\"" + vi + "\", \"" + cc + "\"]}");
        MetricsLog log = new MetricsLog(run.resolve("metrics.csv"));
        log.append(Map.of("stage", "stage1", "epoch", 0, "cluster_seconds", 10.0));
        log.append(Map.of("stage", "stage1", "epoch", 1, "cluster_seconds", 20.0));
        log.append(Map.of("stage", "stage2", "epoch", 0));
        log.append(Map.of("stage", "stage3", "epoch", 0, "cluster_seconds", 30.0, "prepare_seconds", 4.0));
        log.append(Map.of("stage", "stage3", "epoch", 1, "cluster_seconds", 30.0, "prepare_seconds", 6.0));
        return run;
    }

    @Test
    void encoderWorkFollowsTheRecordedGroupSizesAndThePaperSchedule() throws Exception {
        RunConfig paper = RunConfig.load("paper", null, List.of()).config();
        // an input pipeline so fast that host time is clustering and matching alone
        PaperRunPrediction p = new PaperRunPrediction(40, 16, 1e15);
        List<PaperRunPrediction.Stage> stages = p.predict(rehearsal(), paper, VIT_B_16);
        assertEquals(List.of("stage1", "stage2", "stage3"), stages.stream().map(PaperRunPrediction.Stage::name).toList());

        EncoderFlops image = EncoderFlops.of(VIT_B_16.vision(), 512);
        long train = 2000;
        long test = 2000;
        int batch = 4 * 32; // two scenarios x two groups x P 4 x K 8
        int evaluations = 10; // every 5 epochs of 50
        double stage1 = 50 * (train * image.forward(1) + 200.0 * batch * image.training(2))
                + evaluations * test * image.forward(1);
        assertEquals(stage1 / 1e15, stages.get(0).petaflops(), 1e-9 * stage1 / 1e15);
        assertEquals(stage1 / 40e12, stages.get(0).gpuSeconds(), 1e-6);
        // Stage III has the same encoder work; its host work adds the matching
        assertEquals(stages.get(0).petaflops(), stages.get(2).petaflops(), 1e-12);
        assertEquals(50 * 15.0, stages.get(0).hostSeconds(), 1e-6);
        assertEquals(50 * 35.0, stages.get(2).hostSeconds(), 1e-6);
        // Stage II: one pass of the frozen image tower, then 12-token prompts through the frozen text tower
        double prompts = 50 * Math.ceil(train / 64.0) * 64
                * EncoderFlops.ofText(VIT_B_16.text(), PaperRunPrediction.PROMPT_TOKENS, 512).throughFrozenWeights();
        assertEquals((train * image.forward(1) + prompts) / 1e15, stages.get(1).petaflops(), 1e-12);
        assertTrue(stages.get(1).petaflops() < stages.get(0).petaflops() / 10);
    }

    @Test
    void aFasterGpuShortensOnlyTheEncoderPart() throws Exception {
        RunConfig paper = RunConfig.load("paper", null, List.of()).config();
        Path run = rehearsal();
        List<PaperRunPrediction.Stage> slow = new PaperRunPrediction(20, 16, 1500).predict(run, paper, VIT_B_16);
        List<PaperRunPrediction.Stage> fast = new PaperRunPrediction(40, 16, 1500).predict(run, paper, VIT_B_16);
        for (int i = 0; i < 3; i++) {
            assertEquals(slow.get(i).gpuSeconds() / 2, fast.get(i).gpuSeconds(), 1e-6);
            assertEquals(slow.get(i).hostSeconds(), fast.get(i).hostSeconds(), 1e-9);
        }
        String md = new PaperRunPrediction(40, 16, 1500).toMarkdown(fast, VIT_B_16, 192);
        assertTrue(md.contains("| all ") && md.contains("192 images"), md);
    }
}
