package org.itkm.eval.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.itkm.data.Group;
import org.itkm.data.Sample;
import org.itkm.data.Scenario;
import org.junit.jupiter.api.Test;

/** The ground-truth scores of pseudo-labels and of cross-group positive sets, against counts made by hand. */
class PseudoLabelFScoreTest {
    private static List<Sample> people(Group g, int... pids) {
        return IntStream.range(0, pids.length)
                .mapToObj(i -> new Sample(Path.of(g + "-" + i + ".png"), Scenario.VI, g, 1, pids[i], Sample.NO_CLOTHES))
                .toList();
    }

    @Test
    void pseudoLabelsScoreByPairs() {
        // people 1 1 2 2 clustered as 0 0 0 1: predicted pairs (0,1) (0,2) (1,2), true pairs (0,1) (2,3)
        Map<String, Double> s = new PseudoLabelFScore().score(people(Group.A, 1, 1, 2, 2), new int[] {0, 0, 0, 1});
        assertEquals(List.of("recall", "precision", "fscore"), List.copyOf(s.keySet()));
        assertEquals(0.5, s.get("recall"), 1e-12);
        assertEquals(1.0 / 3, s.get("precision"), 1e-12);
        assertEquals(0.4, s.get("fscore"), 1e-12);
    }

    @Test
    void positiveSetsScoreBothDirectionsPooled() {
        List<Sample> a = people(Group.A, 1, 1, 2);
        List<Sample> b = people(Group.B, 1, 2, 3);
        // A->B: a0 {b0 right, b1 wrong}, a1 {}, a2 {b1 right}; B->A: b0 {a1 right}, b1 {a0 wrong}, b2 {a2 wrong}
        int[][] aToB = {{0, 1}, {}, {1}};
        int[][] bToA = {{1}, {0}, {2}};
        Map<String, Double> s = new PseudoLabelFScore().scorePositives(a, b, aToB, bToA);
        assertEquals(List.of("precision", "recall"), List.copyOf(s.keySet()));
        assertEquals(3.0 / 6, s.get("precision"), 1e-12);
        // pairs of one person across groups: (a0,b0) (a1,b0) (a2,b1), each in two directions = 6; 3 found
        assertEquals(3.0 / 6, s.get("recall"), 1e-12);
    }

    @Test
    void emptySetsScoreZeroAndMismatchedSetsAreRejected() {
        List<Sample> a = people(Group.A, 1);
        List<Sample> b = people(Group.B, 2);
        Map<String, Double> s = new PseudoLabelFScore().scorePositives(a, b, new int[][] {{}}, new int[][] {{}});
        assertEquals(0.0, s.get("precision"));
        assertEquals(0.0, s.get("recall"));
        assertThrows(IllegalArgumentException.class,
                () -> new PseudoLabelFScore().scorePositives(a, b, new int[][] {}, new int[][] {{}}));
    }

    @Test
    void noDiagnosticsScoreNothing() {
        assertEquals(Map.of(), PseudoLabelDiagnostics.NONE.scorePositives(people(Group.A, 1), people(Group.B, 1),
                new int[][] {{0}}, new int[][] {{0}}));
    }
}
