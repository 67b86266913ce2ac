package org.itkm.report.plotly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.itkm.eval.RankingMetrics;
import org.itkm.io.FloatMatrix;
import org.itkm.report.MetricsCurves;
import org.itkm.report.SensitivitySweep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.plotly.traces.ScatterTrace;

class InteractiveFiguresTest {
    @TempDir
    Path dir;

    private Path metrics() throws IOException {
        Path f = dir.resolve("metrics.csv");
        Files.writeString(f, String.join("\n", "stage,epoch,loss,VI-A_fscore,VI-B_fscore,eval_sysu_all_r1,eval_sysu_all_map",
                "stage1,0,3.5,0.10,0.05,,", "stage1,1,3.0,0.20,0.08,14.9,17.8", "stage1,2,2.5,0.30,,16.0,18.5",
                "stage3,0,1.0,,,,", ""));
        return f;
    }

    @Test
    void trainingCurvesHaveOneTracePerLoggedColumnAndTheEpochsOnX() throws IOException {
        MetricsCurves c = MetricsCurves.read(metrics());
        InteractiveFigure f = TrainingCurves.of(c, "F-score", "stage1", c.columns("stage1", "_fscore"), "F", "_fscore");
        assertEquals(2, f.traceCount());
        assertEquals(List.of("VI-A", "VI-B"), f.still().getSeriesMap().keySet().stream().toList());
        String js = f.plotly().asJavascript("d");
        assertTrue(js.contains("x: [\"1.0\",\"2.0\",\"3.0\"]"), js); // tablesaw-jsplot quotes numbers; Plotly reads them
        // VI-B has no value in epoch 2: two points only
        assertArrayEquals(new double[] {1, 2}, c.seriesOf("stage1", List.of("VI-B_fscore"), "_fscore").get("VI-B")[0]);
        InteractiveFigure acc = TrainingCurves.accuracy(c, "R1/mAP", "stage1", List.of("sysu_all"));
        assertEquals(2, acc.traceCount());
    }

    @Test
    void curvesAcrossRunsNameTheRun() throws IOException {
        MetricsCurves c = MetricsCurves.read(metrics());
        Map<String, MetricsCurves> runs = new LinkedHashMap<>();
        runs.put("ITKM", c);
        runs.put("M4", c);
        InteractiveFigure f = TrainingCurves.across(runs, "loss", "stage1", List.of("loss"), "loss", "");
        assertEquals(2, f.traceCount());
        assertEquals("ITKM loss", ((ScatterTrace) f.plotly().getTraces()[0]).name());
    }

    @Test
    void cmcHasFourRanksPerEvaluation() {
        Map<String, RankingMetrics> m = new LinkedHashMap<>();
        m.put("standard", new RankingMetrics(50, 70, 80, 90, 40, 20, 100, 0));
        m.put("ltcc-cc", new RankingMetrics(10, 20, 30, 40, 8, 4, 100, 0));
        InteractiveFigure f = CmcFigure.of("CMC", m);
        assertEquals(2, f.traceCount());
        assertArrayEquals(new double[] {50, 70, 80, 90}, f.still().getSeriesMap().get("standard").getYData());
    }

    @Test
    void sweepHasRankOneAndMapPerProtocol() {
        SensitivitySweep s = new SensitivitySweep("alpha", "loss.separationWeight", 1.0, List.of(0.0, 1.0, 2.0));
        Map<Double, Map<String, RankingMetrics>> r = new LinkedHashMap<>();
        for (double v : s.values()) {
            r.put(v, Map.of("sysu_all", new RankingMetrics(10 + v, 0, 0, 0, 5 + v, 0, 10, 0),
                    "mlr", new RankingMetrics(20 + v, 0, 0, 0, 15 + v, 0, 10, 0)));
        }
        InteractiveFigure f = SweepFigure.of(s, "S1", r, List.of("sysu_all", "mlr"));
        assertEquals(4, f.traceCount());
        assertArrayEquals(new double[] {10, 11, 12}, s.series(r, List.of("sysu_all")).get("sysu_all R1")[1]);
    }

    @Test
    void tsneMapHasOneTracePerColourWithHoverTextPerPoint() {
        int n = 12;
        float[] x = new float[n * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.7) + (i / 4 < 6 ? 2 : -2);
        }
        String[] colour = new String[n];
        String[] hover = new String[n];
        for (int i = 0; i < n; i++) {
            colour[i] = i < 6 ? "VI" : "CC";
            hover[i] = "image c" + i + ".jpg<br>identity " + i;
        }
        InteractiveFigure f = TsneMap.of("t-SNE", new FloatMatrix(n, 4, x), colour, hover, 1);
        assertEquals(2, f.traceCount());
        String js = f.plotly().asJavascript("d");
        for (int i = 0; i < n; i++) {
            assertTrue(js.contains("image c" + i + ".jpg<br>identity " + i), js);
        }
        assertThrows(IllegalArgumentException.class, () -> TsneMap.of("t", new FloatMatrix(n, 4, x), colour,
                new String[1], 1));
    }
}
