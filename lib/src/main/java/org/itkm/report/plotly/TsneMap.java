package org.itkm.report.plotly;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.itkm.io.FloatMatrix;
import org.itkm.report.TsneProjection;

/**
 * A t-SNE map (Fig. 4, figure S4) as an interactive figure: rows projected to two dimensions with the same
 * settings as the paper figures' XChart maps, coloured by a label per row, each point with its own hover text
 * (e.g. the image, identity, camera, modality and outfit behind a text representation).
 */
public final class TsneMap {
    private TsneMap() {}

    /**
     * @param colour the legend group of each row
     * @param hover the hover text of each row (lines joined by {@code <br>})
     */
    public static InteractiveFigure of(String title, FloatMatrix rows, String[] colour, String[] hover, long seed) {
        if (colour.length != rows.rows() || hover.length != rows.rows()) {
            throw new IllegalArgumentException(rows.rows() + " rows but " + colour.length + " colour labels and "
                    + hover.length + " hover texts");
        }
        double[][] xy = TsneProjection.of(rows, Math.min(30, Math.max(2, rows.rows() / 4.0)), 1000, seed);
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        Map<String, List<String>> texts = new LinkedHashMap<>();
        for (int i = 0; i < xy.length; i++) {
            points.computeIfAbsent(colour[i], k -> new ArrayList<>()).add(xy[i]);
            texts.computeIfAbsent(colour[i], k -> new ArrayList<>()).add(hover[i]);
        }
        Map<String, double[][]> groups = new LinkedHashMap<>();
        points.forEach((k, pts) -> groups.put(k, new double[][] {pts.stream().mapToDouble(p -> p[0]).toArray(),
            pts.stream().mapToDouble(p -> p[1]).toArray()}));
        return InteractiveFigure.scatter(title, groups, texts);
    }
}
