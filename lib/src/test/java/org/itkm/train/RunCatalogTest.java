package org.itkm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A setting names a run: asked again it is reused, asked with another configuration it is trained anew. */
class RunCatalogTest {
    @TempDir
    Path dir;

    /** A smoke-profile catalog over {@code synth}, starting from the shipped pocket CLIP. */
    private RunCatalog smokeCatalog(Path synth, String... overrides) {
        Path results = dir.resolve("results");
        List<String> all = new java.util.ArrayList<>(List.of("data.synthRoot=" + synth));
        all.addAll(List.of(overrides));
        return new RunCatalog(results, "smoke", all, false);
    }

    @Test
    void reusesOnlyRunsWithTheSameConfiguration() throws Exception {
        Path synth = TinyTrainingInputs.synth(dir.resolve("synth"));
        RunCatalog runs = smokeCatalog(synth, "stage1.epochs=1", "stage1.warmupEpochs=0");
        StringWriter log = new StringWriter();
        PrintWriter out = new PrintWriter(log, true);
        List<String> baseline = List.of("training.method=cluster-contrast", "training.mode=S", "training.scenario=VI",
                "stage3.epochs=0");
        RunCatalog.Finished first = runs.obtain(baseline, out);
        Thread.sleep(1100); // run ids carry the second they started
        RunCatalog.Finished again = runs.obtain(baseline, out);
        assertEquals(first.dir(), again.dir());
        assertEquals(first.metrics(), again.metrics());
        assertTrue(log.toString().contains("reusing finished run"), log.toString());

        // a run record without checkpoints (as committed to git) is not reused: a clone reproduces it
        java.nio.file.Files.move(first.dir().resolve("checkpoints"), dir.resolve("moved-checkpoints"));
        Thread.sleep(1100);
        RunCatalog.Finished fresh = runs.obtain(baseline, out);
        assertNotEquals(first.dir(), fresh.dir());

        // a run from another pocket CLIP (a re-made artifact) is not the run of this one
        Path manifest = fresh.dir().resolve("manifest.json");
        com.google.gson.JsonObject m = com.google.gson.JsonParser.parseString(java.nio.file.Files.readString(manifest))
                .getAsJsonObject();
        String shipped = m.getAsJsonObject(TrainingRun.POCKET_CLIP).get("weightsSha256").getAsString();
        assertEquals(org.itkm.artifact.PocketClipArtifact.weightsSha256(ClipSource.resolve(runs.configOf(baseline)
                .config())), shipped);
        m.getAsJsonObject(TrainingRun.POCKET_CLIP).addProperty("weightsSha256", "0".repeat(64));
        java.nio.file.Files.writeString(manifest, m.toString());
        Thread.sleep(1100);
        RunCatalog.Finished latest = runs.obtain(baseline, out);
        assertNotEquals(fresh.dir(), latest.dir());
        assertTrue(log.toString().contains("not reusing " + fresh.dir() + ": the shipped pocket CLIP changed since"
                + " it was trained (weights SHA-256 " + "0".repeat(64) + ", now " + shipped + ")"), log.toString());

        // regenerated data (here: one training image one byte longer) are not the data the run saw
        Path image;
        try (var files = java.nio.file.Files.walk(synth.resolve("SYSU-MM01").resolve("cam1"))) {
            image = files.filter(p -> p.toString().endsWith(".jpg") || p.toString().endsWith(".png")).sorted()
                    .findFirst().orElseThrow();
        }
        byte[] original = java.nio.file.Files.readAllBytes(image);
        java.nio.file.Files.write(image, java.util.Arrays.copyOf(original, original.length + 1));
        Thread.sleep(1100);
        RunCatalog.Finished retrained = runs.obtain(baseline, out);
        assertNotEquals(latest.dir(), retrained.dir());
        assertTrue(log.toString().contains("not reusing " + latest.dir() + ": the SYSU-MM01 data changed"),
                log.toString());
        java.nio.file.Files.write(image, original);

        List<String> changed = List.of("training.method=cluster-contrast", "training.mode=S", "training.scenario=VI",
                "stage3.epochs=0", "cluster.eps=0.5");
        RunCatalog.Finished other = runs.obtain(changed, "eps0.5", out);
        assertNotEquals(first.dir(), other.dir());
        assertTrue(other.dir().getFileName().toString().endsWith("-baseline-S-VI-eps0.5"), other.dir().toString());
        assertEquals("baseline-S-VI", RunCatalog.runName(runs.configOf(baseline).config()));

        // the untrained reference row: every scenario's protocols, from the same checkpoint
        var pretrained = runs.pretrained();
        assertEquals(List.of("SYSU-MM01", "LTCC", "MLR-CUHK03"), List.copyOf(pretrained.keySet()));
        assertEquals(org.itkm.data.Scenario.VI.allProtocols().size(), pretrained.get("SYSU-MM01").size());
    }

    @Test
    void validationRunsAreNamedRecordedAndReusedApartFromTestRuns() throws Exception {
        Path synth = TinyTrainingInputs.synth(dir.resolve("synth"));
        RunCatalog runs = smokeCatalog(synth, "stage1.epochs=1", "stage1.warmupEpochs=0");
        PrintWriter out = new PrintWriter(new StringWriter(), true);
        List<String> supervised = List.of("training.method=supervised", "training.mode=S", "training.scenario=VI",
                "stage3.epochs=0");
        List<String> onValidation = new java.util.ArrayList<>(supervised);
        onValidation.add("eval.split=val");
        RunCatalog.Finished val = runs.obtain(onValidation, out);
        assertTrue(val.dir().getFileName().toString().endsWith("-supervised-S-VI-val"), val.dir().toString());
        Thread.sleep(1100); // run ids carry the second they started
        RunCatalog.Finished test = runs.obtain(supervised, out);
        assertNotEquals(val.dir(), test.dir(), "a validation run is not reused for the test setting");
        assertTrue(test.dir().getFileName().toString().endsWith("-supervised-S-VI"), test.dir().toString());
        assertEquals(val.dir(), runs.obtain(onValidation, out).dir(), "nor the test run for the validation one");
        assertEquals(List.of("SYSU-MM01"), List.copyOf(val.metrics().keySet()));

        // the manifest says which identities the figures are of: SynthUMS tiny's 2 val ids or its 4 test ids
        for (var run : List.of(val, test)) {
            var evaluation = com.google.gson.JsonParser.parseString(java.nio.file.Files.readString(
                    run.dir().resolve("manifest.json"))).getAsJsonObject().getAsJsonObject("evaluation");
            boolean isVal = run == val;
            assertEquals(isVal ? "val" : "test", evaluation.get("split").getAsString());
            assertEquals(isVal ? 2 : 4, evaluation.getAsJsonObject("SYSU-MM01").get("identities").getAsInt());
        }
    }

    @Test
    void probesTheEncoderAndThePixelsOfImagesWithAttributesOnly() throws Exception {
        Path synth = TinyTrainingInputs.synth(dir.resolve("synth"));
        RunCatalog runs = smokeCatalog(synth);
        var probes = runs.pretrainedProbes(org.itkm.data.Scenario.CC, List.of("camid", "hair_colour"));
        var config = runs.configOf(List.of()).config();
        assertEquals(List.of("pre-trained CLIP", "pixels " + config.data().height() + "x" + config.data().width()),
                List.copyOf(probes.keySet()));
        for (var scores : probes.values()) {
            assertEquals(List.of("camid", "hair_colour"), scores.stream().map(s -> s.attribute()).toList());
            assertTrue(scores.get(0).trainImages() > 0 && scores.get(0).testImages() > 0, scores.toString());
        }

        // without the attribute sidecar (as in a real data set) nothing is probed, and the message says why
        java.nio.file.Files.delete(synth.resolve("LTCC_ReID").resolve("attributes.csv"));
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.itkm.io.InvalidInputException.class,
                () -> runs.pretrainedProbes(org.itkm.data.Scenario.CC, List.of("camid")));
        assertTrue(e.getMessage().contains("no CC training images with SynthUMS attributes"), e.getMessage());
    }
}
