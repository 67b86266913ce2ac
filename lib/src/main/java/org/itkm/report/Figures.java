package org.itkm.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The kit's figures (F-score curves, sensitivity sweeps, t-SNE scatters) as XChart charts written
 * headless to PNG and SVG under {@code results/<profile>/figures/}, and shown inline by notebooks.
 */
public final class Figures {
    static {
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
    }

    private Figures() {}

    /** A line chart with one series per entry: name → {x values, y values}. */
    public static XYChart lines(String title, String xLabel, String yLabel, Map<String, double[][]> series) {
        XYChart c = base(title, xLabel, yLabel);
        series.forEach((name, xy) -> c.addSeries(name, xy[0], xy[1]).setMarker(SeriesMarkers.CIRCLE));
        return c;
    }

    /** A scatter plot with one colour per group: group name → {x values, y values}. */
    public static XYChart scatter(String title, Map<String, double[][]> groups) {
        XYChart c = base(title, "", "");
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(5);
        c.getStyler().setAxisTicksVisible(false);
        groups.forEach((name, xy) -> c.addSeries(name, xy[0], xy[1]));
        return c;
    }

    private static XYChart base(String title, String xLabel, String yLabel) {
        XYChart c = new XYChartBuilder().width(800).height(520).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel)
                .build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        c.getStyler().setPlotGridLinesVisible(true);
        return c;
    }

    /** Writes {@code <base>.png} and {@code <base>.svg}; returns both paths. */
    public static List<Path> save(Chart<?, ?> chart, Path base) throws IOException {
        Files.createDirectories(base.toAbsolutePath().getParent());
        Path png = base.resolveSibling(base.getFileName() + ".png");
        Path svg = base.resolveSibling(base.getFileName() + ".svg");
        byte[] pngBytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        org.itkm.io.AtomicFiles.write(png, out -> out.write(pngBytes));
        java.io.ByteArrayOutputStream svgBytes = new java.io.ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, svgBytes, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        org.itkm.io.AtomicFiles.write(svg, out -> svgBytes.writeTo(out));
        return List.of(png, svg);
    }
}
