package org.itkm.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.itkm.cli.ItkmCli;
import org.itkm.clip.VisionTransformer;
import org.itkm.clip.checkpoint.ClipCheckpoint;
import org.itkm.robustness.RunFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an export of a single-stage run refuses (one line, exit 2, nothing written): branch B, which it never
 * trained, and a scenario embedding, which it has none of; and what it writes by default (branch A, no
 * scenario) and refuses to overwrite without --replace.
 */
class ExportRefusalTest {
    @TempDir
    Path dir;
    private String out;
    private String err;

    @Test
    void aBaselineExportsBranchAWithoutScenarioAndRefusesTheRest() throws Exception {
        Path synth = RunFixtures.synth(); // SynthUMS tiny and a random pocket CLIP, shared by the test JVM
        Path clip = RunFixtures.clip();
        Path results = dir.resolve("results");
        // the cheapest finished run: one clustering-only epoch (every image noise)
        cli(0, "train", "--profile", "smoke", "--results", results.toString(), "--method", "cluster-contrast", "--mode",
                "S", "--scenario", "VI", "stage1.epochs=1", "stage3.epochs=0", "eval.everyEpochs=0",
                "cluster.minSamples=1000", "data.synthRoot=" + synth, "model.checkpoint=" + clip);
        Path run;
        try (Stream<Path> s = Files.list(results.resolve("smoke").resolve("runs"))) {
            run = s.findFirst().orElseThrow();
        }
        Path x = dir.resolve("x");
        cli(2, "export", run.toString(), "--out", x.toString(), "--branch", "B");
        assertTrue(err.contains("--branch B") && err.contains("cluster-contrast run") && err.contains("patch embedding A only"), err);
        cli(2, "export", run.toString(), "--out", x.toString(), "--scenario", "VI");
        assertTrue(err.contains("--scenario VI") && err.contains("no scenario embedding"), err);
        cli(2, "export", run.toString(), "--out", x.toString(), "--scenario", "2");
        assertTrue(err.contains("--scenario must be VI, CC or CR, not '2'"), err);
        cli(2, "export", run.toString(), "--out", x.toString(), "--format", "onnx");
        assertTrue(err.contains("--format must be hf or openai, not 'onnx'"), err);
        assertFalse(Files.exists(x), "a refused export writes nothing");

        cli(0, "export", run.toString(), "--out", x.toString());
        assertTrue(out.contains("branch A, scenario none"), out);
        try (ClipCheckpoint c = ClipCheckpoint.open(x)) {
            assertFalse(c.shapes().containsKey(VisionTransformer.PATCH_EMBEDDING_B));
            assertFalse(c.shapes().containsKey(VisionTransformer.SCENARIO_EMBEDDING));
            assertEquals(64, c.config().vision().inputHeight());
            assertEquals(32, c.config().vision().inputWidth());
        }
        assertTrue(Files.isRegularFile(x.resolve("tokenizer.json")), "the source CLIP's tokenizer travels along");
        cli(2, "export", run.toString(), "--out", x.toString());
        assertTrue(err.contains("--replace"), err);
        cli(0, "export", run.toString(), "--out", x.toString(), "--replace");
    }

    private void cli(int expectedCode, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = ItkmCli.execute(args, new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        assertEquals(expectedCode, code, String.join(" ", args) + "\nstdout: " + out + "\nstderr: " + err);
    }
}
