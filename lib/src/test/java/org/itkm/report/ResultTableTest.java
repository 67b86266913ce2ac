package org.itkm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.itkm.eval.RankingMetrics;
import org.junit.jupiter.api.Test;

class ResultTableTest {
    @Test
    void padsColumnsAndRightAlignsNumericOnes() {
        ResultTable t = new ResultTable("method", "mAP").addRow("baseline", "7.5").addRow("ITKM", "12.25");
        assertEquals("""
                | method   |   mAP |
                | -------- | ----: |
                | baseline |   7.5 |
                | ITKM     | 12.25 |
                """, t.toMarkdown());
        assertEquals(t.toMarkdown(), t.toString());
    }

    @Test
    void escapesPipesAndLineBreaksInsideCells() {
        ResultTable t = new ResultTable("a|b").addRow("x\ny");
        assertEquals("""
                | a\\|b |
                | ---- |
                | x y  |
                """, t.toMarkdown());
    }

    @Test
    void metricsRowsFollowTheMapOrderWithTwoDecimals() {
        Map<String, RankingMetrics> m = new LinkedHashMap<>();
        m.put("sysu-all", new RankingMetrics(55.555, 80, 90, 95, 50.004, 30.5, 3803, 0));
        m.put("standard", new RankingMetrics(100, 100, 100, 100, 99.999, 98, 12, 1));
        ResultTable t = ResultTable.ofMetrics("protocol", m);
        assertEquals(2, t.rowCount());
        assertEquals("sysu-all", t.cell(0, 0));
        assertEquals("55.56", t.cell(0, 1));
        assertEquals("50.00", t.cell(0, 5));
        assertEquals("3803", t.cell(0, 7));
        assertEquals("standard", t.cell(1, 0));
        assertEquals("100.00", t.cell(1, 5));
        assertEquals(
                "| protocol | Rank-1 | Rank-5 | Rank-10 | Rank-20 |    mAP |  mINP | queries |",
                t.toMarkdown().lines().findFirst().orElseThrow());
    }

    @Test
    void rejectsRowsOfTheWrongWidth() {
        ResultTable t = new ResultTable("a", "b");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.addRow("only one"));
        assertEquals("row [only one] has 1 cells but the table has 2 columns [a, b]", e.getMessage());
    }
}
