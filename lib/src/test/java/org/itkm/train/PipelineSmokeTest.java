package org.itkm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.itkm.config.RunConfig;
import org.itkm.eval.PseudoLabelFScore;
import org.itkm.model.ClipModel;
import org.itkm.model.HuggingFaceClipDirectory;
import org.itkm.model.PocketClip;
import org.itkm.model.WordLevelTokenizer;
import org.itkm.runtime.EngineRuntime;
import org.itkm.synth.SynthPreset;
import org.itkm.synth.SynthUmsGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every stage end to end on SynthUMS tiny with a random pocket CLIP (smoke profile). */
class PipelineSmokeTest {
    @TempDir
    Path dir;

    @Test
    void itkmStagesRunEndToEnd() throws Exception {
        Path synth = dir.resolve("synth");
        new SynthUmsGenerator(SynthPreset.fromId("tiny"), 1).generate(synth, true, false);
        Path clip = dir.resolve("clip");
        List<String> words = List.of("a photo of a person .", "a red coat");
        try (NDManager m = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            ClipModel model = ClipModel.create(PocketClip.config(WordLevelTokenizer.vocabulary(words).size()), m);
            HuggingFaceClipDirectory.save(clip, model, WordLevelTokenizer.buildJson(words), false);
        }
        RunConfig.Loaded cfg = RunConfig.load("smoke", null, List.of("data.synthRoot=" + synth));
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
        assertTrue(Files.readString(run.dir().resolve("manifest.json")).contains("\"status\": \"finished\""));
    }
}
