package org.itkm.report.plotly;

import java.util.LinkedHashMap;
import java.util.Map;
import org.itkm.eval.RankingMetrics;

/**
 * CMC curves: the matching rate at Rank-1, 5, 10 and 20 of several evaluations (protocols or methods), one line
 * each, as an interactive figure.
 */
public final class CmcFigure {
    private static final double[] RANKS = {1, 5, 10, 20};

    private CmcFigure() {}

    /** One line per entry: its Rank-1/5/10/20 in percent. */
    public static InteractiveFigure of(String title, Map<String, RankingMetrics> evaluations) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        evaluations.forEach((name, m) -> series.put(name, new double[][] {RANKS.clone(),
            {m.rank1(), m.rank5(), m.rank10(), m.rank20()}}));
        return InteractiveFigure.lines(title, "rank", "matching rate (%)", series);
    }
}
