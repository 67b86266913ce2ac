package org.itkm.report.plotly;

import java.util.List;
import java.util.Map;
import org.itkm.report.MetricsCurves;

/**
 * Training curves of runs as interactive figures, read from their {@code metrics.csv} ({@link MetricsCurves}): the
 * loss terms, clusters and pseudo-label F-score per homogeneous group, and Rank-1 / mAP per epoch (the
 * {@code eval_<protocol>_r1} / {@code _map} columns of epochs that were evaluated).
 */
public final class TrainingCurves {
    private TrainingCurves() {}

    /** Columns of one run's stage, one line each (legend: the column name without {@code suffix}). */
    public static InteractiveFigure of(MetricsCurves run, String title, String stage, List<String> columns, String yLabel,
            String suffix) {
        return InteractiveFigure.lines(title, "epoch", yLabel, run.seriesOf(stage, columns, suffix));
    }

    /** Columns of several runs in one figure, one line per run and column ("run column"). */
    public static InteractiveFigure across(Map<String, MetricsCurves> runs, String title, String stage,
            List<String> columns, String yLabel, String suffix) {
        return InteractiveFigure.lines(title, "epoch", yLabel, MetricsCurves.seriesAcross(stage, runs, columns, suffix),
                MetricsCurves.across(title, stage, runs, columns, yLabel, suffix));
    }

    /** Rank-1 and mAP per evaluated epoch of a stage, for the given protocol keys ({@code sysu_all}, {@code mlr}...). */
    public static InteractiveFigure accuracy(MetricsCurves run, String title, String stage, List<String> protocolKeys) {
        List<String> columns = protocolKeys.stream().flatMap(p -> List.of("eval_" + p + "_r1", "eval_" + p + "_map")
                .stream()).toList();
        return InteractiveFigure.lines(title, "epoch", "%", run.seriesOf(stage, columns, ""));
    }
}
