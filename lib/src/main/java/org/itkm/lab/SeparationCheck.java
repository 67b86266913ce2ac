package org.itkm.lab;

import java.util.Random;
import org.itkm.loss.ScenarioSeparationLoss;

/**
 * Lab 04's check: value and gradient of a student's {@link SeparationLoss} against the kit's
 * {@link ScenarioSeparationLoss} on batches of two and three scenarios, a one-scenario batch and margins
 * that make every pair, some pairs or no pair active.
 */
public final class SeparationCheck {
    private static final double TOL = 1e-4;

    private SeparationCheck() {}

    record Case(String name, float[] text, int rows, int dim, int[] scenario, float margin) {}

    public static CheckResult run(SeparationLoss student) {
        CheckRun run = new CheckRun("lab04 SeparationLoss");
        for (Case c : cases()) {
            run.check(c.name(), () -> compare(student, c));
        }
        return run.print();
    }

    static Case[] cases() {
        return new Case[] {
            random("8 rows, 2 scenarios, m 0.5", 1, 8, 4, 2, 0.5f, 0.8, false),
            random("12 rows, 3 scenarios, m 0.5", 2, 12, 6, 3, 0.5f, 0.8, false),
            random("9 rows, 3 scenarios, m 0.1", 3, 9, 5, 3, 0.1f, 0.5, false),
            random("6 rows, 2 scenarios, m -1 (every pair active)", 4, 6, 3, 2, -1f, 0.5, false),
            random("6 rows, 1 scenario", 5, 6, 3, 1, 0.5f, 0.8, false),
            random("10 rows, 2 scenarios, norms far from 1", 6, 10, 4, 2, 0.3f, 3.0, true),
        };
    }

    /**
     * Rows share a common direction (weight {@code shared}) so that many cross-scenario cosines exceed m;
     * {@code scaled} rows get norms from 0.2 to 3.2, which a dot product in place of the cosine notices.
     */
    private static Case random(String name, long seed, int b, int d, int scenarios, float margin, double shared,
            boolean scaled) {
        Random r = new Random(seed);
        float[] common = MemoryContrastCheck.gaussian(r, d);
        float[] x = new float[b * d];
        int[] s = new int[b];
        for (int i = 0; i < b; i++) {
            s[i] = i % scenarios;
            double scale = scaled ? 0.2 + 3 * r.nextDouble() : 1;
            for (int k = 0; k < d; k++) {
                x[i * d + k] = (float) (scale * (shared * common[k] + r.nextGaussian()));
            }
        }
        return new Case(name, x, b, d, s, margin);
    }

    private static LossProbe.Outcome kit(Case c, float margin, int[] scenario) {
        return LossProbe.of(c.text(), c.rows(), c.dim(), (t, m) -> new ScenarioSeparationLoss(margin).compute(t, scenario));
    }

    private static String compare(SeparationLoss student, Case c) {
        LossProbe.Outcome got = LossProbe.of(c.text(), c.rows(), c.dim(),
                (t, m) -> student.loss(t, c.scenario().clone(), c.margin()));
        LossProbe.Outcome want = kit(c, c.margin(), c.scenario());
        if (!got.scalar()) {
            return Difference.withHint("loss shape " + java.util.Arrays.toString(got.shape().getShape()) + " expected [] (a scalar)",
                    "average the hinge over the cross-scenario pairs into one number");
        }
        String d = Difference.scalar("loss", got.value(), want.value(), TOL);
        if (d != null) {
            return Difference.withHint(d, hint(c, got.value(), want.value()));
        }
        double[] g = new double[got.gradient().length];
        double[] w = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = got.gradient()[i];
            w[i] = want.gradient()[i];
        }
        d = Difference.matrix("gradient of the text", g, c.rows(), c.dim(), w, c.rows(), c.dim(), TOL);
        return Difference.withHint(d, "the value is right but not its gradient: build the loss from NDArray"
                + " operations on the text (Scalars.sub / Scalars.maximum for the margin and the hinge)");
    }

    private static String hint(Case c, double got, double want) {
        int b = c.rows();
        if (distinct(c.scenario()) == 1) {
            return "a batch of one scenario has no pair to separate: return 0";
        }
        if (Difference.close(got, allPairsMean(c), TOL)) {
            return "that averages over all pairs; only pairs from different scenarios count, in the sum and in the"
                    + " mean";
        }
        if (Difference.close(got, kit(c, -c.margin(), c.scenario()).value(), TOL)) {
            return "the sign of the margin: the hinge is [cos - m]_+ (pairs closer than the margin allows are"
                    + " pushed apart)";
        }
        return "normalise the text rows (cosine, not dot product) and apply the hinge per pair before the mean";
    }

    /** Mean of [cos - m]_+ over every ordered pair a != b, whatever the scenarios: to recognise that mistake. */
    private static double allPairsMean(Case c) {
        int b = c.rows();
        int d = c.dim();
        double sum = 0;
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < b; j++) {
                if (i != j) {
                    sum += Math.max(0, cosine(c.text(), i, j, d) - c.margin());
                }
            }
        }
        return sum / (b * (b - 1.0));
    }

    private static double cosine(float[] x, int i, int j, int d) {
        double dot = 0;
        double ni = 0;
        double nj = 0;
        for (int k = 0; k < d; k++) {
            dot += x[i * d + k] * x[j * d + k];
            ni += x[i * d + k] * x[i * d + k];
            nj += x[j * d + k] * x[j * d + k];
        }
        return dot / Math.sqrt(ni * nj);
    }

    private static long distinct(int[] s) {
        return java.util.Arrays.stream(s).distinct().count();
    }
}
