package org.itkm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.itkm.config.RunConfig;
import org.itkm.data.ImageBatchLoader;
import org.itkm.data.ImageTransform;
import org.itkm.data.InputSize;
import org.itkm.data.Sample;
import org.itkm.loss.ImageTextSupConLoss;
import org.itkm.loss.MemoryContrastLoss;
import org.itkm.loss.Positives;
import org.itkm.model.ClipCheckpoint;
import org.itkm.model.ClipModel;
import org.itkm.runtime.EngineRuntime;
import org.itkm.runtime.OwnedArrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gradient accumulation over micro-batches ({@code training.microBatch}) gives the update of the whole
 * batch, for a loss that couples every image of the batch (a SupCon over the batch's own features plus
 * a memory contrast), with micro-batches that do not divide the batch and that split the groups.
 */
class MicroBatchEquivalenceTest {
    @TempDir
    static Path dir;
    static Path clip;
    static List<Sample> train;

    @BeforeAll
    static void data() throws Exception {
        TinyTrainingInputs.synth(dir.resolve("synth"));
        clip = TinyTrainingInputs.randomClip(dir.resolve("clip"), List.of("a photo of a person ."));
        RunConfig c = RunConfig.load("smoke", null, List.of("data.synthRoot=" + dir.resolve("synth"))).config();
        train = TrainingData.load(c, null).trainSamples();
    }

    /** After one step with the given micro-batch: weights, gradients (before the update), loss, features. */
    private record After(Map<String, float[]> weights, Map<String, float[]> gradients, float loss, float[] features) {}

    private static After oneStep(int microBatch, int[] batch) throws Exception {
        try (ClipCheckpoint ck = ClipCheckpoint.open(clip);
                NDManager m = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            ClipModel model = ClipModel.create(ck.config(), m);
            model.load(ck.tensors());
            var v = model.config().vision();
            int dim = model.config().projectionDim();
            Random r = new Random(7);
            float[] memory = new float[5 * dim];
            for (int i = 0; i < memory.length; i++) {
                memory[i] = (float) r.nextGaussian();
            }
            int[] labels = new int[batch.length];
            for (int i = 0; i < batch.length; i++) {
                labels[i] = i % 5;
            }
            ImageTextSupConLoss supCon = new ImageTextSupConLoss(1.0, true);
            MemoryContrastLoss contrast = new MemoryContrastLoss(0.05);
            ContrastiveStep.Loss loss = (f, step) -> {
                NDArray mem = OwnedArrays.floats(step, memory, new Shape(5, dim));
                // the same features on both sides (a copy: the loss scopes its two inputs separately)
                NDArray coupled = supCon.compute(f, f.duplicate(), Positives.sameLabel(step, labels, labels));
                return coupled.add(contrast.compute(f, mem, Positives.oneHot(step, labels, 5)));
            };
            try (AdamOptimizer adam = new AdamOptimizer(m, 5e-4);
                    ImageBatchLoader loader = new ImageBatchLoader(train,
                            ImageTransform.training(new InputSize(v.inputHeight(), v.inputWidth()), 0.5))) {
                ContrastiveStep stepper = new ContrastiveStep(model, m, microBatch);
                ContrastiveStep.Result res = stepper.backward(loader.batch(m, batch, 11), train, batch, true, false,
                        loss, "test", 0, 0);
                Map<String, float[]> g = new LinkedHashMap<>();
                stepper.parameters().forEach((k, a) -> {
                    try (NDArray grad = a.getGradient()) {
                        g.put(k, grad.toFloatArray());
                    }
                });
                adam.step(stepper.parameters(), 1e-3);
                Map<String, float[]> w = new LinkedHashMap<>();
                stepper.parameters().forEach((k, a) -> w.put(k, a.toFloatArray()));
                return new After(w, g, res.loss(), res.features());
            }
        }
    }

    private static int[] mixedBatch(int n) {
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            b[i] = (i * 7) % train.size(); // rows of several scenarios and both groups
        }
        return b;
    }

    @Test
    void microBatchesGiveTheWholeBatchUpdate() throws Exception {
        int[] batch = mixedBatch(11);
        long groups = java.util.Arrays.stream(batch).map(i -> train.get(i).group().index()).distinct().count();
        assertEquals(2, groups, "the batch must mix both branches");
        After whole = oneStep(0, batch);
        for (int micro : new int[] {1, 4}) {
            After split = oneStep(micro, batch);
            assertEquals(whole.loss(), split.loss(), 1e-5f * Math.abs(whole.loss()), "loss, micro-batch " + micro);
            assertClose(whole.features(), split.features(), 1e-5f, "features, micro-batch " + micro);
            double scale = largestMagnitude(whole.gradients());
            for (String name : whole.gradients().keySet()) {
                assertWithin(whole.gradients().get(name), split.gradients().get(name), (float) (1e-5 * scale),
                        "gradient of " + name + ", micro-batch " + micro);
            }
            // Adam moves a weight by up to lr (1e-3) whatever its gradient's size, so a gradient that is zero
            // but for rounding (the key bias: softmax ignores it; it differs from run to run even without
            // micro-batches) moves its weight by rounding noise / eps: every weight whose gradient is not
            // rounding noise must agree within 1 % of that largest move
            int compared = 0;
            for (String name : whole.weights().keySet()) {
                float[] g = whole.gradients().get(name);
                float[] a = whole.weights().get(name);
                float[] b = split.weights().get(name);
                for (int i = 0; i < a.length; i++) {
                    if (Math.abs(g[i]) > 1e-4 * scale) {
                        compared++;
                        assertTrue(Math.abs(a[i] - b[i]) <= 1e-5f, name + "[" + i + "] after the step, micro-batch "
                                + micro + ": expected " + a[i] + ", got " + b[i]);
                    }
                }
            }
            assertTrue(compared > 1000, "weights compared: " + compared);
        }
    }

    private static double largestMagnitude(Map<String, float[]> arrays) {
        double m = 0;
        for (float[] a : arrays.values()) {
            for (float x : a) {
                m = Math.max(m, Math.abs(x));
            }
        }
        return m;
    }

    @Test
    void theUpdateIsNotTheMeanOfSeparateMicroBatchSteps() throws Exception {
        // the property above is not vacuous: a step on half the batch moves the weights elsewhere
        int[] batch = mixedBatch(11);
        After whole = oneStep(0, batch);
        After half = oneStep(0, java.util.Arrays.copyOf(batch, 6));
        double largest = 0;
        for (String name : whole.weights().keySet()) {
            float[] a = whole.weights().get(name);
            float[] b = half.weights().get(name);
            for (int i = 0; i < a.length; i++) {
                largest = Math.max(largest, Math.abs(a[i] - b[i]));
            }
        }
        assertTrue(largest > 1e-4, "a different batch changes the update (largest difference " + largest + ")");
    }

    @Test
    void aNegativeMicroBatchIsRefused() {
        try (NDManager m = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> new ContrastiveStep(null, m, -1));
            assertTrue(e.getMessage().contains("microBatch"), e.getMessage());
        }
    }

    private static void assertWithin(float[] expected, float[] actual, float tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= tolerance, what + "[" + i + "]: expected " + expected[i]
                    + ", got " + actual[i]);
        }
    }

    private static void assertClose(float[] expected, float[] actual, float tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            float scale = Math.max(1f, Math.abs(expected[i]));
            assertTrue(Math.abs(expected[i] - actual[i]) <= tolerance * scale, what + "[" + i + "]: expected "
                    + expected[i] + ", got " + actual[i]);
        }
    }
}
