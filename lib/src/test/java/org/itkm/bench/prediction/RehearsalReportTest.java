package org.itkm.bench.prediction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rehearsal report, from the records of a real rehearsal run (golden/rehearsal/run, 3 Dec 2026). */
class RehearsalReportTest {
    @TempDir
    Path dir;

    private static Path run() throws Exception {
        return Path.of(RehearsalReportTest.class.getResource("/golden/rehearsal/run/manifest.json").toURI()).getParent();
    }

    private Path copy(String name, String results, boolean resumed) throws Exception {
        Path to = Files.createDirectories(dir.resolve(name));
        for (String f : List.of("config.yaml", "metrics.csv")) {
            Files.copy(run().resolve(f), to.resolve(f));
        }
        String manifest = Files.readString(run().resolve("manifest.json"));
        Files.writeString(to.resolve("manifest.json"),
                resumed ? manifest.replaceFirst("\\{", "{\"resumed\": [{\"epoch\": 1}],") : manifest);
        Files.writeString(to.resolve("results.json"), results);
        return to;
    }

    private static boolean has(String md, String regex) {
        return Pattern.compile(regex).matcher(md).find();
    }

    @Test
    void timesMemoryAndProblemSizesComeFromTheRecords() throws Exception {
        String md = RehearsalReport.of(run(), List.of());
        assertTrue(md.startsWith("# Rehearsal of the paper profile: run"), md);
        assertTrue(md.contains("Encoder: pocket at 64x32") && md.contains("Capped at 2 epochs per stage and 20 steps"), md);
        // stage I: 159.6 s for 2 of 50 epochs; the whole schedule runs 200 steps per epoch
        assertTrue(has(md, "\\| stage1 \\|\\s+2 \\|\\s+50 \\|\\s+159\\.6 \\|\\s+79\\.8 \\| 20\\.0"), md);
        // CHM's Hungarian problem of each scenario: clusters of group A x group B of that epoch
        assertTrue(has(md, "\\|\\s+0 \\| VI\\s+\\| 192 x 66"), md);
        assertTrue(has(md, "\\|\\s+1 \\| CR\\s+\\| 48 x 31"), md);
        assertTrue(md.contains("**4,959 MiB**"), md);
        assertTrue(has(md, "\\| SYSU-MM01\\s+\\| sysu-all\\s+\\|\\s+3803 \\|\\s+2\\.0 \\|"), md);
        assertTrue(!md.contains("Other runs"), "no comparison without other runs");
    }

    @Test
    void otherRunsAreComparedResultByResult() throws Exception {
        String results = Files.readString(run().resolve("results.json"));
        Path same = copy("resumed", results, true);
        Path other = copy("other", results.replace("2.0194583223770706", "2.1"), false);
        String md = RehearsalReport.of(run(), List.of(same, other));
        assertTrue(md.contains("`resumed` (resumed 1 time(s)): results.json identical to this run's"), md);
        assertTrue(md.contains("`other` (never interrupted): results.json differs from this run's"), md);
    }

    @Test
    void theReportIsAboutTheNewestRunNeverInterrupted() throws Exception {
        String results = Files.readString(run().resolve("results.json"));
        Path whole = copy("20261203-0800-itkm-M", results, false);
        Path resumed = copy("20261203-0900-itkm-M", results, true);
        assertEquals(whole, RehearsalReport.reported(List.of(whole, resumed), resumed));
        assertEquals(resumed, RehearsalReport.reported(List.of(resumed), resumed));
    }
}
