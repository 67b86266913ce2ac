package org.itkm.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.itkm.io.FloatMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: on random planted data with near-ties (rows perturbed by one float32 ulp-scale step) and
 * exact duplicates, the counting evaluator equals a brute-force one that sorts every query's exact
 * double-precision cosines, under every protocol, across several similarity blocks: on the planted
 * query and gallery, and on the sets the protocol's pairing names (a set against itself for the
 * within-modality ones, where every query is also a gallery item).
 */
class BruteForceAgreementTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void countingEvaluatorEqualsFullSort(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int nq = 20 + rng.nextInt(200);
        int ng = 50 + rng.nextInt(3000);
        int d = 2 + rng.nextInt(70);
        int ids = 2 + rng.nextInt(60);
        LabeledFeatures[] data = PlantedFeatures.generate(new PlantedFeatures.Spec(nq, ng, d, ids, 6, 2,
                0.5 + 2 * rng.nextDouble(), 0.4, 0.5, seed));
        LabeledFeatures q = data[0];
        LabeledFeatures g = withNearTies(data[1], rng);
        for (Protocol p : Protocol.values()) {
            String where = p.id() + " seed " + seed + " (" + nq + "x" + ng + "x" + d + ")";
            assertAgree(q, g, p, where);
            if (p.pairing() != Protocol.Pairing.QUERY_TO_GALLERY) {
                assertAgree(p.pairing().queries(q, g), p.pairing().gallery(q, g), p, where + " " + p.pairing());
            }
        }
    }

    private static void assertAgree(LabeledFeatures q, LabeledFeatures g, Protocol p, String where) {
        RankingMetrics brute = bruteForce(q, g, p);
        if (brute.queries() == 0) { // no query has a valid match: an error naming the protocol, not NaN metrics
            org.itkm.io.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                    org.itkm.io.InvalidInputException.class, () -> ReidEvaluator.evaluate(q, g, p, 0, 0, null), where);
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(p.id()), e.getMessage());
            return;
        }
        RankingMetrics fast = ReidEvaluator.evaluate(q, g, p, 0, 0, null);
        assertEquals(brute.queries(), fast.queries(), where);
        assertEquals(brute.skipped(), fast.skipped(), where);
        assertEquals(brute.rank1(), fast.rank1(), 1e-9, where);
        assertEquals(brute.rank5(), fast.rank5(), 1e-9, where);
        assertEquals(brute.rank10(), fast.rank10(), 1e-9, where);
        assertEquals(brute.rank20(), fast.rank20(), 1e-9, where);
        assertEquals(brute.mAP(), fast.mAP(), 1e-9, where);
        assertEquals(brute.mINP(), fast.mINP(), 1e-9, where);
    }

    /** Copies some rows verbatim (exact ties) and some with a relative 1e-7 nudge (float32 near-ties). */
    private static LabeledFeatures withNearTies(LabeledFeatures g, SplittableRandom rng) {
        FloatMatrix f = g.features();
        float[] x = f.data().clone();
        int d = f.cols();
        for (int i = 1; i < f.rows(); i++) {
            int r = rng.nextInt(4);
            if (r == 0) {
                System.arraycopy(x, (i - 1) * d, x, i * d, d);
            } else if (r == 1) {
                for (int k = 0; k < d; k++) {
                    x[i * d + k] = x[(i - 1) * d + k] * (1 + (float) (1e-7 * rng.nextGaussian()));
                }
            }
        }
        return new LabeledFeatures(new FloatMatrix(f.rows(), d, x), g.labels());
    }

    static RankingMetrics bruteForce(LabeledFeatures q, LabeledFeatures g, Protocol p) {
        ImageLabels gl = g.labels();
        ImageLabels ql = q.labels();
        Integer[] rows = new Integer[g.size()];
        int keptRows = 0;
        for (int j = 0; j < g.size(); j++) {
            if (p != Protocol.SYSU_INDOOR || gl.camids()[j] == 1 || gl.camids()[j] == 2) {
                rows[keptRows++] = j;
            }
        }
        Integer[] gallery = Arrays.copyOf(rows, keptRows);
        double[] cmc = new double[4];
        double ap = 0;
        double inp = 0;
        int valid = 0;
        for (int i = 0; i < q.size(); i++) {
            double[] s = new double[g.size()];
            for (int j : gallery) {
                s[j] = cosine(q.features(), i, g.features(), j);
            }
            Integer[] order = gallery.clone();
            // ties by position in the (restricted) gallery, which preserves original order
            Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> -s[j]).thenComparingInt(j -> j));
            List<Integer> ranked = new ArrayList<>();
            for (int j : order) {
                boolean same = gl.pids()[j] == ql.pids()[i];
                boolean junk;
                if (p == Protocol.SYSU_ALL || p == Protocol.SYSU_INDOOR) {
                    junk = ql.camids()[i] == 3 && gl.camids()[j] == 2;
                } else {
                    junk = same && (gl.camids()[j] == ql.camids()[i]
                            || (p == Protocol.LTCC_CC && gl.clothes()[j] == ql.clothes()[i])
                            || (p == Protocol.LTCC_SAME_CLOTHES && gl.clothes()[j] != ql.clothes()[i]));
                }
                if (!junk) {
                    ranked.add(j);
                }
            }
            List<Integer> hits = new ArrayList<>();
            for (int r = 0; r < ranked.size(); r++) {
                if (gl.pids()[ranked.get(r)] == ql.pids()[i]) {
                    hits.add(r + 1);
                }
            }
            if (hits.isEmpty()) {
                continue;
            }
            valid++;
            double sum = 0;
            for (int k = 0; k < hits.size(); k++) {
                sum += (k + 1) / (double) hits.get(k);
            }
            ap += sum / hits.size();
            inp += hits.size() / (double) hits.get(hits.size() - 1);
            int first = hits.get(0);
            if (p == Protocol.SYSU_ALL || p == Protocol.SYSU_INDOOR) {
                Set<Integer> seen = new HashSet<>();
                for (int j : ranked) {
                    if (gl.pids()[j] == ql.pids()[i]) {
                        break;
                    }
                    seen.add(gl.pids()[j]);
                }
                first = seen.size() + 1;
            }
            for (int r = 0; r < 4; r++) {
                if (first <= RankingMetrics.CMC_RANKS[r]) {
                    cmc[r]++;
                }
            }
        }
        double sc = 100.0 / valid;
        return new RankingMetrics(cmc[0] * sc, cmc[1] * sc, cmc[2] * sc, cmc[3] * sc, ap * sc, inp * sc, valid,
                q.size() - valid);
    }

    private static double cosine(FloatMatrix a, int i, FloatMatrix b, int j) {
        double dot = 0;
        double nb = 0;
        for (int k = 0; k < a.cols(); k++) {
            dot += (double) a.get(i, k) * b.get(j, k);
            nb += (double) b.get(j, k) * b.get(j, k);
        }
        return nb == 0 ? 0 : dot / Math.sqrt(nb);
    }
}
