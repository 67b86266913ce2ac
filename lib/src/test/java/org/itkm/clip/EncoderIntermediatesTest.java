package org.itkm.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.Random;
import org.itkm.runtime.EngineRuntime;
import org.junit.jupiter.api.Test;

/**
 * A transformer block keeps none of its intermediates in the caller's manager (DJL frees an array only
 * when its manager closes, so a pass over a ViT-B/16 batch used to hold every layer's intermediates:
 * 150 MiB per image at 256×128 even for feature extraction), and gradients still flow through it.
 */
class EncoderIntermediatesTest {
    private static ClipConfig.Vision vision(int layers) {
        return new ClipConfig.Vision(32, layers, 2, 64, 8, 32, 16, 32, 16, ClipConfig.Activation.QUICK_GELU, 1e-5f);
    }

    /** Arrays left in the pass's manager after encoding a batch with an encoder of {@code layers} layers. */
    private static int arraysLeftAfterPass(int layers, boolean training) {
        try (NDManager m = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            VisionTransformer v = new VisionTransformer(vision(layers), 16, 3);
            v.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 16));
            ParameterStore ps = new ParameterStore(m, false);
            try (NDManager pass = m.newSubManager()) {
                NDArray images = pass.randomNormal(new Shape(4, 3, 32, 16));
                if (training) {
                    for (Pair<String, Parameter> p : v.getParameters()) {
                        p.getValue().getArray().setRequiresGradient(true);
                    }
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        gc.backward(v.encode(ps, images, new int[] {0, 1, 0, 1}, new int[] {0, 1, 2, -1}, true).sum());
                    }
                } else {
                    v.encode(ps, images, new int[] {0, 1, 0, 1}, new int[] {0, 1, 2, -1}, false);
                }
                return pass.getManagedArrays().size();
            }
        }
    }

    @Test
    void deeperEncodersLeaveNoMoreArraysBehind() {
        for (boolean training : new boolean[] {false, true}) {
            int two = arraysLeftAfterPass(2, training);
            assertEquals(two, arraysLeftAfterPass(6, training), "training " + training + ": arrays left by 2 vs 6 layers");
            assertTrue(two < 40, "arrays left by the embeddings and the head: " + two);
        }
    }

    @Test
    void gradientsReachTheFirstLayerThroughTheBlocks() {
        try (NDManager m = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            VisionTransformer v = new VisionTransformer(vision(3), 16, 3);
            v.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 16));
            ParameterStore ps = new ParameterStore(m, false);
            for (Pair<String, Parameter> p : v.getParameters()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
            Random r = new Random(3);
            float[] px = new float[2 * 3 * 32 * 16];
            for (int i = 0; i < px.length; i++) {
                px[i] = (float) r.nextGaussian();
            }
            float[] features;
            try (NDManager pass = m.newSubManager();
                    GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray f = v.encode(ps, pass.create(px, new Shape(2, 3, 32, 16)), null, null, true);
                features = f.toFloatArray();
                gc.backward(f.square().sum());
            }
            NDArray g = v.getParameters().get(0).getValue().getArray().getGradient();
            assertTrue(g.abs().sum().getFloat() > 0, "the patch embedding's gradient is not zero");
            // and the same pass without a graph gives the same features
            try (NDManager pass = m.newSubManager()) {
                assertArrayEquals(features, v.encode(ps, pass.create(px, new Shape(2, 3, 32, 16)), null, null, false)
                        .toFloatArray(), 1e-6f);
            }
        }
    }
}
