package org.itkm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.itkm.config.RunConfig;
import org.itkm.eval.dataset.PseudoLabelFScore;
import org.itkm.loss.MemoryContrastLoss;
import org.itkm.loss.Positives;
import org.itkm.loss.ScenarioSeparationLoss;
import org.itkm.match.ClusterMatching;
import org.itkm.match.TextRepresentationUpdate;
import org.itkm.runtime.Scalars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run with hooks calls every replaced piece in its place (the labs' experiments rely on it). */
class AlgorithmHooksTest {
    @TempDir
    Path dir;

    @Test
    void everyHookIsCalledAndItsResultUsed() throws Exception {
        Path synth = TinyTrainingInputs.synth(dir.resolve("synth"));
        Path clip = TinyTrainingInputs.randomClip(dir.resolve("clip"), List.of("a photo of a person .", "a red coat"));
        RunConfig.Loaded cfg = RunConfig.load("smoke", null, List.of("data.synthRoot=" + synth, "training.mode=M"));
        AtomicInteger homogeneous = new AtomicInteger();
        AtomicInteger separation = new AtomicInteger();
        AtomicInteger dru = new AtomicInteger();
        AtomicInteger chm = new AtomicInteger();
        AtomicInteger ihm = new AtomicInteger();
        AlgorithmHooks hooks = AlgorithmHooks.KIT
                .withHomogeneous((f, m, y, t) -> {
                    homogeneous.incrementAndGet();
                    return new MemoryContrastLoss(t).compute(f, m, Positives.oneHot(f.getManager(), y,
                            (int) m.getShape().get(0)));
                })
                .withSeparation((text, s, margin) -> { // a deliberately different loss: +1 on top of the kit's
                    separation.incrementAndGet();
                    return Scalars.add(new ScenarioSeparationLoss(margin).compute(text, s), 1f);
                })
                .withTextUpdate((u, y, c, rho, eta) -> {
                    dru.incrementAndGet();
                    return TextRepresentationUpdate.update(u, y, c, rho, eta);
                })
                .withClusterMatching((ia, ib, ta, tb, p, rng) -> {
                    chm.incrementAndGet();
                    return ClusterMatching.match(ia, ib, ta, tb, p, rng);
                })
                .withInstanceMatching((ia, ib, ta, tb, k) -> {
                    ihm.incrementAndGet();
                    return new int[ia.rows()][0];
                });
        TrainingRun run = TrainingRun.startIn(dir.resolve("lab-run"), cfg, List.of("test"));
        run.useHooks(hooks, "counting hooks");
        TrainingPipeline.run(run, TrainingData.load(cfg.config(), null), clip, new PseudoLabelFScore());
        assertTrue(homogeneous.get() > 0 && separation.get() > 0 && dru.get() > 0 && chm.get() > 0 && ihm.get() > 0,
                "calls: homogeneous " + homogeneous + ", separation " + separation + ", DRU " + dru + ", CHM " + chm
                        + ", IHM " + ihm);
        List<Map<String, String>> rows = run.metrics().rows();
        assertTrue(rows.stream().filter(r -> "stage2".equals(r.get("stage")))
                .allMatch(r -> Double.parseDouble(r.get("separation")) >= 1), "Stage II logged the hook's separation");
        assertTrue(rows.stream().filter(r -> "stage3".equals(r.get("stage")))
                .allMatch(r -> Double.parseDouble(r.get("VI_instance_positives")) == 0), "Stage III used the IHM hook");
        assertTrue(Files.readString(run.dir().resolve("manifest.json")).contains("counting hooks"));
        assertEquals(dir.resolve("lab-run"), run.dir());
        assertTrue(new AlgorithmHooks(null, null, null, null, null).isKit() && !hooks.isKit());
    }
}
