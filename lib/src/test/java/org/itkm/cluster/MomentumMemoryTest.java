package org.itkm.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.itkm.io.FloatMatrix;
import org.junit.jupiter.api.Test;

class MomentumMemoryTest {
    private static final FloatMatrix FEATURES = new FloatMatrix(5, 2, new float[] {
        2, 0, // cluster 0
        0, 3, // cluster 1
        1, 1, // cluster 0
        5, 5, // noise
        0, 1}); // cluster 1
    private static final int[] LABELS = {0, 1, 0, -1, 1};

    @Test
    void clusterMemoryIsTheNormalisedMeanOfNormalisedMembers() {
        try (MomentumMemory m = MomentumMemory.ofClusters(FEATURES, LABELS, 2, Device.cpu(), 0.1f, 0.05f)) {
            // cluster 0: mean of (1,0) and (0.7071,0.7071) = (0.8536, 0.3536) -> normalised
            double a = 1 + Math.sqrt(0.5);
            double b = Math.sqrt(0.5);
            double n = Math.hypot(a, b);
            assertArrayEquals(new float[] {(float) (a / n), (float) (b / n)}, m.row(0), 1e-6f);
            assertArrayEquals(new float[] {0, 1}, m.row(1), 1e-6f);
            assertEquals(2, m.rows());
        }
    }

    @Test
    void updateFollowsBatchOrderWithMomentumAndRenormalises() {
        try (MomentumMemory m = MomentumMemory.ofInstances(new FloatMatrix(2, 2, new float[] {1, 0, 0, 1}),
                Device.cpu(), 0.1f, 0.05f)) {
            // row 0 gets (0,1) then (0,-2): sequential, not averaged
            m.update(new float[] {0, 1, 0, -2, 7, 7}, new int[] {0, 0, -1});
            double x = 0.1;
            double y = 0.9;
            double n = Math.hypot(x, y);
            x /= n;
            y /= n;
            x = 0.1 * x;
            y = 0.1 * y - 0.9;
            n = Math.hypot(x, y);
            assertArrayEquals(new float[] {(float) (x / n), (float) (y / n)}, m.row(0), 1e-6f);
            assertArrayEquals(new float[] {0, 1}, m.row(1), 0f); // untouched: -1 is skipped
            assertThrows(IllegalArgumentException.class, () -> m.update(new float[] {1, 0}, new int[] {2}));
        }
    }

    @Test
    void logitsAreSimilaritiesOverTemperatureInTheCallersManager() {
        try (MomentumMemory m = MomentumMemory.ofInstances(new FloatMatrix(2, 2, new float[] {1, 0, 0, 1}),
                Device.cpu(), 0.1f, 0.05f);
                NDManager step = NDManager.newBaseManager(Device.cpu())) {
            NDArray f = step.create(new float[] {0.6f, 0.8f}, new Shape(1, 2));
            NDArray logits = m.logits(f);
            assertArrayEquals(new float[] {12, 16}, logits.toFloatArray(), 1e-5f);
            assertEquals(step, logits.getManager());
            m.update(f, new int[] {1});
            // the device copy follows the update
            float[] r1 = m.row(1);
            assertEquals((0.6f * r1[0] + 0.8f * r1[1]) / 0.05f, m.logits(f).toFloatArray()[1], 1e-4f);
            assertEquals(0.6f, r1[0], 0.2f); // moved most of the way towards f (mu = 0.1)
        }
    }
}
