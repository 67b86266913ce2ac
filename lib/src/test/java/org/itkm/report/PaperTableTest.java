package org.itkm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.itkm.eval.RankingMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaperTableTest {
    @TempDir
    Path dir;

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
                + "ltcc_general_r1,ltcc_general_map,mlr_r1,mlr_r5,mlr_r10", csv.get(0));
        assertEquals("ITKM(M),this kit; quick profile,61.25,55.50,,,,,,,61.25,80.00,90.00", csv.get(1));
        assertTrue(Files.readString(dir.resolve("table1.md")).startsWith("**Table 1 (quick)**"));
    }
}
