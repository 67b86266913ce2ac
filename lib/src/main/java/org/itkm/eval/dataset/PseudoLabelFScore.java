package org.itkm.eval.dataset;

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
        return Map.of("fscore", f.fScore(), "precision", f.precision(), "recall", f.recall());
    }
}
