package org.itkm.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.itkm.runtime.OwnedArrays;
import org.itkm.runtime.Scalars;
import org.junit.jupiter.api.Test;

/** Labs 03 and 04: the loss checks pass right losses and name the typical mistakes. */
class LossChecksTest {
    enum ContrastMistake { NONE, NO_TEMPERATURE, SUM, NOISE_COUNTED, NOT_NORMALISED, DETACHED }

    static MemoryContrast contrast(ContrastMistake mistake) {
        return (f, memory, labels, t) -> {
            NDManager m = f.getManager();
            int b = labels.length;
            int c = (int) memory.getShape().get(0);
            float[] onehot = new float[b * c];
            int kept = 0;
            for (int i = 0; i < b; i++) {
                if (labels[i] >= 0) {
                    onehot[i * c + labels[i]] = 1;
                    kept++;
                } else if (mistake == ContrastMistake.NOISE_COUNTED) {
                    kept++;
                }
            }
            NDArray x = mistake == ContrastMistake.NOT_NORMALISED ? f : f.div(f.norm(new int[] {1}, true));
            NDArray logits = x.matMul(memory.transpose());
            if (mistake != ContrastMistake.NO_TEMPERATURE) {
                logits = Scalars.div(logits, t);
            }
            NDArray picked = logits.logSoftmax(1).mul(OwnedArrays.floats(m, onehot, new Shape(b, c))).sum().neg();
            if (kept == 0) {
                return Scalars.mul(f.sum(), 0f);
            }
            NDArray loss = mistake == ContrastMistake.SUM ? picked : Scalars.div(picked, kept);
            return mistake == ContrastMistake.DETACHED ? m.create(loss.getFloat()) : loss;
        };
    }

    enum SeparationMistake { NONE, ALL_PAIRS, PLUS_MARGIN, DOT_PRODUCT }

    static SeparationLoss separation(SeparationMistake mistake) {
        return (text, scenario, margin) -> {
            int b = scenario.length;
            float[] mask = new float[b * b];
            int pairs = 0;
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < b; j++) {
                    boolean counted = mistake == SeparationMistake.ALL_PAIRS ? i != j : scenario[i] != scenario[j];
                    if (counted) {
                        mask[i * b + j] = 1;
                        pairs++;
                    }
                }
            }
            if (pairs == 0) {
                return Scalars.mul(text.sum(), 0f);
            }
            NDArray n = mistake == SeparationMistake.DOT_PRODUCT ? text : text.div(text.norm(new int[] {1}, true));
            NDArray cos = n.matMul(n.transpose());
            NDArray shifted = mistake == SeparationMistake.PLUS_MARGIN ? Scalars.add(cos, margin) : Scalars.sub(cos, margin);
            NDArray hinge = Scalars.maximum(shifted, 0f);
            return Scalars.div(hinge.mul(OwnedArrays.floats(text.getManager(), mask, new Shape(b, b))).sum(), pairs);
        };
    }

    @Test
    void rightLossesPass() {
        CheckResult c = MemoryContrastCheck.run(contrast(ContrastMistake.NONE));
        assertTrue(c.passed(), c.report());
        CheckResult s = SeparationCheck.run(separation(SeparationMistake.NONE));
        assertTrue(s.passed(), s.report());
    }

    @Test
    void contrastMistakesFailWithTheirHints() {
        assertFails(MemoryContrastCheck.run(contrast(ContrastMistake.NO_TEMPERATURE)), "temperature 1");
        assertFails(MemoryContrastCheck.run(contrast(ContrastMistake.SUM)), "sum over the rows");
        assertFails(MemoryContrastCheck.run(contrast(ContrastMistake.NOISE_COUNTED)), "noise rows");
        assertFails(MemoryContrastCheck.run(contrast(ContrastMistake.NOT_NORMALISED)), "normalise each feature row");
        assertFails(MemoryContrastCheck.run(contrast(ContrastMistake.DETACHED)), "no gradient reaches the features");
    }

    @Test
    void separationMistakesFailWithTheirHints() {
        assertFails(SeparationCheck.run(separation(SeparationMistake.ALL_PAIRS)), "only pairs from different scenarios");
        assertFails(SeparationCheck.run(separation(SeparationMistake.PLUS_MARGIN)), "sign of the margin");
        assertFails(SeparationCheck.run(separation(SeparationMistake.DOT_PRODUCT)), "cosine, not dot product");
    }

    @Test
    void unimplementedThrowingAndNonScalar() {
        assertTrue(MemoryContrastCheck.run((f, m, y, t) -> {
            throw new NotImplementedYet();
        }).notImplemented());
        assertTrue(SeparationCheck.run((t, s, m) -> {
            throw new NotImplementedYet();
        }).notImplemented());
        CheckResult shape = MemoryContrastCheck.run((f, m, y, t) -> f.sum(new int[] {1}));
        assertFails(shape, "expected [] (a scalar)");
        CheckResult thrown = SeparationCheck.run((t, s, m) -> {
            throw new IllegalStateException("boom");
        });
        assertFails(thrown, "IllegalStateException: boom");
    }

    private static void assertFails(CheckResult r, String hint) {
        CheckAssertions.failsWithHint(r, hint);
    }
}
