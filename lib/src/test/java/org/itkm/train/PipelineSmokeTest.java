package org.itkm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.itkm.config.RunConfig;
import org.itkm.eval.dataset.PseudoLabelFScore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every stage end to end on SynthUMS tiny with a random pocket CLIP (smoke profile). */
class PipelineSmokeTest {
    @TempDir
    Path dir;

    @Test
    void itkmStagesRunEndToEnd() throws Exception {
        Path synth = TinyTrainingInputs.synth(dir.resolve("synth"));
        Path clip = TinyTrainingInputs.randomClip(dir.resolve("clip"), List.of("a photo of a person .", "a red coat"));
        // enough steps per epoch, and Stage II epochs, for the loss trend to show
        RunConfig.Loaded cfg = RunConfig.load("smoke", null, List.of("data.synthRoot=" + synth,
                "sampler.iterationsPerEpoch=8", "stage2.epochs=4"));
        TrainingRun run = TrainingRun.start(dir.resolve("results"), "itkm-smoke", cfg, List.of("test"));
        long t0 = System.nanoTime();
        TrainingPipeline.Outcome out = TrainingPipeline.run(run, TrainingData.load(cfg.config(), null), clip,
                new PseudoLabelFScore());
        System.out.println("pipeline smoke: " + (System.nanoTime() - t0) / 1e9 + " s");
        run.metrics().rows().forEach(System.out::println);
        out.metrics().forEach((k, v) -> System.out.println(k + " " + v));
        assertEquals(3, out.metrics().size());
        List<Map<String, String>> rows = run.metrics().rows();
        assertTrue(rows.stream().anyMatch(r -> "stage3".equals(r.get("stage"))));
        // the scorer judges Stage III's instance-level positives every epoch (a share, so within [0, 1])
        for (Map<String, String> r : rows.stream().filter(r -> "stage3".equals(r.get("stage"))).toList()) {
            double p = Double.parseDouble(r.get("VI_instance_precision"));
            double rec = Double.parseDouble(r.get("VI_instance_recall"));
            assertTrue(p >= 0 && p <= 1 && rec >= 0 && rec <= 1, "instance precision " + p + ", recall " + rec);
        }
        // within an epoch the steps lower the memory-contrast loss (summed over the encoder epochs: a
        // single epoch of 8 augmented steps is noisy); across epochs Stage II's loss falls
        double start = 0;
        double end = 0;
        for (Map<String, String> r : rows) {
            if (!"stage2".equals(r.get("stage")) && Integer.parseInt(r.get("steps")) > 0) {
                start += Double.parseDouble(r.get("loss_start"));
                end += Double.parseDouble(r.get("loss_end"));
            }
        }
        assertTrue(end < start, "encoder steps should lower the loss: first quarters " + start + ", last " + end);
        List<Double> text = rows.stream().filter(r -> "stage2".equals(r.get("stage")))
                .map(r -> Double.parseDouble(r.get("loss"))).toList();
        assertTrue(text.get(text.size() - 1) < text.get(0), "Stage II loss should fall: " + text);
        // evaluation during training (eval.everyEpochs = 1 in smoke): every encoder epoch has rank-1 figures
        assertTrue(rows.stream().filter(r -> "stage1".equals(r.get("stage")))
                .allMatch(r -> !r.getOrDefault("eval_sysu_all_r1", "").isEmpty()), "no evaluation columns");
        String manifest = Files.readString(run.dir().resolve("manifest.json"));
        assertTrue(manifest.contains("\"status\": \"finished\""));
        for (var d : TrainingData.load(cfg.config(), null).datasets()) { // every data set's fingerprint recorded
            assertTrue(manifest.contains("\"" + org.itkm.data.DatasetFingerprint.of(d) + "\""), d.layout());
        }
    }
}
