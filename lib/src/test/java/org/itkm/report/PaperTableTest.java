package org.itkm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.itkm.data.Scenario;
import org.itkm.eval.Protocol;
import org.itkm.eval.RankingMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaperTableTest {
    @TempDir
    Path dir;

    @Test
    void csvQuotesCommasAndQuotesInNames() {
        PaperTable t = PaperTable.table2("T", List.of(new PaperTable.Row("pre-trained CLIP, no \"ReID\"", "kit",
                Map.of("sysu_all_r1", 1.5))));
        assertEquals("\"pre-trained CLIP, no \"\"ReID\"\"\",kit,1.50,,,,,", t.toCsv().lines().toList().get(1));
    }

    @Test
    void measuredAndReportedRowsSideBySide() throws IOException {
        RankingMetrics m = new RankingMetrics(61.25, 80, 90, 95, 55.5, 30, 100, 0);
        PaperTable t = PaperTable.table1("Table 1 (quick)", List.of(
                PaperTable.measured("ITKM(M)", "this kit, quick profile", Map.of("sysu_all", m, "mlr", m)),
                PaperTable.reported(PaperResults.Table.TABLE_1, "ITKM(M)")));
        String md = t.toMarkdown();
        assertTrue(md.contains("| ITKM(M) | this kit, quick profile | 61.3 | 55.5 | - |"), md);
        assertTrue(md.contains("| ITKM(M) | as reported (Pang et al., AAAI 2026) | 64.9 | 63.3 | 72.3 |"), md);
        t.write(dir.resolve("table1"));
        List<String> csv = Files.readAllLines(dir.resolve("table1.csv"));
        assertEquals("method,source,sysu_all_r1,sysu_all_map,sysu_indoor_r1,sysu_indoor_map,ltcc_cc_r1,ltcc_cc_map,"
                + "ltcc_general_r1,ltcc_general_map,mlr_r1,mlr_r5,mlr_r10,sysu_visible_r1,sysu_visible_map,"
                + "sysu_infrared_r1,sysu_infrared_map,ltcc_same_clothes_r1,ltcc_same_clothes_map", csv.get(0));
        // RFC 4180: a field with a comma (or a quote, doubled) is quoted, so every line has the header's fields
        assertEquals("ITKM(M),\"this kit, quick profile\",61.25,55.50,,,,,,,61.25,80.00,90.00,,,,,,", csv.get(1));
        assertTrue(Files.readString(dir.resolve("table1.md")).startsWith("**Table 1 (quick)**"));
    }

    @Test
    void withinColumnsFollowThePapersAndStayEmptyForReportedRows() {
        RankingMetrics visible = new RankingMetrics(70, 80, 90, 95, 60, 30, 600, 0);
        RankingMetrics sameClothes = new RankingMetrics(40, 50, 60, 70, 30.25, 20, 105, 0);
        // keys as RunTables.byProtocolKey makes them from the protocol ids
        PaperTable t = PaperTable.table1("Table 1", List.of(
                PaperTable.measured("CC", "this kit", Map.of("sysu_visible", visible, "ltcc_same_clothes", sameClothes)),
                PaperTable.reported(PaperResults.Table.TABLE_1, "ITKM(M)")));
        assertEquals(List.of("sysu_visible_r1", "sysu_visible_map", "sysu_infrared_r1", "sysu_infrared_map",
                "ltcc_same_clothes_r1", "ltcc_same_clothes_map"), t.columns().subList(11, 17));
        assertEquals(List.of("SYSU vis→vis R1", "SYSU vis→vis mAP", "SYSU IR→IR R1", "SYSU IR→IR mAP",
                "LTCC same clothes R1", "LTCC same clothes mAP"), t.headers().subList(11, 17));
        String md = t.toMarkdown();
        assertTrue(md.contains("| - | - | - | 70.0 | 60.0 | - | - | 40.0 | 30.3 |\n"), md);
        assertTrue(md.contains("| 63.6 | 85.7 | 91.6 | - | - | - | - | - | - |\n"), md);
        List<String> csv = t.toCsv().lines().toList();
        assertTrue(csv.get(1).endsWith(",,,70.00,60.00,,,40.00,30.25"), csv.get(1));
        assertTrue(csv.get(2).endsWith(",63.60,85.70,91.60,,,,,,"), csv.get(2));
    }

    @Test
    void everyProtocolARunEvaluatesHasItsRankOneInTable1() {
        RankingMetrics m = new RankingMetrics(50, 60, 70, 80, 40, 20, 10, 0);
        Map<String, Map<Protocol, RankingMetrics>> byLayout = new LinkedHashMap<>();
        for (Scenario s : Scenario.values()) {
            Map<Protocol, RankingMetrics> per = new LinkedHashMap<>();
            s.allProtocols().forEach(p -> per.put(p, m));
            byLayout.put(s.layoutName(), per);
        }
        PaperTable t = PaperTable.table1("Table 1", List.of(PaperTable.measured("x", "y",
                RunTables.byProtocolKey(byLayout))));
        for (Scenario s : Scenario.values()) {
            for (Protocol p : s.allProtocols()) {
                assertTrue(t.columns().contains(p.id().replace('-', '_') + "_r1"), p.id());
            }
        }
        assertFalse(t.toCsv().lines().toList().get(1).contains(",,"), "every column filled: " + t.toCsv());
    }
}
