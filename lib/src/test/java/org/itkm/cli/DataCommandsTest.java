package org.itkm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** synth, data summary, data baseline from the command line, including a re-run and bad input. */
class DataCommandsTest extends CommandTestBase {

    @Test
    void synthThenSummaryThenBaseline() throws Exception {
        Path s = dir.resolve("s");
        assertEquals(0, run("synth", "--preset", "tiny", "--out", s.toString(), "--no-progress"), err);
        assertTrue(out.contains("SynthUMS preset tiny"), out);
        byte[] manifest = Files.readAllBytes(s.resolve("synthums.json"));
        assertEquals(2, run("synth", "--preset", "tiny", "--out", s.toString(), "--no-progress")); // an earlier output
        assertTrue(err.contains("--replace"), err);
        assertEquals(0, run("synth", "--preset", "tiny", "--out", s.toString(), "--no-progress", "--replace"), err);
        assertEquals(new String(manifest), Files.readString(s.resolve("synthums.json")));

        assertEquals(0, run("data", "summary", s.toString()), err);
        assertTrue(out.contains("VI (visible-infrared) SYSU-MM01"), out);
        assertTrue(out.contains("CC (clothes-changing) LTCC"), out);
        assertTrue(out.contains("CR (cross-resolution) MLR-CUHK03"), out);
        assertTrue(out.contains("  query         4        8  2 (3,6)  0/8"), out);
        assertTrue(out.contains("\"method\": \"k-means\""), out);
        // what a run with eval.split=val reads: SYSU-MM01's 2 val ids out of training, as query and gallery
        assertEquals(0, run("data", "summary", s.toString(), "--no-groups", "--split", "val"), err);
        assertTrue(out.contains("  train         4       24  6 (1,2,3,4,5,6)"), out);
        assertTrue(out.contains("  query         2        4  2 (3,6)"), out);
        assertTrue(out.contains("  validation split: the ids of exp/val_id.txt"), out);
        assertEquals(2, run("data", "summary", s.toString(), "--split", "train"));
        assertTrue(err.contains("expected test or val"), err);

        assertEquals(0, run("data", "baseline", s.toString(), "--no-verify"), err);
        assertTrue(out.contains("| VI | infrared -> visible | sysu-all |"), out);
        assertTrue(out.contains("| CC | clothes changed | ltcc-cc |"), out);
        assertTrue(out.contains("| CR | low -> high resolution | mlr |"), out);
    }

    @Test
    void synthHelpListsEveryPresetWithItsSize() {
        assertEquals(0, run("synth", "--help"));
        for (org.itkm.synth.SynthPreset p : org.itkm.synth.SynthPreset.values()) {
            assertTrue(out.contains(p.id()), p.id() + " missing from\n" + out);
            assertTrue(out.contains(String.format(java.util.Locale.ROOT, "%,d", p.sizes().totalImages())),
                    p.id() + "'s image count missing from\n" + out);
        }
        assertTrue(out.contains("256x128"), out);
    }

    @Test
    void badInputIsOneLineAndExitCode2() throws Exception {
        assertEquals(2, run("data", "summary", dir.resolve("missing").toString()));
        assertTrue(err.startsWith("error: " + dir.resolve("missing") + ": directory not found"), err);
        Path ltcc = dir.resolve("LTCC_ReID");
        Files.createDirectories(ltcc.resolve("train"));
        Files.createDirectories(ltcc.resolve("query"));
        Files.createDirectories(ltcc.resolve("test"));
        assertEquals(2, run("data", "summary", dir.toString()));
        assertEquals("error: " + ltcc.resolve("train") + ": the train split is empty; expected"
                + " <pid>_<clothes>_c<cam>_<frame>.png files", err.strip());
        assertEquals(2, run("data", "summary", dir.toString(), "--on-unreadable", "maybe"));
        assertTrue(err.contains("expected fail or skip"), err);
    }
}
