package org.itkm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.itkm.config.RunConfig;
import org.itkm.data.ColourHistogramRepresentation;
import org.itkm.data.DatasetLocator;
import org.itkm.data.GroupDivision;
import org.itkm.data.ReadOptions;
import org.itkm.data.ReidDataset;
import org.itkm.data.Sample;
import org.itkm.model.ClipModel;
import org.itkm.model.PocketClip;
import org.itkm.runtime.EngineRuntime;
import org.itkm.synth.SynthPreset;
import org.itkm.synth.SynthUmsGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageOneSmokeTest {
    @TempDir
    Path dir;

    @Test
    void stageOneRunsAndResumes() throws Exception {
        new SynthUmsGenerator(SynthPreset.fromId("tiny"), 1).generate(dir.resolve("synth"), true, false);
        List<Sample> train = new ArrayList<>();
        for (ReidDataset d : DatasetLocator.readAll(dir.resolve("synth"), ReadOptions.namesOnly())) {
            train.addAll(GroupDivision.divide(d, new ColourHistogramRepresentation(), 0).train());
        }
        RunConfig.Loaded cfg = RunConfig.load("smoke", null, List.of("stage1.epochs=2"));
        TrainingRun run = TrainingRun.start(dir.resolve("results"), "stage1-smoke", cfg, List.of("test"));
        try (NDManager m = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            ClipModel model = ClipModel.create(PocketClip.config(100), m);
            long t0 = System.nanoTime();
            int[] labels = HomogeneousTraining.train(run, model, m, train,
                    new HomogeneousTraining.Options("stage1", cfg.config().stage1(), false, true),
                    org.itkm.cluster.PseudoLabelDiagnostics.NONE);
            System.out.println("stage1 smoke: " + (System.nanoTime() - t0) / 1e9 + " s, " + train.size() + " images");
            assertEquals(train.size(), labels.length);
            List<Map<String, String>> rows = run.metrics().rows();
            rows.forEach(System.out::println);
            assertEquals(2, rows.size());
            assertTrue(run.checkpoints().latestOf("stage1").isPresent());
        }
    }
}
