package org.itkm.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.itkm.io.FloatMatrix;
import org.itkm.io.NpyFile;
import org.itkm.run.MetricsLog;
import org.knowm.xchart.XYChart;

/**
 * The paper's figures drawn from recorded runs (their {@code metrics.csv}, text representations and
 * positive sets), so notebooks only choose runs and show the charts.
 */
public final class RunFigures {
    private RunFigures() {}

    /**
     * Fig. 5: a per-epoch metric of Stage III (e.g. {@code VI_matched_fscore}, the F-score of the pseudo-labels
     * with B clusters relabelled to their matched A cluster), one line per run.
     */
    public static XYChart stageCurve(String title, String stage, String column, Map<String, Path> runs)
            throws IOException {
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : runs.entrySet()) {
            List<double[]> pts = new ArrayList<>();
            for (Map<String, String> row : new MetricsLog(e.getValue().resolve("metrics.csv")).rows()) {
                if (stage.equals(row.get("stage")) && row.get(column) != null && !row.get(column).equals("nan")) {
                    pts.add(new double[] {Integer.parseInt(row.get("epoch")) + 1, Double.parseDouble(row.get(column))});
                }
            }
            series.put(e.getKey(), new double[][] {pts.stream().mapToDouble(p -> p[0]).toArray(),
                pts.stream().mapToDouble(p -> p[1]).toArray()});
        }
        return Figures.lines(title, "epoch", column, series);
    }

    /** The cluster-level text representations a run's Stage II produced, with each row's unit index. */
    public record TextRepresentationRows(FloatMatrix text, int[] unit) {
        /** Only the rows whose unit passes the filter. */
        public TextRepresentationRows filter(Predicate<Integer> keepUnit) {
            int[] rows = java.util.stream.IntStream.range(0, unit.length).filter(i -> keepUnit.test(unit[i])).toArray();
            return new TextRepresentationRows(text.selectRows(rows), java.util.Arrays.stream(rows).map(i -> unit[i])
                    .toArray());
        }
    }

    /** Reads {@code text-representations/} of a run. */
    public static TextRepresentationRows textRepresentations(Path runDir) throws IOException {
        Path dir = runDir.resolve("text-representations");
        FloatMatrix t = NpyFile.readFloat32Matrix(dir.resolve("cluster-text.npy"));
        int[] unit = new int[t.rows()];
        int u = 0;
        for (String line : Files.readAllLines(dir.resolve("cluster-text-units.txt"))) {
            if (line.isBlank()) {
                continue;
            }
            String[] p = line.trim().split(" ");
            int off = Integer.parseInt(p[0]);
            for (int i = 0; i < Integer.parseInt(p[1]); i++) {
                unit[off + i] = u;
            }
            u++;
        }
        return new TextRepresentationRows(t, unit);
    }

    /** Fig. 4 / S4: a t-SNE scatter of rows coloured by a label per row. */
    public static XYChart tsne(String title, FloatMatrix rows, String[] colourLabel, long seed) {
        double[][] xy = TsneProjection.of(rows, Math.min(30, Math.max(2, rows.rows() / 4.0)), 1000, seed);
        Map<String, List<double[]>> groups = new LinkedHashMap<>();
        for (int i = 0; i < xy.length; i++) {
            groups.computeIfAbsent(colourLabel[i], k -> new ArrayList<>()).add(xy[i]);
        }
        Map<String, double[][]> series = new LinkedHashMap<>();
        groups.forEach((k, pts) -> series.put(k, new double[][] {pts.stream().mapToDouble(p -> p[0]).toArray(),
            pts.stream().mapToDouble(p -> p[1]).toArray()}));
        return Figures.scatter(title, series);
    }

    /** One anchor and its positive set, as recorded by Stage III ({@code instance-positives-<scenario>.tsv}). */
    public record PositiveSet(Path anchor, List<Path> positives) {}

    public static List<PositiveSet> positiveSets(Path runDir, String scenario) throws IOException {
        List<PositiveSet> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(runDir.resolve("instance-positives-" + scenario + ".tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t", -1);
            List<Path> pos = new ArrayList<>();
            if (cells.length > 1 && !cells[1].isEmpty()) {
                for (String p : cells[1].split("\\|")) {
                    pos.add(Path.of(p));
                }
            }
            out.add(new PositiveSet(Path.of(cells[0]), pos));
        }
        return out;
    }
}
