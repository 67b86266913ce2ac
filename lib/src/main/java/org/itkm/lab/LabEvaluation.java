package org.itkm.lab;

import org.itkm.cluster.UnitFeatures;
import org.itkm.eval.LabeledFeatures;
import org.itkm.eval.RankingMetrics;

/**
 * Lab 01's experiment: a student's {@link QueryEvaluation} run over every query of a split, averaged as
 * the kit averages (valid queries only, percent), with the whole CMC curve to rank 20.
 */
public final class LabEvaluation {
    /** Ranks of the CMC curve. */
    public static final int MAX_RANK = 20;

    /** The metrics and the CMC curve (percent at ranks 1..20). */
    public record Outcome(RankingMetrics metrics, double[] cmc) {}

    private LabEvaluation() {}

    /** Cosine similarities in double, one query row at a time (no query x gallery matrix kept). */
    public static Outcome evaluate(QueryEvaluation student, LabeledFeatures query, LabeledFeatures gallery) {
        UnitFeatures q = UnitFeatures.of(query.features());
        UnitFeatures g = UnitFeatures.of(gallery.features());
        double[] cmc = new double[MAX_RANK];
        double ap = 0;
        double inp = 0;
        int valid = 0;
        double[] sim = new double[g.rows()];
        for (int i = 0; i < q.rows(); i++) {
            for (int j = 0; j < g.rows(); j++) {
                sim[j] = q.cosine(i, g, j);
            }
            QueryScore s = student.score(sim.clone(), query.labels().pids()[i], query.labels().camids()[i],
                    gallery.labels());
            if (s == null) {
                continue;
            }
            valid++;
            ap += s.averagePrecision();
            inp += s.inverseNegativePenalty();
            for (int r = Math.max(1, s.cmcRank()); r <= MAX_RANK; r++) {
                cmc[r - 1]++;
            }
        }
        double scale = valid == 0 ? Double.NaN : 100.0 / valid;
        for (int r = 0; r < MAX_RANK; r++) {
            cmc[r] *= scale;
        }
        return new Outcome(new RankingMetrics(cmc[0], cmc[4], cmc[9], cmc[19], ap * scale, inp * scale, valid,
                q.rows() - valid), cmc);
    }
}
