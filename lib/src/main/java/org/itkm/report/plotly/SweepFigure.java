package org.itkm.report.plotly;

import java.util.Map;
import org.itkm.eval.RankingMetrics;
import org.itkm.report.SensitivitySweep;

/** A sensitivity sweep (figures S1-S3) as an interactive figure: Rank-1 and mAP of each protocol against the value. */
public final class SweepFigure {
    private SweepFigure() {}

    /** @param results value → protocol key → metrics, as for {@link SensitivitySweep#table} */
    public static InteractiveFigure of(SensitivitySweep sweep, String title, Map<Double, Map<String, RankingMetrics>> results,
            java.util.List<String> protocolKeys) {
        return InteractiveFigure.lines(title, sweep.symbol() + " (" + sweep.key() + ")", "%",
                sweep.series(results, protocolKeys), sweep.chart(title, results, protocolKeys));
    }
}
