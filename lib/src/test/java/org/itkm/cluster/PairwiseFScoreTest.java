package org.itkm.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PairwiseFScoreTest {
    @Test
    void handComputed() {
        // predicted pairs (0,1),(2,3); true pairs (0,1),(0,2),(1,2),(3,4); correct (0,1)
        PairwiseFScore f = PairwiseFScore.of(new int[] {0, 0, 1, 1, -1}, new int[] {5, 5, 5, 6, 6});
        assertEquals(2, f.predictedPairs());
        assertEquals(4, f.truePairs());
        assertEquals(1, f.correctPairs());
        assertEquals(0.5, f.precision(), 1e-12);
        assertEquals(0.25, f.recall(), 1e-12);
        assertEquals(1.0 / 3, f.fScore(), 1e-12);
    }

    @Test
    void perfectAndDegenerateLabels() {
        assertEquals(1.0, PairwiseFScore.of(new int[] {3, 3, 0, 0, 0}, new int[] {1, 1, 7, 7, 7}).fScore(), 1e-12);
        PairwiseFScore noise = PairwiseFScore.of(new int[] {-1, -1, -1}, new int[] {1, 1, 1});
        assertEquals(0, noise.fScore());
        assertEquals(0, noise.predictedPairs());
        // one cluster of everything: recall 1, precision = true pairs / all pairs = 2/6
        PairwiseFScore one = PairwiseFScore.of(new int[] {0, 0, 0, 0}, new int[] {1, 1, 2, 2});
        assertEquals(1, one.recall(), 1e-12);
        assertEquals(2.0 / 6, one.precision(), 1e-12);
        assertEquals(0, PairwiseFScore.of(new int[0], new int[0]).fScore());
    }
}
