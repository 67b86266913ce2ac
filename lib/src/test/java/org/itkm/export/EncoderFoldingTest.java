package org.itkm.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.itkm.clip.ClipConfig;
import org.itkm.clip.ClipModel;
import org.itkm.clip.HostTensor;
import org.itkm.clip.VisionTransformer;
import org.itkm.clip.checkpoint.ClipArchitecture;
import org.itkm.clip.checkpoint.ClipCheckpoint;
import org.itkm.clip.inference.ClipInference;
import org.itkm.io.InvalidInputException;
import org.itkm.runtime.EngineRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Folding branch B and a scenario row into standard tensors: an ITKM encoder with a trained-looking (random,
 * non-zero) scenario table and a branch B unlike A, written in both layouts and read back as a plain CLIP,
 * gives the ITKM encoder's features for that branch and scenario.
 */
class EncoderFoldingTest {
    @TempDir
    Path dir;

    /** vit-tiny with the start / end ids an OpenAI archive implies, so both layouts can hold it. */
    static ClipConfig config() {
        ClipConfig t = ClipArchitecture.byName("vit-tiny").config();
        ClipConfig.Text x = t.text();
        return new ClipConfig(t.vision(), new ClipConfig.Text(x.vocabSize(), x.width(), x.layers(), x.heads(),
                x.mlpDim(), x.contextLength(), x.vocabSize() - 2, x.vocabSize() - 1, 0, x.activation(),
                x.layerNormEps()), t.projectionDim(), t.scenarios());
    }

    @Test
    void foldedCheckpointGivesTheBranchAndScenarioFeaturesInBothLayouts() throws Exception {
        ClipConfig c = config();
        Random r = new Random(7);
        int n = 3;
        float[] pixels = new float[n * 3 * c.vision().inputHeight() * c.vision().inputWidth()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) r.nextGaussian();
        }
        try (NDManager m = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            ClipModel model = ClipModel.create(c, m);
            randomise(model, "scenario_embedding", r, 0.5f);
            randomise(model, "patch_embedding_b", r, 0.05f);
            float[] expected;
            float[] plainA;
            try (ClipInference itkm = ClipInference.of(model, m.getDevice())) {
                expected = itkm.encodePixels(pixels, n, 1, 2, buffer(pixels));
                plainA = itkm.encodePixels(pixels, n, 0, -1, buffer(pixels));
            }
            assertTrue(maxDiff(expected, plainA) > 1e-2, "branch B + scenario 2 should change the features");
            Map<String, HostTensor> folded = EncoderFolding.fold(model.export(true), 1, 2);
            assertFalse(folded.containsKey(VisionTransformer.SCENARIO_EMBEDDING));
            assertFalse(folded.containsKey(VisionTransformer.PATCH_EMBEDDING_B));
            for (StandardCheckpoint.Format f : StandardCheckpoint.Format.values()) {
                Path out = Files.createDirectories(dir.resolve(f.name()));
                List<String> notes = new ArrayList<>();
                String name = StandardCheckpoint.write(f, folded, c, out, null, "test", notes);
                try (ClipCheckpoint ckpt = ClipCheckpoint.open(name == null ? out : out.resolve(name));
                        ClipInference plain = ClipInference.load(ckpt, 0, 0)) {
                    assertFalse(ckpt.shapes().containsKey(VisionTransformer.SCENARIO_EMBEDDING), f.name());
                    float[] got = plain.encodePixels(pixels, n, 0, -1, buffer(pixels));
                    double d = maxDiff(expected, got);
                    System.out.println(f + " layout: max |feature difference| " + d);
                    assertTrue(d < 1e-4, f + ": folded features differ by " + d);
                }
            }
        }
    }

    @Test
    void openAiLayoutRefusesWhatItWouldReadBackAsAnotherModel() {
        ClipConfig c = config().withInputSize(64, 32);
        assertTrue(OpenAiLayoutLimits.mismatches(config()).isEmpty());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> StandardCheckpoint.requireExpressible(StandardCheckpoint.Format.OPENAI, c, "x"));
        assertTrue(e.getMessage().contains("4x2 patch grid") && e.getMessage().contains("--format hf"), e.getMessage());
        StandardCheckpoint.requireExpressible(StandardCheckpoint.Format.HF, c, "x");
        assertEquals(1, OpenAiLayoutLimits.mismatches(c).size());
    }

    @Test
    void scenarioRowIsAddedToEveryPositionRow() {
        HostTensor pos = new HostTensor(new long[] {3, 2}, new float[] {1, 2, 3, 4, 5, 6});
        HostTensor scn = new HostTensor(new long[] {2, 2}, new float[] {10, 20, 30, 40});
        assertEquals(List.of(31f, 42f, 33f, 44f, 35f, 46f), boxed(EncoderFolding.addRow(pos, scn, 1).data()));
    }

    private static void randomise(ClipModel model, String name, Random r, float scale) {
        var p = model.vision().getParameters().get(name);
        float[] v = new float[(int) p.getArray().getShape().size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian() * scale;
        }
        p.getArray().set(v);
    }

    private static ByteBuffer buffer(float[] pixels) {
        return ByteBuffer.allocateDirect(4 * pixels.length).order(ByteOrder.nativeOrder());
    }

    static double maxDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    private static List<Float> boxed(float[] v) {
        List<Float> out = new ArrayList<>();
        for (float x : v) {
            out.add(x);
        }
        return out;
    }
}
