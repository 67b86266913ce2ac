package org.itkm.eval.dataset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.itkm.cluster.PairwiseFScore;
import org.itkm.data.GroundTruth;
import org.itkm.data.Sample;

/**
 * The pairwise precision, recall and F-score of pseudo-labels against the true identities (Fig. 5's
 * diagnostic). Evaluation code: it reads ground truth, and is handed to training only as a scorer.
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
}
