package org.itkm.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.itkm.config.RunConfig;
import org.itkm.data.GroundTruth;
import org.itkm.data.ImageBatchLoader;
import org.itkm.data.ImageTransform;
import org.itkm.data.InputSize;
import org.itkm.data.Sample;
import org.itkm.loss.MemoryContrastLoss;
import org.itkm.loss.Positives;
import org.itkm.model.ClipCheckpoint;
import org.itkm.model.ClipModel;
import org.itkm.runtime.EngineRuntime;
import org.itkm.runtime.OwnedArrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class OverfitProbeTest {
    @Test
    void probe() throws Exception {
        String clipDir = System.getProperty("probe.clip");
        Assumptions.assumeTrue(clipDir != null);
        RunConfig c = RunConfig.load("quick", null, List.of("data.synthRoot=/work/main/data/synthums-quick",
                "training.mode=S", "training.scenario=" + System.getProperty("probe.scenario", "CR"))).config();
        List<Sample> train = TrainingData.load(c, null).trainSamples();
        int[] pids = GroundTruth.pids(train);
        // 4 identities x 8 images
        java.util.Map<Integer, java.util.List<Integer>> byPid = new java.util.TreeMap<>();
        for (int i = 0; i < pids.length; i++) byPid.computeIfAbsent(pids[i], k -> new java.util.ArrayList<>()).add(i);
        int P = Integer.getInteger("probe.p", 4);
        int[] batch = new int[P * 8];
        int[] labels = new int[P * 8];
        int k = 0, p = 0;
        for (var e : byPid.entrySet()) {
            if (p == P) break;
            for (int j = 0; j < 8; j++) { batch[k] = e.getValue().get(j % e.getValue().size()); labels[k++] = p; }
            p++;
        }
        boolean augment = Boolean.parseBoolean(System.getProperty("probe.augment", "true"));
        double lr = Double.parseDouble(System.getProperty("probe.lr", "3.5e-4"));
        try (ClipCheckpoint ck = ClipCheckpoint.open(Path.of(clipDir));
                NDManager m = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            ClipModel model = ClipModel.create(ck.config(), m);
            model.load(ck.tensors());
            int dim = model.config().projectionDim();
            int C = 100;
            Random r = new Random(7);
            float[] memory = new float[C * dim];
            for (int i = 0; i < memory.length; i++) memory[i] = (float) r.nextGaussian();
            MemoryContrastLoss contrast = new MemoryContrastLoss(0.05);
            var v = model.config().vision();
            try (AdamOptimizer adam = new AdamOptimizer(m, 5e-4);
                    ImageBatchLoader loader = new ImageBatchLoader(train, augment
                            ? ImageTransform.training(new InputSize(v.inputHeight(), v.inputWidth()), 0.5)
                            : ImageTransform.test(new InputSize(v.inputHeight(), v.inputWidth())))) {
                ContrastiveStep stepper = new ContrastiveStep(model, m, 0);
                ContrastiveStep.Loss loss = (f, step) -> {
                    NDArray mem = OwnedArrays.floats(step, memory, new Shape(C, dim));
                    NDArray unit = mem.div(mem.norm(new int[] {1}, true));
                    return contrast.compute(f, unit, Positives.oneHot(step, labels, C));
                };
                for (int s = 0; s < Integer.getInteger("probe.steps", 200); s++) {
                    ContrastiveStep.Result res = stepper.run(loader, train, batch, false, true, 11 + s, loss, adam, lr,
                            "probe", 0, s);
                    if (s % 20 == 0) System.out.printf("step %d loss %.4f grad %.4g%n", s, res.loss(), res.gradientNorm());
                }
            }
        }
    }
}
