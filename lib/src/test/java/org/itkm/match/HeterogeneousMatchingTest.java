package org.itkm.match;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.itkm.cluster.NearestNeighbors;
import org.itkm.io.FloatMatrix;
import org.junit.jupiter.api.Test;

/** CHM, IHM and DRU on hand-built cases. */
class HeterogeneousMatchingTest {
    private static final float S = (float) Math.sqrt(0.5);
    // image space: A_i is closest to B_i
    private static final FloatMatrix IMAGE_A = new FloatMatrix(3, 2, new float[] {1, 0, 0, 1, S, S});
    private static final FloatMatrix IMAGE_B = new FloatMatrix(3, 2, new float[] {0.9f, 0.1f, 0.1f, 0.9f, 1, 1});
    // text space: A0-B0 agree; A1-B2 and A2-B1 disagree with the image matching
    private static final FloatMatrix TEXT_A = new FloatMatrix(3, 3, new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    private static final FloatMatrix TEXT_B = new FloatMatrix(3, 3, new float[] {1, 0, 0, 0, 0, 1, 0, 1, 0});

    @Test
    void chmKeepsAgreedPairsAlwaysAndOthersWithProbabilityP() {
        ClusterMatching.Result none = ClusterMatching.match(IMAGE_A, IMAGE_B, TEXT_A, TEXT_B, 0, new Random(1));
        assertEquals(List.of(new ClusterMatching.Pair(0, 0, true)), none.kept());
        assertEquals(3, none.imagePairs());
        assertEquals(1, none.agreedPairs());
        assertArrayEquals(new int[] {0, -1, -1}, none.bOfA());
        ClusterMatching.Result all = ClusterMatching.match(IMAGE_A, IMAGE_B, TEXT_A, TEXT_B, 1, new Random(1));
        assertEquals(List.of(new ClusterMatching.Pair(0, 0, true), new ClusterMatching.Pair(1, 1, false),
                new ClusterMatching.Pair(2, 2, false)), all.kept());
        assertArrayEquals(new int[] {0, 1, 2}, all.aOfB());
        Random rng = new Random(7);
        int keptOthers = 0;
        int trials = 4000;
        for (int t = 0; t < trials; t++) {
            ClusterMatching.Result r = ClusterMatching.match(IMAGE_A, IMAGE_B, TEXT_A, TEXT_B, 0.5, rng);
            assertTrue(r.kept().contains(new ClusterMatching.Pair(0, 0, true)));
            keptOthers += r.kept().size() - 1;
        }
        assertEquals(0.5, keptOthers / (2.0 * trials), 0.03);
    }

    @Test
    void chmHandlesRectangularAndEmptyGroups() {
        FloatMatrix twoB = IMAGE_B.selectRows(new int[] {0, 1});
        FloatMatrix twoBText = TEXT_B.selectRows(new int[] {0, 2});
        ClusterMatching.Result r = ClusterMatching.match(IMAGE_A, twoB, TEXT_A, twoBText, 0, new Random(1));
        // image: A0-B0, A1-B1 (A2 left over); text: A0-B0, A1-B1 (B1 is e2 now)
        assertEquals(List.of(new ClusterMatching.Pair(0, 0, true), new ClusterMatching.Pair(1, 1, true)), r.kept());
        assertArrayEquals(new int[] {0, 1, -1}, r.bOfA());
        FloatMatrix empty = new FloatMatrix(0, 2, new float[0]);
        ClusterMatching.Result e = ClusterMatching.match(IMAGE_A, empty, TEXT_A, new FloatMatrix(0, 3, new float[0]),
                1, new Random(1));
        assertEquals(0, e.kept().size());
        assertArrayEquals(new int[] {-1, -1, -1}, e.bOfA());
    }

    @Test
    void ihmIsTheIntersectionOfImageAndTextNeighbours() {
        FloatMatrix ia = new FloatMatrix(1, 2, new float[] {1, 0});
        // image similarity to A0: B0 > B1 > B2 > B3 > B4
        FloatMatrix ib = new FloatMatrix(5, 2, new float[] {1, 0, 1, 0.2f, 1, 0.4f, 1, 0.6f, 1, 0.8f});
        FloatMatrix ta = new FloatMatrix(1, 2, new float[] {0, 1});
        // text similarity to A0: B3 > B1 > B0 > B4 > B2
        FloatMatrix tb = new FloatMatrix(5, 2, new float[] {0.4f, 1, 0.2f, 1, 2, 1, 0, 1, 1, 1});
        NearestNeighbors nn = new NearestNeighbors();
        InstanceMatching.Result r = InstanceMatching.match(ia, ib, ta, tb, 3, nn);
        assertArrayEquals(new int[] {0, 1}, r.aToB()[0]);
        for (int b = 0; b < 5; b++) {
            assertArrayEquals(new int[] {0}, r.bToA()[b]); // k capped at group size 1
        }
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, InstanceMatching.match(ia, ib, ta, tb, 30, nn).aToB()[0]);
        assertArrayEquals(new int[] {}, InstanceMatching.match(ia, ib, ta, tb, 0, nn).aToB()[0]);
        // empty group B: empty sets, no exception
        InstanceMatching.Result e = InstanceMatching.match(ia, new FloatMatrix(0, 2, new float[0]), ta,
                new FloatMatrix(0, 2, new float[0]), 3, nn);
        assertArrayEquals(new int[] {}, e.aToB()[0]);
        assertEquals(0, e.bToA().length);
    }

    @Test
    void druFollowsEquations9To11() {
        FloatMatrix u = new FloatMatrix(6, 2, new float[] {1, 0, 1, 0, 0, 1, 0.8f, 0.6f, 5, 5, 0, 0});
        int[] labels = {0, 0, 0, 0, -1, 0};
        TextRepresentationUpdate.Result r = TextRepresentationUpdate.update(u, labels, 1, 0.5, 0.2);
        // Eq. 9: mean of the 4 members with a representation = (0.7, 0.4); Eq. 10: closest half = rows 3, 0
        assertArrayEquals(new float[] {0.9f, 0.3f}, r.clusterText().data(), 1e-6f);
        assertArrayEquals(new float[] {
            0.98f, 0.06f, 0.98f, 0.06f, 0.18f, 0.86f, 0.82f, 0.54f, // Eq. 11 with eta = 0.2
            5, 5, // noise unchanged
            0.9f, 0.3f}, // no representation yet: takes T_k
                r.instanceText().data(), 1e-6f);
        // rho = 1: Eq. 10 is Eq. 9; eta = 1: instances become T_k; eta = 0: unchanged
        assertArrayEquals(new float[] {0.7f, 0.4f}, TextRepresentationUpdate.update(u, labels, 1, 1, 0)
                .clusterText().data(), 1e-6f);
        assertArrayEquals(java.util.Arrays.copyOf(u.data(), 10), java.util.Arrays.copyOf(TextRepresentationUpdate.update(u, labels, 1, 1, 0)
                .instanceText().data(), 10), 1e-6f);
        assertArrayEquals(new float[] {0.7f, 0.4f}, java.util.Arrays.copyOf(TextRepresentationUpdate.update(u,
                labels, 1, 1, 1).instanceText().data(), 2), 1e-6f);
        // all noise and an empty cluster: nothing moves
        TextRepresentationUpdate.Result noise = TextRepresentationUpdate.update(u, new int[] {-1, -1, -1, -1, -1, -1},
                2, 0.5, 0.2);
        assertArrayEquals(u.data(), noise.instanceText().data(), 0f);
        assertArrayEquals(new float[4], noise.clusterText().data(), 0f);
        assertArrayEquals(new float[] {0, 1, 5, 5},
                TextRepresentationUpdate.fromOffline(new FloatMatrix(2, 2, new float[] {0, 1, 5, 5}),
                        new int[] {0, 1}).data(), 0f);
    }
}
