package org.itkm.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.itkm.runtime.EngineRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stage II's contrast restricted to homogeneous groups (the golden values of the unmasked loss: LossGoldenTest). */
class ImageTextSupConLossTest {
    private static final int DIM = 5;

    @BeforeAll
    static void engine() {
        EngineRuntime.engine();
    }

    @Test
    void groupMaskGivesTheCountWeightedMeanOfPerGroupLosses() {
        int[] labels = {0, 0, 1, 2, 2, 3, 4, 4, 5};
        int[] groups = {0, 0, 0, 0, 0, 1, 1, 1, 1};
        float[] image = values(labels.length, 1);
        float[] text = values(labels.length, 2);
        ImageTextSupConLoss loss = new ImageTextSupConLoss(0.1, true);
        try (NDManager m = NDManager.newBaseManager()) {
            float masked = loss.compute(rows(m, image, labels.length), rows(m, text, labels.length),
                    Positives.sameLabel(m, labels, labels), Positives.sameLabel(m, groups, groups)).getFloat();
            float whole = loss.compute(rows(m, image, labels.length), rows(m, text, labels.length),
                    Positives.sameLabel(m, labels, labels)).getFloat();
            double expected = 0;
            for (int g = 0; g < 2; g++) {
                int[] idx = indicesOf(groups, g);
                int[] sub = new int[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    sub[i] = labels[idx[i]];
                }
                float l = loss.compute(rows(m, pick(image, idx), idx.length), rows(m, pick(text, idx), idx.length),
                        Positives.sameLabel(m, sub, sub)).getFloat();
                expected += l * idx.length / (double) labels.length;
            }
            assertEquals(expected, masked, 1e-5);
            assertNotEquals(whole, masked, 1e-3f, "the mask must drop the other group's negatives");
        }
    }

    @Test
    void anAllOnesMaskIsTheUnmaskedLoss() {
        int[] labels = {0, 1, 1, 2};
        float[] image = values(labels.length, 3);
        float[] text = values(labels.length, 4);
        ImageTextSupConLoss loss = new ImageTextSupConLoss(0.5, true);
        try (NDManager m = NDManager.newBaseManager()) {
            int[] one = {0, 0, 0, 0};
            assertEquals(loss.compute(rows(m, image, 4), rows(m, text, 4), Positives.sameLabel(m, labels, labels))
                    .getFloat(), loss.compute(rows(m, image, 4), rows(m, text, 4), Positives.sameLabel(m, labels, labels),
                    Positives.sameLabel(m, one, one)).getFloat(), 1e-6);
        }
    }

    private static float[] values(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n * DIM];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static NDArray rows(NDManager m, float[] v, int n) {
        return m.create(v, new Shape(n, DIM));
    }

    private static float[] pick(float[] v, int[] idx) {
        float[] out = new float[idx.length * DIM];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(v, idx[i] * DIM, out, i * DIM, DIM);
        }
        return out;
    }

    private static int[] indicesOf(int[] groups, int g) {
        return java.util.stream.IntStream.range(0, groups.length).filter(i -> groups[i] == g).toArray();
    }
}
