package org.itkm.eval.dataset;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.itkm.cluster.PairwiseFScore;
import org.itkm.data.GroundTruth;
import org.itkm.data.Sample;

/**
 * The pairwise precision, recall and F-score of pseudo-labels against the true identities (Fig. 5's
 * diagnostic), and the precision and recall of cross-group positive sets (Fig. 6's, per epoch). Evaluation
 * code: it reads ground truth, and is handed to training only as a scorer.
 */
public final class PseudoLabelFScore implements PseudoLabelDiagnostics {
    @Override
    public Map<String, Double> score(List<Sample> samples, int[] labels) {
        PairwiseFScore f = PairwiseFScore.of(labels, GroundTruth.pids(samples));
        // in a fixed order: Map.of iterates in an order that changes from one JVM to the next, and so did the
        // metrics.csv columns built from it (the committed runs have recall, precision, fscore)
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("recall", f.recall());
        out.put("precision", f.precision());
        out.put("fscore", f.fScore());
        return out;
    }

    /**
     * {@code precision}: the share of (anchor, positive) pairs that show one person; {@code recall}: the share
     * of all cross-group pairs of one person (each direction counted) that the sets hold; 0 where undefined.
     */
    @Override
    public Map<String, Double> scorePositives(List<Sample> a, List<Sample> b, int[][] aToB, int[][] bToA) {
        int[] pa = GroundTruth.pids(a);
        int[] pb = GroundTruth.pids(b);
        long[] pairs = new long[2];
        tally(pa, pb, aToB, pairs);
        tally(pb, pa, bToA, pairs);
        Map<Integer, Long> inB = new HashMap<>();
        for (int p : pb) {
            inB.merge(p, 1L, Long::sum);
        }
        long samePerson = 0; // cross-group pairs of one person, one direction
        for (int p : pa) {
            samePerson += inB.getOrDefault(p, 0L);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("precision", pairs[0] == 0 ? 0 : (double) pairs[1] / pairs[0]);
        out.put("recall", samePerson == 0 ? 0 : (double) pairs[1] / (2 * samePerson));
        return out;
    }

    /** Adds the pairs of {@code sets} to {@code pairs[0]} and those of one person to {@code pairs[1]}. */
    private static void tally(int[] anchors, int[] candidates, int[][] sets, long[] pairs) {
        if (sets.length != anchors.length) {
            throw new IllegalArgumentException(sets.length + " positive sets for " + anchors.length + " anchors");
        }
        for (int i = 0; i < sets.length; i++) {
            for (int j : sets[i]) {
                pairs[0]++;
                pairs[1] += anchors[i] == candidates[j] ? 1 : 0;
            }
        }
    }
}
