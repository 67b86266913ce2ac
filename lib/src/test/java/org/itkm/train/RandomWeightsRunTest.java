package org.itkm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.itkm.clip.checkpoint.ClipArchitecture;
import org.itkm.clip.checkpoint.RandomClipCheckpoint;
import org.itkm.config.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run from a make-clip checkpoint (the ViT-B/16 layout at toy sizes, OpenAI's archive) trains through
 * every stage, says once on stderr that its weights are random and records it in the manifest.
 */
class RandomWeightsRunTest {
    @TempDir
    Path dir;

    @Test
    void aRunFromRandomWeightsWarnsOnceAndRecordsIt() throws Exception {
        Path synth = TinyTrainingInputs.synth(dir.resolve("synth"));
        Path clip = RandomClipCheckpoint.write(ClipArchitecture.VIT_TINY, RandomClipCheckpoint.Format.OPENAI, 5,
                dir.resolve("clip"), false, new PrintStream(new ByteArrayOutputStream())).checkpoint();
        RunConfig.Loaded cfg = RunConfig.load("smoke", null, List.of("data.synthRoot=" + synth,
                "model.checkpoint=" + clip, "data.height=64", "data.width=32", "caps.epochsPerStage=1",
                "caps.stepsPerEpoch=1"));
        Path results = dir.resolve("results");
        TrainingRun run = TrainingRun.start(results, "itkm-random", cfg, List.of("test"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            RunCatalog.execute(run, results);
        } finally {
            System.setErr(saved);
        }
        String log = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, log.lines().filter(l -> l.startsWith("warning: random weights made by itkm make-clip: "
                + clip)).count(), log);
        String manifest = Files.readString(run.dir().resolve("manifest.json"));
        assertTrue(manifest.contains("\"clipRandomWeights\": \"itkm make-clip --arch vit-tiny --format openai"
                + " --seed 5"), manifest);
        assertTrue(manifest.contains("\"status\": \"finished\""));
    }
}
