package org.itkm.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.itkm.eval.RankingMetrics;
import org.knowm.xchart.XYChart;

/**
 * One hyperparameter swept over a few values with everything else fixed (the paper's figures S1-S3:
 * α, λ and p): the run setting and tag of every value, and the results as a table and a chart of
 * Rank-1 and mAP per protocol against the value. The default value is run without override or tag,
 * so it is the very run the other notebooks use (ITKM(M)) and is trained once.
 *
 * @param symbol short name used in tags and labels ({@code alpha})
 * @param key configuration key ({@code loss.separationWeight})
 * @param defaultValue the value of the base configuration
 * @param values the values to run, the default among them
 */
public record SensitivitySweep(String symbol, String key, double defaultValue, List<Double> values) {
    public SensitivitySweep {
        if (!symbol.matches("[A-Za-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("sweep symbol must be letters and digits, not '" + symbol + "'");
        }
        values = List.copyOf(values);
    }

    /** The setting of one value: the base setting, plus {@code key=value} unless it is the default. */
    public List<String> setting(List<String> base, double value) {
        List<String> s = new ArrayList<>(base);
        if (value != defaultValue) {
            s.add(key + "=" + plain(value));
        }
        return s;
    }

    /** The run tag of one value: empty for the default, else symbol and value ({@code alpha0.5}). */
    public String tag(double value) {
        return value == defaultValue ? "" : symbol + plain(value);
    }

    /**
     * One row per value (ascending, as given): Rank-1 and mAP of each protocol key.
     *
     * @param results value → protocol key ({@code sysu_all}) → metrics
     */
    public ResultTable table(Map<Double, Map<String, RankingMetrics>> results, List<String> protocolKeys) {
        List<String> header = new ArrayList<>(List.of(symbol + " (" + key + ")"));
        for (String p : protocolKeys) {
            header.add(p + " R1");
            header.add(p + " mAP");
        }
        ResultTable t = new ResultTable(header.toArray(String[]::new));
        for (double v : values) {
            Map<String, RankingMetrics> m = results.get(v);
            if (m == null) {
                continue;
            }
            List<String> cells = new ArrayList<>(List.of(plain(v) + (v == defaultValue ? " (default)" : "")));
            for (String p : protocolKeys) {
                RankingMetrics r = m.get(p);
                cells.add(r == null ? "-" : String.format(Locale.ROOT, "%.2f", r.rank1()));
                cells.add(r == null ? "-" : String.format(Locale.ROOT, "%.2f", r.mAP()));
            }
            t.addRow(cells.toArray(String[]::new));
        }
        return t;
    }

    /** Rank-1 and mAP of each protocol key against the value, as series: "{key} R1" / "{key} mAP" → {values, %}. */
    public Map<String, double[][]> series(Map<Double, Map<String, RankingMetrics>> results, List<String> protocolKeys) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (String p : protocolKeys) {
            for (String metric : List.of("R1", "mAP")) {
                List<double[]> pts = new ArrayList<>();
                for (double v : values) {
                    RankingMetrics r = results.getOrDefault(v, Map.of()).get(p);
                    if (r != null) {
                        pts.add(new double[] {v, metric.equals("R1") ? r.rank1() : r.mAP()});
                    }
                }
                if (!pts.isEmpty()) {
                    series.put(p + " " + metric, new double[][] {pts.stream().mapToDouble(x -> x[0]).toArray(),
                        pts.stream().mapToDouble(x -> x[1]).toArray()});
                }
            }
        }
        return series;
    }

    /** Rank-1 and mAP of each protocol key against the value, one line each. */
    public XYChart chart(String title, Map<Double, Map<String, RankingMetrics>> results, List<String> protocolKeys) {
        XYChart chart = Figures.lines(title, symbol + " (" + key + ")", "%", series(results, protocolKeys));
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE); // many lines
        return chart;
    }

    /** 0.5 → "0.5", 1.0 → "1", 2.0E-4 → "0.0002": the shortest exact decimal. */
    static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
