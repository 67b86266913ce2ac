package org.itkm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PaperResultsTest {
    @Test
    void tablesHoldThePapersNumbers() {
        assertEquals(13, PaperResults.rows(PaperResults.Table.TABLE_1).size());
        assertEquals(64.9, PaperResults.value(PaperResults.Table.TABLE_1, "ITKM(M)", "sysu_all_r1"));
        assertEquals(91.6, PaperResults.value(PaperResults.Table.TABLE_1, "ITKM(M)", "mlr_r10"));
        assertTrue(Double.isNaN(PaperResults.value(PaperResults.Table.TABLE_1, "SDCL", "ltcc_cc_r1")));
        assertEquals(7, PaperResults.rows(PaperResults.Table.TABLE_2).size());
        assertEquals("PGM", PaperResults.rows(PaperResults.Table.TABLE_2).get("M4").get("cluster"));
        assertEquals(106.6, PaperResults.value(PaperResults.Table.TABLE_S1, "ITKM(M)", "parameters_millions"));
        // every ITKM(M) number of Table 2's M7 row equals Table 1's
        assertEquals(PaperResults.value(PaperResults.Table.TABLE_1, "ITKM(M)", "ltcc_cc_map"),
                PaperResults.value(PaperResults.Table.TABLE_2, "M7", "ltcc_cc_map"));
    }
}
