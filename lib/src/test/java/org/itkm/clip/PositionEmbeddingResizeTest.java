package org.itkm.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.itkm.io.FloatMatrix;
import org.junit.jupiter.api.Test;

/** Bilinear resize (align_corners=false) against torch.nn.functional.interpolate. */
class PositionEmbeddingResizeTest {
    @Test
    void matchesTorchInterpolateAndKeepsTheClassPosition() {
        FloatMatrix pos = Golden.npy("resize", "pos_3x3.npy");
        HostTensor in = new HostTensor(new long[] {pos.rows(), pos.cols()}, pos.data());
        for (int[] to : new int[][] {{5, 2}, {2, 4}, {6, 6}}) {
            HostTensor out = PositionEmbeddingResize.resize(in, 3, 3, to[0], to[1]);
            FloatMatrix expected = Golden.npy("resize", "pos_to_" + to[0] + "x" + to[1] + ".npy");
            assertArrayEquals(expected.data(), out.data(), 1e-5f, to[0] + "x" + to[1]);
            assertArrayEquals(java.util.Arrays.copyOf(pos.data(), 4), java.util.Arrays.copyOf(out.data(), 4));
        }
    }
}
