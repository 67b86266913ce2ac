package org.itkm.lab;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.itkm.loss.MemoryContrastLoss;
import org.itkm.loss.Positives;
import org.itkm.runtime.OwnedArrays;

/**
 * Lab 03's check: value and feature gradient of a student's {@link MemoryContrast} against the kit's
 * {@link MemoryContrastLoss}, on batches with and without noise rows and at two temperatures. A mismatch is
 * compared with the usual mistakes (no temperature, no normalisation, a sum instead of a mean, noise rows
 * counted) to give a hint.
 */
public final class MemoryContrastCheck {
    private static final double TOL = 1e-4;

    private MemoryContrastCheck() {}

    /** One batch: features, memory, labels, temperature. */
    record Case(String name, float[] features, int rows, int dim, float[] memory, int clusters, int[] labels, float t) {}

    public static CheckResult run(MemoryContrast student) {
        CheckRun run = new CheckRun("lab03 MemoryContrast");
        for (Case c : cases()) {
            run.check(c.name(), () -> compare(student, c));
        }
        return run.print();
    }

    static Case[] cases() {
        return new Case[] {
            random("8 rows, 5 clusters, tau 0.05", 1, 8, 4, 5, 0.05f, false, 1),
            random("16 rows, 7 clusters, tau 0.05, noise rows", 2, 16, 6, 7, 0.05f, true, 1),
            random("6 rows, 3 clusters, tau 0.5", 3, 6, 3, 3, 0.5f, false, 1),
            random("12 rows, 4 clusters, tau 0.1, features 5 times larger", 4, 12, 5, 4, 0.1f, false, 5),
            new Case("all rows noise", gaussian(new Random(5), 3 * 4), 3, 4, unitRows(new Random(6), 2, 4), 2,
                    new int[] {-1, -1, -1}, 0.05f),
        };
    }

    /** @param scale features far from unit length catch a loss that forgets to normalise them */
    private static Case random(String name, long seed, int b, int d, int c, float t, boolean noise, float scale) {
        Random r = new Random(seed);
        float[] f = gaussian(r, b * d);
        for (int i = 0; i < f.length; i++) {
            f[i] *= scale;
        }
        int[] y = new int[b];
        for (int i = 0; i < b; i++) {
            y[i] = noise && i % 3 == 0 ? -1 : r.nextInt(c);
        }
        return new Case(name, f, b, d, unitRows(r, c, d), c, y, t);
    }

    static float[] gaussian(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    static float[] unitRows(Random r, int rows, int d) {
        float[] x = gaussian(r, rows * d);
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += x[i * d + k] * x[i * d + k];
            }
            for (int k = 0; k < d; k++) {
                x[i * d + k] /= (float) Math.sqrt(s);
            }
        }
        return x;
    }

    /** The kit's loss on a case, at a given temperature. */
    private static LossProbe.Outcome kit(Case c, float t) {
        return LossProbe.of(c.features(), c.rows(), c.dim(), (f, m) -> new MemoryContrastLoss(t).compute(f,
                OwnedArrays.floats(m, c.memory(), new Shape(c.clusters(), c.dim())),
                Positives.oneHot(m, c.labels(), c.clusters())));
    }

    private static String compare(MemoryContrast student, Case c) {
        LossProbe.Outcome got = LossProbe.of(c.features(), c.rows(), c.dim(), (f, m) -> student.loss(f,
                OwnedArrays.floats(m, c.memory(), new Shape(c.clusters(), c.dim())), c.labels().clone(), c.t()));
        LossProbe.Outcome want = kit(c, c.t());
        if (!got.scalar()) {
            return Difference.withHint("loss shape " + java.util.Arrays.toString(got.shape().getShape()) + " expected [] (a scalar)",
                    "average the per-row losses into one number");
        }
        String d = Difference.scalar("loss", got.value(), want.value(), TOL);
        if (d != null) {
            return Difference.withHint(d, hint(c, got.value(), want.value()));
        }
        d = Difference.matrix("gradient of the features", toDouble(got.gradient()), c.rows(), c.dim(),
                toDouble(want.gradient()), c.rows(), c.dim(), TOL);
        if (d != null) {
            boolean zero = java.util.Arrays.equals(got.gradient(), new float[got.gradient().length]);
            return Difference.withHint(d, zero ? "no gradient reaches the features: compute the loss with NDArray"
                    + " operations on them (no toFloatArray / create in between)"
                    : "the value is right but not its gradient: use the kit's Scalars.div for the temperature"
                            + " (DJL's div(Number) can corrupt the backward pass) and keep the memory constant");
        }
        return null;
    }

    private static String hint(Case c, double got, double want) {
        if (Difference.close(got, kit(c, 1f).value(), TOL)) {
            return "that is the loss at temperature 1: divide the cosine similarities by tau";
        }
        long kept = java.util.Arrays.stream(c.labels()).filter(y -> y >= 0).count();
        if (kept > 0 && Difference.close(got, want * kept, TOL)) {
            return "that is the sum over the rows: take the mean over the rows that have a label";
        }
        if (kept > 0 && kept < c.rows() && Difference.close(got, want * kept / c.rows(), TOL)) {
            return "that divides by all B rows: noise rows (label -1) count in neither the sum nor the mean";
        }
        if (kept == 0) {
            return "with every row noise there is nothing to contrast: return 0 (e.g. features.sum().mul(0))";
        }
        return "normalise each feature row to unit length before the dot products with the memory";
    }

    private static double[] toDouble(float[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i];
        }
        return out;
    }
}
