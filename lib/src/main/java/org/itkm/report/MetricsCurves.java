package org.itkm.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.itkm.io.InvalidInputException;
import org.itkm.run.MetricsLog;
import org.knowm.xchart.XYChart;

/**
 * The per-epoch curves of one run, read from its {@code metrics.csv}: any logged column of a stage
 * (loss, cluster counts per unit {@code VI-A_clusters}, pseudo-label F-score per unit
 * {@code VI-A_fscore}...) against the epoch, as data, as a table and as a chart.
 */
public final class MetricsCurves {
    private final Path file;
    private final List<Map<String, String>> rows;

    private MetricsCurves(Path file, List<Map<String, String>> rows) {
        this.file = file;
        this.rows = rows;
    }

    /** The curves of a run directory (or of a {@code metrics.csv} file). */
    public static MetricsCurves read(Path runDirOrFile) throws IOException {
        Path f = Files.isDirectory(runDirOrFile) ? runDirOrFile.resolve("metrics.csv") : runDirOrFile;
        if (!Files.isRegularFile(f)) {
            throw new InvalidInputException(f + ": no metrics.csv (not a run directory?)");
        }
        return new MetricsCurves(f, new MetricsLog(f).rows());
    }

    /** The stages logged, in order of first appearance. */
    public List<String> stages() {
        Set<String> s = new LinkedHashSet<>();
        rows.forEach(r -> s.add(r.get("stage")));
        return new ArrayList<>(s);
    }

    /** Columns with at least one value in a stage whose names end with {@code suffix} ("" for all), in log order. */
    public List<String> columns(String stage, String suffix) {
        Set<String> s = new LinkedHashSet<>();
        for (Map<String, String> r : rows) {
            if (stage.equals(r.get("stage"))) {
                r.forEach((k, v) -> {
                    if (k.endsWith(suffix) && !k.equals("stage") && !k.equals("epoch") && !v.isEmpty()) {
                        s.add(k);
                    }
                });
            }
        }
        return new ArrayList<>(s);
    }

    /** {x = epoch (1-based), y = value} of a column in a stage; epochs without a finite value are left out. */
    public double[][] series(String stage, String column) {
        List<double[]> pts = new ArrayList<>();
        for (Map<String, String> r : rows) {
            String v = r.get(column);
            if (stage.equals(r.get("stage")) && v != null && !v.isEmpty()) {
                double y = parse(v);
                if (Double.isFinite(y)) {
                    pts.add(new double[] {Integer.parseInt(r.get("epoch")) + 1, y});
                }
            }
        }
        return new double[][] {pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1])
            .toArray()};
    }

    /**
     * Columns of a stage as series for a line chart: legend name (the column without {@code suffix}) → {epochs,
     * values}; columns never logged are left out, and none logged at all is an error naming the file.
     */
    public Map<String, double[][]> seriesOf(String stage, List<String> columns, String suffix) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (String c : columns) {
            double[][] xy = series(stage, c);
            if (xy[0].length > 0) {
                series.put(suffix.isEmpty() || !c.endsWith(suffix) ? c : c.substring(0, c.length() - suffix.length()),
                        xy);
            }
        }
        if (series.isEmpty()) {
            throw new InvalidInputException(file + ": stage '" + stage + "' logged none of " + columns);
        }
        return series;
    }

    /** A line chart of columns of a stage, one line each (legend: the column name without {@code suffix}). */
    public XYChart chart(String title, String stage, List<String> columns, String yLabel, String suffix) {
        return Figures.lines(title, "epoch", yLabel, seriesOf(stage, columns, suffix));
    }

    /** Columns of several runs as series, one per run and column ({@code "<run> <column>"}, without {@code suffix}). */
    public static Map<String, double[][]> seriesAcross(String stage, Map<String, MetricsCurves> runs, List<String> columns,
            String suffix) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (String c : columns) {
            String shown = suffix.isEmpty() || !c.endsWith(suffix) ? c : c.substring(0, c.length() - suffix.length());
            runs.forEach((name, curves) -> {
                double[][] xy = curves.series(stage, c);
                if (xy[0].length > 0) {
                    series.put(name + " " + shown, xy);
                }
            });
        }
        if (series.isEmpty()) {
            throw new InvalidInputException("no run of " + runs.keySet() + " logged " + columns + " in stage " + stage);
        }
        return series;
    }

    /**
     * Columns of several runs in one chart, one line per run and column ({@code "<run> <column>"}, the
     * column without {@code suffix}): e.g. Fig. 5's matched F-score of ITKM and of the PGM variant.
     */
    public static XYChart across(String title, String stage, Map<String, MetricsCurves> runs, List<String> columns,
            String yLabel, String suffix) {
        XYChart chart = Figures.lines(title, "epoch", yLabel, seriesAcross(stage, runs, columns, suffix));
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE); // many lines
        return chart;
    }

    /** The last finite value of a column in a stage, NaN when there is none. */
    public double last(String stage, String column) {
        double[][] xy = series(stage, column);
        return xy[1].length == 0 ? Double.NaN : xy[1][xy[1].length - 1];
    }

    /**
     * Fig. 5's summary: one row per scenario, one column per run, each cell the run's last finite value of
     * {@code <scenario><suffix>} in {@code stage} (four decimals), headed "{@code <run> last <what>}".
     */
    public static ResultTable lastByScenario(Map<String, MetricsCurves> runs, String stage, List<String> scenarios,
            String suffix, String what) {
        List<String> header = new ArrayList<>(List.of("scenario"));
        runs.keySet().forEach(name -> header.add(name + " last " + what));
        ResultTable t = new ResultTable(header.toArray(String[]::new));
        for (String s : scenarios) {
            List<String> cells = new ArrayList<>(List.of(s));
            runs.values().forEach(c -> cells.add(String.format(java.util.Locale.ROOT, "%.4f", c.last(stage, s + suffix))));
            t.addRow(cells.toArray(String[]::new));
        }
        return t;
    }

    /** One row per epoch of a stage, one column per requested column (blank where not logged). */
    public ResultTable table(String stage, List<String> columns) {
        List<String> header = new ArrayList<>(List.of("epoch"));
        header.addAll(columns);
        ResultTable t = new ResultTable(header.toArray(String[]::new));
        for (Map<String, String> r : rows) {
            if (!stage.equals(r.get("stage"))) {
                continue;
            }
            List<String> cells = new ArrayList<>(List.of(String.valueOf(Integer.parseInt(r.get("epoch")) + 1)));
            for (String c : columns) {
                String v = r.getOrDefault(c, "");
                cells.add(v.isEmpty() ? "" : format(parse(v)));
            }
            t.addRow(cells.toArray(String[]::new));
        }
        return t;
    }

    private static double parse(String v) {
        return switch (v) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(v);
        };
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.4f", v);
    }
}
