package org.itkm.report.plotly;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.itkm.report.Figures;
import org.knowm.xchart.XYChart;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * One figure twice: as a Plotly figure (tablesaw-jsplot: hover, zoom, legend toggling) and as its static XChart
 * twin drawn from the same series (the PNG beside the interactive figure, and the PNG/SVG written to
 * {@code results/}).
 *
 * @param title the figure's title
 * @param plotly the interactive figure, one trace per series
 * @param still the same series as an XChart chart
 */
public record InteractiveFigure(String title, Figure plotly, XYChart still) {
    /** Plotly's default width is the page's; the height is fixed so notebooks keep their layout. */
    static final int HEIGHT = 480;

    /** Lines with markers, one per series: name → {x values, y values}. */
    public static InteractiveFigure lines(String title, String xLabel, String yLabel, Map<String, double[][]> series) {
        return lines(title, xLabel, yLabel, series, Figures.lines(title, xLabel, yLabel, series));
    }

    /** As {@link #lines(String, String, String, Map)}, with a static twin drawn elsewhere from the same series. */
    public static InteractiveFigure lines(String title, String xLabel, String yLabel, Map<String, double[][]> series,
            XYChart still) {
        List<Trace> traces = new ArrayList<>();
        series.forEach((name, xy) -> traces.add(ScatterTrace.builder(xy[0], xy[1]).mode(ScatterTrace.Mode.LINE_AND_MARKERS)
                .name(jsText(name)).showLegend(true).build()));
        return new InteractiveFigure(title, new Figure(layout(title, xLabel, yLabel), traces.toArray(Trace[]::new)),
                still);
    }

    /**
     * Points, one colour (trace) per group: group → {x values, y values}; {@code hover} gives each point of a group
     * its hover text (lines joined by {@code <br>}), in the group's point order.
     */
    public static InteractiveFigure scatter(String title, Map<String, double[][]> groups, Map<String, List<String>> hover) {
        List<Trace> traces = new ArrayList<>();
        groups.forEach((name, xy) -> {
            ScatterTrace.ScatterBuilder b = ScatterTrace.builder(xy[0], xy[1]).mode(ScatterTrace.Mode.MARKERS)
                    .name(jsText(name)).showLegend(true).marker(Marker.builder().size(7).build());
            List<String> text = hover.get(name);
            if (text != null) {
                if (text.size() != xy[0].length) {
                    throw new IllegalArgumentException("group '" + name + "' has " + xy[0].length + " points but "
                            + text.size() + " hover texts");
                }
                b.text(text.stream().map(InteractiveFigure::jsText).toArray(String[]::new));
            }
            traces.add(b.build());
        });
        return new InteractiveFigure(title, new Figure(layout(title, "", ""), traces.toArray(Trace[]::new)),
                Figures.scatter(title, groups));
    }

    /** How many traces (lines or point groups) the interactive figure draws. */
    public int traceCount() {
        return plotly.getTraces().length;
    }

    private static Layout layout(String title, String xLabel, String yLabel) {
        return Layout.builder().title(jsText(title)).height(HEIGHT).autosize(true)
                .xAxis(Axis.builder().title(jsText(xLabel)).build()).yAxis(Axis.builder().title(jsText(yLabel)).build())
                .build();
    }

    /**
     * Text that tablesaw-jsplot puts between JavaScript quotes unescaped: quotes and backslashes would end the
     * string, and "</" could end the page's script element.
     */
    static String jsText(String s) {
        return s.replace("\\", "/").replace("\"", "'").replace("'", "\u2019").replace("</", "< /").replace("\n", " ");
    }
}
