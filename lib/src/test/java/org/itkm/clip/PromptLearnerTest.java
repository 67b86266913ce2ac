package org.itkm.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.HashMap;
import java.util.Map;
import org.itkm.clip.checkpoint.ClipCheckpoint;
import org.itkm.clip.inference.ClipInference;
import org.itkm.clip.tokenizer.ClipTokenizer;
import org.itkm.io.FloatMatrix;
import org.junit.jupiter.api.Test;

/** Prompt learner on the tiny golden checkpoint: prompt assembly, gradients, chunked features. */
class PromptLearnerTest {
    private static final String PREFIX = "a photo of a";
    private static final String SUFFIX = "person .";

    @Test
    void promptWithWordVectorsEqualsTheTokenizedSentence() {
        try (ClipCheckpoint ckpt = ClipCheckpoint.open(Golden.dir("hf-tiny"));
                ClipInference clip = ClipInference.load(ckpt, 0, 0);
                ClipTokenizer tok = ckpt.openTokenizer();
                NDManager m = NDManager.newBaseManager()) {
            ClipModel model = clip.model();
            PromptLearner pl = PromptLearner.create(model.text(), tok, 3, 4, PREFIX, SUFFIX, m);
            assertEquals(1 + 4 + 4 + 3, pl.length());
            // identity 1's context := the token embedding of "x" four times
            int x = tok.encodeWords("x")[0];
            HostTensor table = ParameterValues.read(model.text().tokenEmbeddingParameter());
            int d = model.config().text().width();
            HostTensor ctx = ParameterValues.read(pl.context());
            for (int k = 0; k < 4; k++) {
                System.arraycopy(table.data(), x * d, ctx.data(), (d * 4) + k * d, d);
            }
            ParameterValues.assign(pl.context(), ctx);
            ParameterStore ps = new ParameterStore(m, false);
            FloatMatrix all = pl.allTextFeatures(ps, model.text(), m, 2, false);
            FloatMatrix sentence = clip.encodeTokenIds(new int[][] {tok.encode("a photo of a x x x x person .", 16)}, 1,
                    false);
            float[] row1 = java.util.Arrays.copyOfRange(all.data(), all.cols(), 2 * all.cols());
            assertArrayEquals(sentence.data(), row1, 1e-4f);
            float[] row0 = java.util.Arrays.copyOfRange(all.data(), 0, all.cols());
            assertFalse(java.util.Arrays.equals(row0, row1), "identities have their own prompts");
        }
    }

    @Test
    void gradientsReachOnlyThePromptVectorsOfTheBatch() {
        try (ClipCheckpoint ckpt = ClipCheckpoint.open(Golden.dir("hf-tiny"));
                ClipInference clip = ClipInference.load(ckpt, 0, 0);
                ClipTokenizer tok = ckpt.openTokenizer();
                NDManager m = NDManager.newBaseManager()) {
            ClipModel model = clip.model();
            PromptLearner pl = PromptLearner.create(model.text(), tok, 5, 4, PREFIX, SUFFIX, m);
            Map<String, HostTensor> before = model.export(true);
            HostTensor ctxBefore = ParameterValues.read(pl.context());
            model.freezeParameters(true); // the frozen CLIP of Stage II
            for (Parameter p : pl.trainableParameters()) {
                p.getArray().setRequiresGradient(true);
            }
            ParameterStore ps = new ParameterStore(m, false);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build();
            try (NDManager step = m.newSubManager();
                    GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray t = pl.textFeatures(ps, model.text(), new int[] {1, 3, 3}, step, true);
                NDArray target = step.randomNormal(new Shape(3, model.config().projectionDim()));
                gc.backward(t.sub(target).square().sum());
            }
            NDArray grad = pl.context().getArray().getGradient();
            float[] g = grad.toFloatArray();
            int row = 4 * model.config().text().width();
            for (int id = 0; id < 5; id++) {
                double norm = 0;
                for (int j = 0; j < row; j++) {
                    norm += Math.abs(g[id * row + j]);
                }
                assertEquals(id == 1 || id == 3, norm > 0, "gradient of identity " + id + ": " + norm);
            }
            for (Pair<String, Parameter> p : model.text().getParameters()) {
                assertFalse(p.getValue().getArray().hasGradient(), p.getKey() + " must stay frozen");
            }
            for (Parameter p : pl.trainableParameters()) {
                try (NDArray gg = p.getArray().getGradient()) {
                    adam.update(p.getId(), p.getArray(), gg);
                }
            }
            grad.close();
            Map<String, HostTensor> after = model.export(true);
            for (var e : before.entrySet()) {
                assertArrayEquals(e.getValue().data(), after.get(e.getKey()).data(), 0f, e.getKey() + " changed");
            }
            HostTensor ctxAfter = ParameterValues.read(pl.context());
            for (int id = 0; id < 5; id++) {
                float[] a = java.util.Arrays.copyOfRange(ctxBefore.data(), id * row, (id + 1) * row);
                float[] b = java.util.Arrays.copyOfRange(ctxAfter.data(), id * row, (id + 1) * row);
                if (id == 1 || id == 3) {
                    assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
                } else {
                    assertArrayEquals(a, b, 0f, "identity " + id + " must not move");
                }
            }
        }
    }

    @Test
    void thousandsOfIdentitiesInChunksMatchOneByOne() {
        try (ClipCheckpoint ckpt = ClipCheckpoint.open(Golden.dir("hf-tiny"));
                ClipInference clip = ClipInference.load(ckpt, 0, 0);
                ClipTokenizer tok = ckpt.openTokenizer();
                NDManager m = NDManager.newBaseManager()) {
            PromptLearner pl = PromptLearner.create(clip.model().text(), tok, 3000, 4, PREFIX, SUFFIX, m);
            ParameterStore ps = new ParameterStore(m, false);
            FloatMatrix all = pl.allTextFeatures(ps, clip.model().text(), m, 512, false);
            assertEquals(3000, all.rows());
            assertTrue(all.firstNonFinite() < 0);
            Map<Integer, float[]> single = new HashMap<>();
            for (int id : new int[] {0, 1234, 2999}) {
                try (NDManager step = m.newSubManager()) {
                    single.put(id, pl.textFeatures(ps, clip.model().text(), new int[] {id}, step, false).toFloatArray());
                }
                assertArrayEquals(single.get(id), java.util.Arrays.copyOfRange(all.data(), id * all.cols(),
                        (id + 1) * all.cols()), 1e-5f);
            }
        }
    }
}
