package org.itkm.lab;

import java.util.Random;
import org.itkm.io.FloatMatrix;
import org.itkm.match.TextRepresentationUpdate;

/**
 * Lab 05's check: a student's {@link TextUpdate} against the kit's {@link TextRepresentationUpdate} on
 * groups with noise rows, members without a representation, a cluster without any, and several ρ and η.
 */
public final class TextUpdateCheck {
    private static final double TOL = 1e-5;

    private TextUpdateCheck() {}

    record Case(String name, FloatMatrix u, int[] labels, int clusters, double rho, double eta) {}

    public static CheckResult run(TextUpdate student) {
        CheckRun run = new CheckRun("lab05 TextUpdate (DRU)");
        for (Case c : cases()) {
            run.check(c.name(), () -> compare(student, c));
        }
        return run.print();
    }

    static Case[] cases() {
        return new Case[] {
            random("12 rows, 3 clusters, rho 0.5, eta 0.2", 1, 12, 4, 3, 3, 0.5, 0.2, false),
            random("20 rows, 4 clusters, rho 0.3, eta 0.5, noise and empty rows", 2, 20, 5, 4, 4, 0.3, 0.5, true),
            random("9 rows, 2 clusters, rho 1, eta 0.2", 3, 9, 3, 2, 2, 1.0, 0.2, false),
            random("15 rows, 5 clusters, rho 0.5, eta 1", 4, 15, 4, 5, 5, 0.5, 1.0, true),
            random("10 rows, 4 clusters (one without members), rho 0.5, eta 0.2", 5, 10, 3, 4, 3, 0.5, 0.2, false),
        };
    }

    /**
     * @param used how many of the clusters get members (the rest must keep a zero T_k)
     * @param holes every fifth row noise, every seventh without a representation
     */
    private static Case random(String name, long seed, int n, int e, int clusters, int used, double rho, double eta,
            boolean holes) {
        Random r = new Random(seed);
        float[] u = new float[n * e];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = holes && i % 5 == 4 ? -1 : i % used;
            boolean empty = holes && i % 7 == 3;
            for (int k = 0; k < e && !empty; k++) {
                u[i * e + k] = (float) (y[i] + r.nextGaussian());
            }
        }
        return new Case(name, new FloatMatrix(n, e, u), y, clusters, rho, eta);
    }

    private static String compare(TextUpdate student, Case c) {
        float[] before = c.u().data().clone();
        TextRepresentationUpdate.Result got = student.update(new FloatMatrix(c.u().rows(), c.u().cols(), before.clone()),
                c.labels().clone(), c.clusters(), c.rho(), c.eta());
        TextRepresentationUpdate.Result want = TextRepresentationUpdate.update(c.u(), c.labels(), c.clusters(), c.rho(),
                c.eta());
        if (got == null || got.clusterText() == null || got.instanceText() == null) {
            return "the result (or one of its matrices) is null";
        }
        String d = compare("T (cluster text)", got.clusterText(), want.clusterText());
        if (d != null) {
            return Difference.withHint(d, clusterHint(c, got.clusterText()));
        }
        d = compare("U (updated instance text)", got.instanceText(), want.instanceText());
        if (d != null) {
            return Difference.withHint(d, instanceHint(c, got.instanceText()));
        }
        return null;
    }

    private static String compare(String what, FloatMatrix got, FloatMatrix want) {
        return Difference.matrix(what, doubles(got), got.rows(), got.cols(), doubles(want), want.rows(), want.cols(), TOL);
    }

    private static String clusterHint(Case c, FloatMatrix got) {
        TextRepresentationUpdate.Result all = TextRepresentationUpdate.update(c.u(), c.labels(), c.clusters(), 1.0, c.eta());
        if (c.rho() < 1 && Difference.matrix("", doubles(got), got.rows(), got.cols(), doubles(all.clusterText()),
                got.rows(), got.cols(), TOL) == null) {
            return "that is the mean of all members (Eq. 9); Eq. 10 averages only the ceil(rho |C_k|) members closest"
                    + " to it";
        }
        return "Eq. 10: rank members by cosine to t~_k (ties: lower row), take ceil(rho |C_k|) (at least 1); members"
                + " whose u_n is all zero take no part";
    }

    private static String instanceHint(Case c, FloatMatrix got) {
        TextRepresentationUpdate.Result jump = TextRepresentationUpdate.update(c.u(), c.labels(), c.clusters(), c.rho(), 1.0);
        if (c.eta() < 1 && Difference.matrix("", doubles(got), got.rows(), got.cols(), doubles(jump.instanceText()),
                got.rows(), got.cols(), TOL) == null) {
            return "every u_n was replaced by T_k; Eq. 11 moves it only part of the way: (1 - eta) u_n + eta T_k";
        }
        return "Eq. 11 for members only: noise rows (label -1) keep u_n, members without a representation take T_k";
    }

    private static double[] doubles(FloatMatrix m) {
        double[] out = new double[m.data().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = m.data()[i];
        }
        return out;
    }
}
