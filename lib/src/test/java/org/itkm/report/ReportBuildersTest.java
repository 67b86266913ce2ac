package org.itkm.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.itkm.clip.zeroshot.ZeroShotRetrieval;
import org.itkm.eval.Protocol;
import org.itkm.eval.RankingMetrics;
import org.itkm.eval.dataset.AttributeProbe;
import org.itkm.io.InvalidInputException;
import org.itkm.run.MetricsLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/** The small builders notebooks 02-09 use: curves from metrics.csv, sweeps, table pieces, the report folder. */
class ReportBuildersTest {
    @TempDir
    Path dir;

    private static RankingMetrics metrics(double r1, double map) {
        return new RankingMetrics(r1, r1 + 1, r1 + 2, r1 + 3, map, map / 2, 10, 0);
    }

    @Test
    void curvesReadAStagesColumnsSkippingGapsAndNan() throws Exception {
        MetricsLog log = new MetricsLog(dir.resolve("metrics.csv"));
        log.append(row("stage1", 0, "VI-A_fscore", 0.25, "loss", 3.0));
        log.append(row("stage1", 1, "VI-A_fscore", Double.NaN, "loss", 2.5));
        log.append(row("stage1", 2, "VI-A_fscore", 0.75, "VI-B_fscore", 0.5));
        log.append(row("stage3", 0, "VI_matched_fscore", 0.4, "loss", 9.0));
        MetricsCurves c = MetricsCurves.read(dir);
        assertEquals(List.of("stage1", "stage3"), c.stages());
        assertEquals(List.of("VI-A_fscore", "VI-B_fscore"), c.columns("stage1", "_fscore"));
        assertEquals(List.of("VI_matched_fscore"), c.columns("stage3", "_fscore"));
        double[][] xy = c.series("stage1", "VI-A_fscore");
        assertArrayEquals(new double[] {1, 3}, xy[0]);
        assertArrayEquals(new double[] {0.25, 0.75}, xy[1]);
        assertArrayEquals(new double[] {1, 2}, c.series("stage1", "loss")[0]);
        XYChart chart = c.chart("F", "stage1", c.columns("stage1", "_fscore"), "F-score", "_fscore");
        assertEquals(List.of("VI-A", "VI-B"), List.copyOf(chart.getSeriesMap().keySet()));
        ResultTable t = c.table("stage1", List.of("loss", "VI-B_fscore"));
        assertEquals(3, t.rowCount());
        assertEquals("3", t.cell(0, 1));
        assertEquals("2.5000", t.cell(1, 1));
        assertEquals("", t.cell(0, 2));
        assertEquals("0.5000", t.cell(2, 2));
        assertThrows(InvalidInputException.class, () -> c.chart("x", "stage2", List.of("loss"), "", ""));
        assertEquals(0.75, c.last("stage1", "VI-A_fscore"));
        assertTrue(Double.isNaN(c.last("stage1", "nothing")));
        XYChart both = MetricsCurves.across("F5", "stage1", Map.of("ITKM", c), List.of("VI-A_fscore", "VI-B_fscore"),
                "F", "_fscore");
        assertEquals(List.of("ITKM VI-A", "ITKM VI-B"), List.copyOf(both.getSeriesMap().keySet()));
        assertThrows(InvalidInputException.class, () -> MetricsCurves.read(dir.resolve("nothing")));
        Map<String, MetricsCurves> runs = new LinkedHashMap<>();
        runs.put("ITKM (CHM)", c);
        runs.put("other", c);
        ResultTable fig5 = MetricsCurves.lastByScenario(runs, "stage3", List.of("VI", "CC"), "_matched_fscore", "F-score");
        assertEquals(2, fig5.rowCount());
        assertEquals("0.4000", fig5.cell(0, 1));
        assertEquals("NaN", fig5.cell(1, 2)); // CC logged nothing: NaN, not a number made up
        assertTrue(fig5.toMarkdown().startsWith("| scenario | ITKM (CHM) last F-score | other last F-score |"),
                fig5.toMarkdown());
    }

    private static Map<String, Object> row(String stage, int epoch, Object... kv) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("stage", stage);
        r.put("epoch", epoch);
        for (int i = 0; i < kv.length; i += 2) {
            r.put((String) kv[i], kv[i + 1]);
        }
        return r;
    }

    @Test
    void sweepRunsTheDefaultAsTheBaseRunAndTabulatesInValueOrder() {
        SensitivitySweep s = new SensitivitySweep("alpha", "loss.separationWeight", 1.0, List.of(0.5, 1.0, 2.0));
        List<String> base = List.of("training.mode=M");
        assertEquals(base, s.setting(base, 1.0));
        assertEquals("", s.tag(1.0));
        assertEquals(List.of("training.mode=M", "loss.separationWeight=0.5"), s.setting(base, 0.5));
        assertEquals("alpha0.5", s.tag(0.5));
        assertEquals("alpha2", s.tag(2.0));
        assertEquals("0.0002", SensitivitySweep.plain(2e-4));
        Map<Double, Map<String, RankingMetrics>> r = new LinkedHashMap<>();
        r.put(2.0, Map.of("sysu_all", metrics(30, 20)));
        r.put(0.5, Map.of("sysu_all", metrics(10, 5)));
        r.put(1.0, Map.of("sysu_all", metrics(20, 15)));
        ResultTable t = s.table(r, List.of("sysu_all", "mlr"));
        assertEquals(List.of("alpha (loss.separationWeight)", "sysu_all R1", "sysu_all mAP", "mlr R1", "mlr mAP"),
                t.columns());
        assertEquals("0.5", t.cell(0, 0));
        assertEquals("1 (default)", t.cell(1, 0));
        assertEquals("30.00", t.cell(2, 1));
        assertEquals("-", t.cell(2, 3));
        XYChart c = s.chart("S1", r, List.of("sysu_all", "mlr"));
        assertEquals(List.of("sysu_all R1", "sysu_all mAP"), List.copyOf(c.getSeriesMap().keySet()));
        assertArrayEquals(new double[] {10, 20, 30}, c.getSeriesMap().get("sysu_all R1").getYData());
        assertThrows(IllegalArgumentException.class, () -> new SensitivitySweep("a b", "k", 0, List.of()));
    }

    @Test
    void tablePiecesKeyResultsByProtocolAndFlattenTheConfiguration() {
        Map<String, Map<Protocol, RankingMetrics>> byLayout = new LinkedHashMap<>();
        byLayout.put("SYSU-MM01", Map.of(Protocol.SYSU_ALL, metrics(40, 30)));
        byLayout.put("LTCC", Map.of(Protocol.LTCC_CC, metrics(20, 10)));
        Map<String, RankingMetrics> keyed = RunTables.byProtocolKey(byLayout);
        assertEquals(40, keyed.get("sysu_all").rank1());
        assertEquals(10, keyed.get("ltcc_cc").mAP());

        ResultTable comp = RunTables.ablationComponents(List.of("M1", "M4", "M7"));
        assertEquals(List.of("M1", "no", "no", "no", "PGM", "-"), rowOf(comp, 0));
        assertEquals(List.of("M4", "yes", "yes", "yes", "PGM", "-"), rowOf(comp, 1));
        assertEquals(List.of("M7", "yes", "yes", "yes", "CHM", "IHM"), rowOf(comp, 2));

        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("seed", 1);
        tree.put("loss", new LinkedHashMap<>(Map.of("textWeight", 1.0)));
        tree.put("stage1", new LinkedHashMap<>(Map.of("milestones", List.of(30, 45))));
        ResultTable cfg = RunTables.configuration(tree);
        assertEquals(List.of("seed", "1"), rowOf(cfg, 0));
        assertEquals(List.of("loss.textWeight", "1.0"), rowOf(cfg, 1));
        assertEquals(List.of("stage1.milestones", "[30, 45]"), rowOf(cfg, 2));

        PaperTable.Row s1 = RunTables.s1Row("ITKM(S)", "kit", keyed, 3, 1.5);
        assertEquals(4.5, s1.values().get("parameters_millions"), 1e-12);
        PaperTable t = RunTables.tableS1("S1", List.of(s1, PaperTable.reported(PaperResults.Table.TABLE_S1,
                "ITKM(M)")));
        assertTrue(t.toMarkdown().contains("| ITKM(M) | " + PaperResults.LABEL + " | 64.9 |"), t.toMarkdown());
        assertTrue(t.toMarkdown().contains("| 4.5 |"), t.toMarkdown());
    }

    private static List<String> rowOf(ResultTable t, int r) {
        return java.util.stream.IntStream.range(0, t.columns().size()).mapToObj(c -> t.cell(r, c)).toList();
    }

    @Test
    void zeroShotScoresBecomeRowsAndBars() {
        List<ZeroShotRetrieval.Score> s = List.of(new ZeroShotRetrieval.Score("caption", 20, 18, 0.35, 1 / 18.0),
                new ZeroShotRetrieval.Score("skin (\"a photo of a person with {} skin\")", 12, 5, 0.5, 0.2));
        ResultTable t = ZeroShotReport.table(s);
        assertEquals(List.of("skin", "a photo of a person with {} skin", "12", "5", "50.0", "20.0"), rowOf(t, 1));
        assertEquals("", t.cell(0, 1));
        var chart = ZeroShotReport.chart("zero-shot", s);
        assertEquals(List.of("zero-shot accuracy", "chance"), List.copyOf(chart.getSeriesMap().keySet()));
    }

    @Test
    void probeTableHasOneAccuracyColumnPerRepresentation() {
        Map<String, List<AttributeProbe.Score>> probes = new LinkedHashMap<>();
        probes.put("pre-trained CLIP", List.of(new AttributeProbe.Score("skin", 40, 38, 5, 0.25, 0.2),
                new AttributeProbe.Score("camid", 40, 40, 4, 0.5, 0.25)));
        probes.put("pixels 64x32", List.of(new AttributeProbe.Score("skin", 40, 38, 5, 0.375, 0.2),
                new AttributeProbe.Score("camid", 40, 40, 4, 1.0, 0.25)));
        ResultTable t = ZeroShotReport.probeTable(probes);
        assertEquals(List.of("attribute", "values", "probe images", "held-out images", "pre-trained CLIP %",
                "pixels 64x32 %", "constant %"), t.columns());
        assertEquals(List.of("skin", "5", "40", "38", "25.0", "37.5", "20.0"), rowOf(t, 0));
        assertEquals(List.of("camid", "4", "40", "40", "50.0", "100.0", "25.0"), rowOf(t, 1));
        probes.put("other", List.of(probes.get("pixels 64x32").get(1), probes.get("pixels 64x32").get(0)));
        var e = assertThrows(IllegalArgumentException.class, () -> ZeroShotReport.probeTable(probes));
        assertTrue(e.getMessage().startsWith("other probed camid"), e.getMessage());
        probes.put("other", List.of(probes.get("pixels 64x32").get(0)));
        e = assertThrows(IllegalArgumentException.class, () -> ZeroShotReport.probeTable(probes));
        assertEquals("other has 1 probe scores, the first 2", e.getMessage());
    }

    @Test
    void reportFolderWritesFiguresAndTablesWhereTheProfileKeepsThem() throws Exception {
        ReportFolder f = ReportFolder.of(dir.resolve("smoke"));
        BufferedImage img = f.figure(Figures.lines("t", "x", "y", Map.of("a", new double[][] {{1, 2}, {3, 4}})), "fig");
        assertEquals(800, img.getWidth());
        assertTrue(Files.size(dir.resolve("smoke/figures/fig.png")) > 1000);
        assertTrue(Files.readString(dir.resolve("smoke/figures/fig.svg")).contains("<svg"));
        ResultTable t = new ResultTable("setting", "value").addRow("a,b", "say \"hi\"");
        f.table(t, "tab");
        assertEquals("setting,value\n\"a,b\",\"say \"\"hi\"\"\"\n", Files.readString(dir.resolve("smoke/tables/tab.csv")));
        assertEquals(t.toMarkdown(), Files.readString(dir.resolve("smoke/tables/tab.md")));
        f.picture(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "grid");
        assertTrue(Files.exists(dir.resolve("smoke/figures/grid.png")));
    }
}
