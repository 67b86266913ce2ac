package org.itkm.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.itkm.io.FloatMatrix;
import org.itkm.io.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Tiny cases whose metrics are worked out by hand (2-D features at chosen cosines to the query). */
class HandComputedMetricsTest {
    private static final double EPS = 1e-9;

    /** Gallery rows at the given cosines to the query (1, 0). */
    static FloatMatrix atCosines(double... cos) {
        float[] x = new float[cos.length * 2];
        for (int i = 0; i < cos.length; i++) {
            x[2 * i] = (float) cos[i];
            x[2 * i + 1] = (float) Math.sqrt(1 - cos[i] * cos[i]);
        }
        return new FloatMatrix(cos.length, 2, x);
    }

    static LabeledFeatures query(int pid, int cam, int clothes) {
        return new LabeledFeatures(new FloatMatrix(1, 2, new float[] {1, 0}),
                new ImageLabels(new int[] {pid}, new int[] {cam}, new int[] {clothes}));
    }

    static LabeledFeatures gallery(FloatMatrix f, int[] pids, int[] cams, int[] clothes) {
        return new LabeledFeatures(f, new ImageLabels(pids, cams, clothes));
    }

    @Test
    void standardDropsSameCameraMatchesAndReadsRanksAfterJunkRemoval() {
        // valid ranking: neg(0.9), good(0.8), neg(0.7), neg(0.6), good(0.5); the 0.95 same-camera match is junk
        LabeledFeatures g = gallery(atCosines(0.9, 0.95, 0.8, 0.7, 0.5, 0.6), new int[] {2, 1, 1, 3, 1, 2},
                new int[] {2, 1, 2, 1, 3, 3}, null);
        RankingMetrics m = ReidEvaluator.evaluate(query(1, 1, 0), g, Protocol.STANDARD);
        assertEquals(0, m.rank1(), EPS);
        assertEquals(100, m.rank5(), EPS);
        assertEquals(100 * (1.0 / 2 + 2.0 / 5) / 2, m.mAP(), EPS);
        assertEquals(100 * 2.0 / 5, m.mINP(), EPS);
        assertEquals(1, m.queries());
    }

    @Test
    void tiesGoToTheLowerGalleryIndex() {
        FloatMatrix same = atCosines(0.5, 0.5);
        RankingMetrics negativeFirst = ReidEvaluator.evaluate(query(1, 1, 0),
                gallery(same, new int[] {2, 1}, new int[] {2, 2}, null), Protocol.STANDARD);
        assertEquals(0, negativeFirst.rank1(), EPS);
        assertEquals(50, negativeFirst.mAP(), EPS);
        RankingMetrics matchFirst = ReidEvaluator.evaluate(query(1, 1, 0),
                gallery(same, new int[] {1, 2}, new int[] {2, 2}, null), Protocol.STANDARD);
        assertEquals(100, matchFirst.rank1(), EPS);
        assertEquals(100, matchFirst.mAP(), EPS);
    }

    @Test
    void clothesChangingDropsSameClothesMatches() {
        // 0: same clothes (junk in cc), 1: other person, 2: changed clothes (match), 3: same camera (junk)
        LabeledFeatures g = gallery(atCosines(0.9, 0.8, 0.7, 0.95), new int[] {1, 5, 1, 1}, new int[] {2, 1, 3, 1},
                new int[] {0, 0, 1, 1});
        RankingMetrics cc = ReidEvaluator.evaluate(query(1, 1, 0), g, Protocol.LTCC_CC);
        assertEquals(0, cc.rank1(), EPS);
        assertEquals(50, cc.mAP(), EPS);
        RankingMetrics general = ReidEvaluator.evaluate(query(1, 1, 0), g, Protocol.LTCC_GENERAL);
        assertEquals(100, general.rank1(), EPS);
        assertEquals(100 * (1 + 2.0 / 3) / 2, general.mAP(), EPS);
    }

    @Test
    void sysuCamera3QueriesNeverSeeCamera2AndCmcIsIdentityDeduplicated() {
        LabeledFeatures g = gallery(atCosines(0.9, 0.85, 0.8, 0.75, 0.7, 0.6, 0.5),
                new int[] {2, 1, 3, 3, 1, 4, 1}, new int[] {2, 2, 1, 4, 1, 5, 5}, null);
        RankingMetrics cam3 = ReidEvaluator.evaluate(query(1, 3, 0), g, Protocol.SYSU_ALL, 0, 0, null);
        // valid: p3, p3, match, p4, match -> ranks 3 and 5; deduplicated identities: p3, p1 -> rank 2
        assertEquals(0, cam3.rank1(), EPS);
        assertEquals(100, cam3.rank5(), EPS);
        assertEquals(100 * (1.0 / 3 + 2.0 / 5) / 2, cam3.mAP(), EPS);
        assertEquals(100 * 2.0 / 5, cam3.mINP(), EPS);
        RankingMetrics cam6 = ReidEvaluator.evaluate(query(1, 6, 0), g, Protocol.SYSU_ALL, 0, 0, null);
        // valid: p2, match, p3, p3, match, p4, match -> ranks 2, 5, 7; identities: p2, p1 -> rank 2
        assertEquals(0, cam6.rank1(), EPS);
        assertEquals(100 * (1.0 / 2 + 2.0 / 5 + 3.0 / 7) / 3, cam6.mAP(), EPS);
        assertEquals(100 * 3.0 / 7, cam6.mINP(), EPS);
        // indoor keeps cameras 1 and 2 only: p3(0.8), match(0.7) for the cam-3 query
        RankingMetrics indoor = ReidEvaluator.evaluate(query(1, 3, 0), g, Protocol.SYSU_INDOOR, 0, 0, null);
        assertEquals(0, indoor.rank1(), EPS);
        assertEquals(50, indoor.mAP(), EPS);
    }

    @Test
    void deduplicationCanLiftAMatchIntoRankOne() {
        // identity 7 occupies ranks 1-3, then the match: plain rank 4, deduplicated rank 2
        LabeledFeatures g = gallery(atCosines(0.9, 0.8, 0.7, 0.6), new int[] {7, 7, 7, 1}, new int[] {1, 4, 5, 1},
                null);
        RankingMetrics m = ReidEvaluator.evaluate(query(1, 6, 0), g, Protocol.SYSU_ALL, 0, 0, null);
        assertEquals(0, m.rank1(), EPS);
        assertEquals(100, m.rank5(), EPS);
        assertEquals(25, m.mAP(), EPS);
    }

    @Test
    void mlrWithOneItemPerIdentityEqualsFirstMatchCmc() {
        LabeledFeatures g = gallery(atCosines(0.9, 0.8, 0.7), new int[] {2, 1, 3}, new int[] {2, 2, 2}, null);
        RankingMetrics mlr = ReidEvaluator.evaluate(query(1, 1, 0), g, Protocol.MLR, 10, 3, null);
        RankingMetrics standard = ReidEvaluator.evaluate(query(1, 1, 0), g, Protocol.STANDARD);
        assertEquals(standard.rank1(), mlr.rank1(), EPS);
        assertEquals(standard.rank5(), mlr.rank5(), EPS);
        assertEquals(standard.mAP(), mlr.mAP(), EPS);
        assertEquals(0, mlr.rank1(), EPS);
        assertEquals(100, mlr.rank5(), EPS);
    }

    @Test
    void queriesWithoutValidMatchAreSkippedAndCounted() {
        // query 1 (pid 1, camera 1) has its only match in its own camera: skipped; query 2 (pid 2, camera 2) ranks
        // its match first
        LabeledFeatures g = gallery(atCosines(0.9, 0.8), new int[] {1, 2}, new int[] {1, 1}, null);
        LabeledFeatures q = new LabeledFeatures(new FloatMatrix(2, 2, new float[] {1, 0, 1, 0}),
                new ImageLabels(new int[] {1, 2}, new int[] {1, 2}, null), "Q.npy", "Q.csv");
        RankingMetrics m = ReidEvaluator.evaluate(q, g, Protocol.STANDARD);
        assertEquals(1, m.queries());
        assertEquals(1, m.skipped());
        assertEquals(0, m.rank1(), EPS); // pid 2's match is second, behind pid 1's
        assertEquals(100, m.rank5(), EPS);
    }

    @Test
    void anEvaluationWithoutOneValidQueryFailsNamingTheProtocolInsteadOfNaN() {
        // torchreid's evaluate_rank: "Error: all query identities do not appear in gallery"
        LabeledFeatures g = gallery(atCosines(0.9, 0.8), new int[] {1, 2}, new int[] {1, 1}, null);
        for (Protocol p : new Protocol[] {Protocol.STANDARD, Protocol.MLR}) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> ReidEvaluator.evaluate(query(1, 1, 0), g, p, 0, 0, null));
            assertTrue(e.getMessage().contains("under protocol " + p.id()) && e.getMessage().contains("all 1 skipped")
                    && e.getMessage().contains("do not appear in the gallery"), e.getMessage());
        }
        LabeledFeatures sysu = gallery(atCosines(0.9, 0.8), new int[] {1, 2}, new int[] {3, 1}, null);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ReidEvaluator.evaluate(query(1, 3, 0), sysu, Protocol.SYSU_ALL, 2, 0, null));
        assertTrue(e.getMessage().contains("under protocol sysu-all"), e.getMessage());
    }

    @Test
    void zeroFeatureRowsScoreZeroAgainstEverything() {
        // a zero gallery row ties at cosine 0 with an orthogonal one: lower index first
        LabeledFeatures g = gallery(new FloatMatrix(3, 2, new float[] {0, 0, 0, 1, -1, 0}), new int[] {2, 1, 3},
                new int[] {2, 2, 2}, null);
        RankingMetrics m = ReidEvaluator.evaluate(query(1, 1, 0), g, Protocol.STANDARD);
        assertEquals(50, m.mAP(), EPS);
    }
}
