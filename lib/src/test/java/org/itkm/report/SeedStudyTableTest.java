package org.itkm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.itkm.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedStudyTableTest {
    private static final String HEADER = "method,source,sysu_all_r1,sysu_all_map,sysu_indoor_r1,ltcc_cc_r1,ltcc_cc_map,mlr_r1\n";

    @TempDir
    Path tmp;

    private Path table(String name, double ccR1, double mR1) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, HEADER
                + "\"pre-trained CLIP, no ReID training\",\"this kit, quick profile\",20.00,19.00,1,0.00,3.00,60.00\n"
                + "CC (cluster-contrast),\"this kit, quick profile\"," + ccR1 + ",14.00,1,1.00,4.00,68.00\n"
                + "ITKM(M),\"this kit, quick profile\"," + mR1 + ",20.00,1,2.00,4.00,67.00\n"
                + "CC,\"as reported (Pang et al., AAAI 2026)\",20.2,22.0,23.3,7.4,6.0,31.6\n");
        return p;
    }

    @Test
    void valuesOfEverySeedAndTheirMeanPerKitRow() throws Exception {
        Map<Long, Path> tables = new LinkedHashMap<>();
        tables.put(1L, table("s1.csv", 10.0, 16.0));
        tables.put(2L, table("s2.csv", 11.0, 13.0));
        tables.put(3L, table("s3.csv", 12.0, 13.0));
        SeedStudyTable t = SeedStudyTable.read(tables);
        assertEquals(11.0, t.mean("CC (cluster-contrast)", "sysu_all_r1"), 1e-12);
        assertEquals(14.0, t.mean("ITKM(M)", "sysu_all_r1"), 1e-12);
        assertEquals(3.0, t.spread("ITKM(M)", "sysu_all_r1"), 1e-12);
        String md = t.toMarkdown("Table 1 over training seeds");
        assertTrue(md.contains("| ITKM(M) | 16.00 / 13.00 / 13.00 (mean 14.00) |"), md);
        assertTrue(!md.contains("as reported"), "the paper's rows are not the kit's: " + md);
        String csv = t.toCsv();
        assertTrue(csv.startsWith("method,sysu_all_r1_seed1,sysu_all_r1_seed2,sysu_all_r1_seed3,sysu_all_r1_mean,"), csv);
        assertTrue(csv.contains("\n\"pre-trained CLIP, no ReID training\",20.00,20.00,20.00,20.00,"), csv);
    }

    @Test
    void valuesKeepTheCsvsTwoDecimalsRatherThanRoundingASecondTime() throws Exception {
        Map<Long, Path> tables = new LinkedHashMap<>();
        tables.put(1L, table("t1.csv", 17.85, 16.0)); // Table 1 rounded 17.846 to 17.8; 17.85 must not become 17.9
        tables.put(2L, table("t2.csv", 12.15, 13.0));
        String md = SeedStudyTable.read(tables).toMarkdown("T");
        assertTrue(md.contains("| CC (cluster-contrast) | 17.85 / 12.15 (mean 15.00) |"), md);
    }

    @Test
    void tablesWithOtherRowsOrOneSeedAreRefused() throws Exception {
        Path a = table("a.csv", 10, 16);
        Path b = tmp.resolve("b.csv");
        Files.writeString(b, HEADER + "ITKM(M),\"this kit, quick profile\",1,2,3,4,5,6\n");
        assertThrows(InvalidInputException.class, () -> SeedStudyTable.read(Map.of(1L, a)));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SeedStudyTable.read(new LinkedHashMap<>(Map.of(1L, a, 2L, b))));
        assertTrue(e.getMessage().contains("rows"), e.getMessage());
        assertThrows(InvalidInputException.class,
                () -> SeedStudyTable.read(new LinkedHashMap<>(Map.of(1L, a, 2L, tmp.resolve("missing.csv")))));
    }
}
