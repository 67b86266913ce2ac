package org.itkm.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.itkm.clip.zeroshot.ZeroShotRetrieval;
import org.itkm.eval.dataset.AttributeProbe;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * What a CLIP knows: zero-shot retrieval scores as a table and as a bar chart of accuracy beside chance, and
 * linear-probe scores of its image features.
 */
public final class ZeroShotReport {
    private ZeroShotReport() {}

    /** One row per task: images, candidate texts, accuracy and chance (percent). */
    public static ResultTable table(List<ZeroShotRetrieval.Score> scores) {
        ResultTable t = new ResultTable("task", "prompt", "images", "candidates", "accuracy %", "chance %");
        for (ZeroShotRetrieval.Score s : scores) {
            t.addRow(name(s), prompt(s), Integer.toString(s.images()), Integer.toString(s.candidates()),
                    percent(s.accuracy()), percent(s.chance()));
        }
        return t;
    }

    /**
     * One row per probed attribute: values, images on each side of the identity split, the accuracy of each
     * representation's probe and the constant classifier's (%). The representations must have probed the same
     * attributes on the same images.
     */
    public static ResultTable probeTable(Map<String, List<AttributeProbe.Score>> byRepresentation) {
        if (byRepresentation.isEmpty()) {
            throw new IllegalArgumentException("no probe scores");
        }
        List<String> header = new ArrayList<>(List.of("attribute", "values", "probe images", "held-out images"));
        byRepresentation.keySet().forEach(r -> header.add(r + " %"));
        header.add("constant %");
        ResultTable t = new ResultTable(header.toArray(new String[0]));
        List<AttributeProbe.Score> first = byRepresentation.values().iterator().next();
        byRepresentation.forEach((r, scores) -> {
            if (scores.size() != first.size()) {
                throw new IllegalArgumentException(r + " has " + scores.size() + " probe scores, the first "
                        + first.size());
            }
        });
        for (int i = 0; i < first.size(); i++) {
            AttributeProbe.Score s = first.get(i);
            List<String> row = new ArrayList<>(List.of(s.attribute(), Integer.toString(s.values()),
                    Integer.toString(s.trainImages()), Integer.toString(s.testImages())));
            for (Map.Entry<String, List<AttributeProbe.Score>> r : byRepresentation.entrySet()) {
                AttributeProbe.Score other = r.getValue().get(i);
                if (!other.attribute().equals(s.attribute()) || other.testImages() != s.testImages()) {
                    throw new IllegalArgumentException(r.getKey() + " probed " + other.attribute() + " on "
                            + other.testImages() + " images where the first probed " + s.attribute() + " on "
                            + s.testImages());
                }
                row.add(percent(other.accuracy()));
            }
            row.add(percent(s.constant()));
            t.addRow(row.toArray(new String[0]));
        }
        return t;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f", 100 * share);
    }

    /** Grouped bars per task: accuracy and chance (percent). */
    public static CategoryChart chart(String title, List<ZeroShotRetrieval.Score> scores) {
        CategoryChart c = new CategoryChartBuilder().width(900).height(480).title(title).xAxisTitle("task")
                .yAxisTitle("% of held-out images").build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(100.0);
        c.getStyler().setXAxisLabelRotation(20);
        List<String> names = scores.stream().map(ZeroShotReport::name).toList();
        c.addSeries("zero-shot accuracy", names, scores.stream().map(s -> 100 * s.accuracy()).toList());
        c.addSeries("chance", names, scores.stream().map(s -> 100 * s.chance()).toList());
        return c;
    }

    /** The task's attribute ("upper_colour") without the prompt that {@link ZeroShotRetrieval} appends. */
    static String name(ZeroShotRetrieval.Score s) {
        int q = s.task().indexOf(" (\"");
        return q < 0 ? s.task() : s.task().substring(0, q);
    }

    static String prompt(ZeroShotRetrieval.Score s) {
        int q = s.task().indexOf(" (\"");
        return q < 0 ? "" : s.task().substring(q + 3, s.task().length() - 2);
    }
}
