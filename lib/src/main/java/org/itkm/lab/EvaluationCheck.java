package org.itkm.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.itkm.cluster.UnitFeatures;
import org.itkm.eval.ImageLabels;
import org.itkm.eval.LabeledFeatures;
import org.itkm.eval.Protocol;
import org.itkm.eval.RankingMetrics;
import org.itkm.eval.ReidEvaluator;
import org.itkm.io.FloatMatrix;

/**
 * Lab 01's check: a student's {@link QueryEvaluation} against the kit's {@link ReidEvaluator} (SYSU
 * all-search, whole gallery), query by query, on hand-made fixtures (junk, ties, no match) and seeded
 * random galleries. The kit gives each query's AP and INP exactly and its CMC rank as the four CMC points.
 */
public final class EvaluationCheck {
    private static final double TOL = 1e-6;
    private static final int[] GALLERY_CAMS = {1, 2, 4, 5};

    private EvaluationCheck() {}

    /** Runs every case and prints the report. */
    public static CheckResult run(QueryEvaluation student) {
        CheckRun run = new CheckRun("lab01 QueryEvaluation");
        for (Fixture f : fixtures()) {
            run.check(f.name, () -> compare(student, f));
        }
        return run.print();
    }

    /** Query and gallery features with labels; {@code note} is a hint for this fixture's typical mistake. */
    record Fixture(String name, LabeledFeatures query, LabeledFeatures gallery, String note) {}

    static List<Fixture> fixtures() {
        List<Fixture> out = new ArrayList<>();
        // 2-d features: angles put the gallery in a known order for the query at angle 0
        // gallery: pid 7 at cams 2 (junk for a cam-3 query), 1, 4; others interleaved
        double[] angles = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};
        int[] pids = {7, 3, 7, 5, 3, 7, 5, 9};
        int[] cams = {2, 1, 4, 2, 5, 1, 4, 5};
        out.add(new Fixture("fixture junk (camera-3 query)", split(new double[] {0}, new int[] {7}, new int[] {3}),
                split(angles, pids, cams), null));
        out.add(new Fixture("fixture camera-6 query", split(new double[] {0}, new int[] {7}, new int[] {6}),
                split(angles, pids, cams), null));
        double[] tied = {0.1, 0.1, 0.1, 0.3, 0.3, 0.5};
        out.add(new Fixture("fixture ties", split(new double[] {0, 0}, new int[] {4, 6}, new int[] {6, 6}),
                split(tied, new int[] {6, 4, 6, 4, 8, 4}, new int[] {1, 4, 5, 1, 2, 4}),
                "equal similarities rank by lower gallery index (a stable sort)"));
        out.add(new Fixture("fixture no valid match", split(new double[] {0}, new int[] {5}, new int[] {3}),
                split(new double[] {0.1, 0.2, 0.3}, new int[] {5, 6, 7}, new int[] {2, 1, 4}),
                "when every image of the query's identity is junk, return null (the query is skipped)"));
        for (int seed = 1; seed <= 6; seed++) {
            out.add(random(seed));
        }
        return out;
    }

    private static Fixture random(int seed) {
        Random r = new Random(seed);
        int ng = 40;
        int nq = 6;
        int ids = 8;
        int dim = 6;
        float[][] centre = new float[ids][dim];
        for (float[] c : centre) {
            for (int k = 0; k < dim; k++) {
                c[k] = (float) r.nextGaussian();
            }
        }
        float[] gf = new float[ng * dim];
        int[] gp = new int[ng];
        int[] gc = new int[ng];
        for (int j = 0; j < ng; j++) {
            gp[j] = r.nextInt(ids);
            gc[j] = GALLERY_CAMS[r.nextInt(GALLERY_CAMS.length)];
            for (int k = 0; k < dim; k++) {
                gf[j * dim + k] = centre[gp[j]][k] + (float) (1.2 * r.nextGaussian());
            }
        }
        float[] qf = new float[nq * dim];
        int[] qp = new int[nq];
        int[] qc = new int[nq];
        for (int i = 0; i < nq; i++) {
            qp[i] = r.nextInt(ids);
            qc[i] = r.nextBoolean() ? 3 : 6;
            for (int k = 0; k < dim; k++) {
                qf[i * dim + k] = centre[qp[i]][k] + (float) (1.2 * r.nextGaussian());
            }
        }
        return new Fixture("random gallery " + seed, new LabeledFeatures(new FloatMatrix(nq, dim, qf),
                new ImageLabels(qp, qc, null)), new LabeledFeatures(new FloatMatrix(ng, dim, gf),
                new ImageLabels(gp, gc, null)), null);
    }

    /** Unit vectors at the given angles (radians). */
    private static LabeledFeatures split(double[] angles, int[] pids, int[] cams) {
        float[] x = new float[angles.length * 2];
        for (int i = 0; i < angles.length; i++) {
            x[2 * i] = (float) Math.cos(angles[i]);
            x[2 * i + 1] = (float) Math.sin(angles[i]);
        }
        return new LabeledFeatures(new FloatMatrix(angles.length, 2, x), new ImageLabels(pids, cams, null));
    }

    private static String compare(QueryEvaluation student, Fixture f) {
        UnitFeatures q = UnitFeatures.of(f.query.features());
        UnitFeatures g = UnitFeatures.of(f.gallery.features());
        for (int i = 0; i < q.rows(); i++) {
            double[] sim = new double[g.rows()];
            for (int j = 0; j < g.rows(); j++) {
                sim[j] = q.cosine(i, g, j);
            }
            int pid = f.query.labels().pids()[i];
            int cam = f.query.labels().camids()[i];
            QueryScore got = student.score(sim.clone(), pid, cam, f.gallery.labels());
            RankingMetrics want = referenceOrNull(f.query.select(new int[] {i}), f.gallery);
            String where = "query " + i + " (pid " + pid + ", camera " + cam + "): ";
            if (want == null) {
                if (got != null) {
                    return Difference.withHint(where + "a score, expected null (no valid match)", f.note);
                }
                continue;
            }
            if (got == null) {
                return Difference.withHint(where + "null, expected a score (the query has a valid match)",
                        "only junk is removed; a match in another camera counts");
            }
            String d = Difference.scalar(where + "AP", got.averagePrecision(), want.mAP() / 100, TOL);
            if (d != null) {
                return Difference.withHint(d, apHint(f, i, sim, got.averagePrecision()));
            }
            d = Difference.scalar(where + "INP", got.inverseNegativePenalty(), want.mINP() / 100, TOL);
            if (d != null) {
                return Difference.withHint(d, f.note != null ? f.note : "INP = R / rank of the last match (R matches)");
            }
            double[] points = {want.rank1(), want.rank5(), want.rank10(), want.rank20()};
            for (int p = 0; p < points.length; p++) {
                int r = RankingMetrics.CMC_RANKS[p];
                boolean wantWithin = points[p] > 50;
                if ((got.cmcRank() <= r) != wantWithin) {
                    return Difference.withHint(where + "CMC rank " + got.cmcRank() + " but the kit's rank is "
                            + (wantWithin ? "<= " : "> ") + r, cmcHint(f, i, sim, got.cmcRank()));
                }
            }
        }
        return null;
    }

    private static String apHint(Fixture f, int i, double[] sim, double gotAp) {
        LabeledFeatures q = f.query.select(new int[] {i});
        int[] otherCam = {99};
        LabeledFeatures noJunk = new LabeledFeatures(q.features(), new ImageLabels(q.labels().pids(), otherCam, null));
        RankingMetrics without = ReidEvaluator.evaluate(noJunk, f.gallery, Protocol.SYSU_ALL, 0, 0, null);
        if (f.query.labels().camids()[i] == 3 && Difference.close(gotAp, without.mAP() / 100, TOL)) {
            return "your AP is the one without junk removal: a camera-3 query must not see camera-2 images; remove"
                    + " them (any identity) before ranking";
        }
        return f.note != null ? f.note : "AP = (1/R) sum over the R matches of k / rank_k, ranks counted after junk"
                + " removal; divide by R, not by the gallery size";
    }

    private static String cmcHint(Fixture f, int i, double[] sim, int gotRank) {
        if (gotRank == firstMatchRank(f, i, sim)) {
            return "that is the rank of the first matching image; SYSU's CMC counts each identity once (keep only"
                    + " the first image of every identity, then find the query's identity)";
        }
        return f.note != null ? f.note : "CMC rank: position of the query's identity among distinct identities";
    }

    /** The first match's rank without identity de-duplication (junk removed): only to recognise that mistake. */
    private static int firstMatchRank(Fixture f, int i, double[] sim) {
        int pid = f.query.labels().pids()[i];
        int cam = f.query.labels().camids()[i];
        ImageLabels g = f.gallery.labels();
        int best = -1;
        for (int j = 0; j < sim.length; j++) {
            if (g.pids()[j] == pid && !(cam == 3 && g.camids()[j] == 2)
                    && (best < 0 || sim[j] > sim[best])) {
                best = j;
            }
        }
        if (best < 0) {
            return -1;
        }
        int rank = 1;
        for (int j = 0; j < sim.length; j++) {
            boolean junk = cam == 3 && g.camids()[j] == 2;
            if (!junk && j != best && (sim[j] > sim[best] || (sim[j] == sim[best] && j < best))) {
                rank++;
            }
        }
        return rank;
    }

    /** The kit's metrics of one query, or null when it has no valid match (the evaluator refuses that case). */
    private static RankingMetrics referenceOrNull(LabeledFeatures query, LabeledFeatures gallery) {
        try {
            return ReidEvaluator.evaluate(query, gallery, Protocol.SYSU_ALL, 0, 0, null);
        } catch (org.itkm.io.InvalidInputException noValidMatch) {
            return null;
        }
    }
}
