package org.itkm.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.itkm.io.FloatMatrix;
import org.itkm.io.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * The diagnostic protocols within one modality (sysu-visible, sysu-infrared: a set against itself) and
 * within one outfit (ltcc-same-clothes), on tiny cases worked out by hand. Features are 2-D unit vectors
 * at chosen angles, so the cosine of two items falls as their angles part.
 */
class WithinProtocolsTest {
    private static final double EPS = 1e-9;

    /** One set: rows at the given angles (degrees), with pid and camera per row and no clothes. */
    private static LabeledFeatures atAngles(double[] degrees, int[] pids, int[] cams) {
        float[] x = new float[degrees.length * 2];
        for (int i = 0; i < degrees.length; i++) {
            x[2 * i] = (float) Math.cos(Math.toRadians(degrees[i]));
            x[2 * i + 1] = (float) Math.sin(Math.toRadians(degrees[i]));
        }
        return new LabeledFeatures(new FloatMatrix(degrees.length, 2, x), new ImageLabels(pids, cams, null));
    }

    @Test
    void pairingsNameTheSetsRankedAgainstEachOther() {
        String query = "query set";
        String gallery = "gallery set";
        assertSame(gallery, Protocol.SYSU_VISIBLE.pairing().queries(query, gallery));
        assertSame(gallery, Protocol.SYSU_VISIBLE.pairing().gallery(query, gallery));
        assertSame(query, Protocol.SYSU_INFRARED.pairing().queries(query, gallery));
        assertSame(query, Protocol.SYSU_INFRARED.pairing().gallery(query, gallery));
        for (Protocol p : new Protocol[] {Protocol.LTCC_SAME_CLOTHES, Protocol.SYSU_ALL, Protocol.LTCC_CC}) {
            assertSame(query, p.pairing().queries(query, gallery), p.id());
            assertSame(gallery, p.pairing().gallery(query, gallery), p.id());
        }
        for (Protocol p : new Protocol[] {Protocol.SYSU_VISIBLE, Protocol.SYSU_INFRARED, Protocol.LTCC_SAME_CLOTHES}) {
            assertFalse(p.isSysu(), p.id() + " has no single-shot trials and no camera-2 rule");
            assertFalse(p.usesTrials(), p.id());
            assertSame(p, Protocol.fromId(p.id()));
        }
        assertTrue(Protocol.LTCC_SAME_CLOTHES.needsClothes());
    }

    @Test
    void sysuVisibleNeverCountsAQueryAsItsOwnMatch() {
        // 0: p1 c1 0°, 1: p2 c4 10°, 2: p1 c1 15°, 3: p1 c2 30°, 4: p2 c5 55°; each image queries the others
        LabeledFeatures visible = atAngles(new double[] {0, 10, 15, 30, 55}, new int[] {1, 2, 1, 1, 2},
                new int[] {1, 4, 1, 2, 5});
        RankingMetrics m = ReidEvaluator.evaluate(visible, visible, Protocol.SYSU_VISIBLE);
        // valid rankings (the query itself and its pid's same-camera items removed):
        // q0: 1, [3], 4            -> match at 2            AP 1/2
        // q1: 2, 0, 3, [4]         -> match at 4            AP 1/4
        // q2: 1, [3], 4            -> match at 2            AP 1/2
        // q3: [2], 1, 4, [0]       -> matches at 1 and 4    AP (1 + 2/4) / 2, INP 2/4
        // q4: 3, 2, [1], 0         -> match at 3            AP 1/3
        assertEquals(5, m.queries());
        assertEquals(0, m.skipped());
        assertEquals(100 * 1.0 / 5, m.rank1(), EPS, "counting itself, every query would hit at rank 1");
        assertEquals(100, m.rank5(), EPS);
        assertEquals(100 * (0.5 + 0.25 + 0.5 + 0.75 + 1.0 / 3) / 5, m.mAP(), EPS);
        assertEquals(100 * (0.5 + 0.25 + 0.5 + 0.5 + 1.0 / 3) / 5, m.mINP(), EPS);
    }

    @Test
    void sysuVisibleHasNoCamera3Camera2Rule() {
        // a camera-3 image among camera-2 ones (not a real visible set: it only shows that the rule is absent)
        // 0: p1 c3 0°, 1: p1 c2 40°, 2: p2 c2 20°
        LabeledFeatures set = atAngles(new double[] {0, 40, 20}, new int[] {1, 1, 2}, new int[] {3, 2, 2});
        RankingMetrics m = ReidEvaluator.evaluate(set, set, Protocol.SYSU_VISIBLE);
        // q0 (camera 3): 2, [1] -> its camera-2 match and the camera-2 stranger both stay; match at 2
        // q1: 2, [0] -> match at 2; q2: no other image of p2 -> skipped
        assertEquals(2, m.queries());
        assertEquals(1, m.skipped());
        assertEquals(0, m.rank1(), EPS);
        assertEquals(50, m.mAP(), EPS);
        // against the camera-2 images alone: sysu-visible keeps them, sysu-all drops them all for a camera-3 query
        LabeledFeatures camera3 = set.select(new int[] {0});
        LabeledFeatures camera2 = set.select(new int[] {1, 2});
        assertEquals(50, ReidEvaluator.evaluate(camera3, camera2, Protocol.SYSU_VISIBLE).mAP(), EPS);
        // (no query left: an error naming the protocol)
        org.itkm.io.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.itkm.io.InvalidInputException.class,
                () -> ReidEvaluator.evaluate(camera3, camera2, Protocol.SYSU_ALL, 0, 0, null));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("sysu-all"), e.getMessage());
    }

    @Test
    void sysuInfraredRanksTheInfraredImagesAgainstEachOther() {
        // 0: p1 c3 0°, 1: p1 c6 20°, 2: p2 c3 10°, 3: p2 c3 12° (p2 is seen by camera 3 only)
        LabeledFeatures infrared = atAngles(new double[] {0, 20, 10, 12}, new int[] {1, 1, 2, 2},
                new int[] {3, 6, 3, 3});
        Protocol.Pairing pairing = Protocol.SYSU_INFRARED.pairing();
        RankingMetrics m = ReidEvaluator.evaluate(pairing.queries(infrared, null), pairing.gallery(infrared, null),
                Protocol.SYSU_INFRARED);
        // q0: 2, 3, [1] -> rank 3; q1: 3, 2, [0] -> rank 3; q2, q3: their only other image shares the camera
        assertEquals(2, m.queries());
        assertEquals(2, m.skipped());
        assertEquals(0, m.rank1(), EPS);
        assertEquals(100, m.rank5(), EPS);
        assertEquals(100.0 / 3, m.mAP(), EPS);
    }

    @Test
    void ltccSameClothesIgnoresTheQueryPersonInOtherClothes() {
        // query p1 c1 clothes 0; gallery: 0 p1 other clothes (0.95), 1 stranger (0.9), 2 p1 c3 same clothes (0.8),
        // 3 p1 same camera (0.85), 4 stranger (0.7), 5 p1 c4 same clothes (0.6)
        LabeledFeatures g = HandComputedMetricsTest.gallery(HandComputedMetricsTest.atCosines(0.95, 0.9, 0.8, 0.85,
                0.7, 0.6), new int[] {1, 5, 1, 1, 6, 1}, new int[] {2, 1, 3, 1, 2, 4}, new int[] {1, 0, 0, 0, 3, 0});
        // the second query's clothes (2) appear nowhere else: no valid match, skipped rather than a miss
        LabeledFeatures q = new LabeledFeatures(new FloatMatrix(2, 2, new float[] {1, 0, 1, 0}),
                new ImageLabels(new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 2}));
        RankingMetrics same = ReidEvaluator.evaluate(q, g, Protocol.LTCC_SAME_CLOTHES);
        // valid ranking of the first query: 1, [2], 4, [5] -> matches at 2 and 4
        assertEquals(1, same.queries());
        assertEquals(1, same.skipped());
        assertEquals(0, same.rank1(), EPS);
        assertEquals(100 * (1.0 / 2 + 2.0 / 4) / 2, same.mAP(), EPS);
        assertEquals(100 * 2.0 / 4, same.mINP(), EPS);
        // ltcc-general counts the other-clothes item: [0], 1, [2], 4, [5] -> rank 1
        RankingMetrics general = ReidEvaluator.evaluate(q.select(new int[] {0}), g, Protocol.LTCC_GENERAL);
        assertEquals(100, general.rank1(), EPS);
        // ltcc-cc is the complement: only the other-clothes item is a match
        RankingMetrics changed = ReidEvaluator.evaluate(q.select(new int[] {0}), g, Protocol.LTCC_CC);
        assertEquals(100, changed.mAP(), EPS);
    }

    @Test
    void ltccSameClothesNeedsClothesLabels() {
        LabeledFeatures noClothes = atAngles(new double[] {0, 10}, new int[] {1, 1}, new int[] {1, 2});
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ReidEvaluator.evaluate(noClothes, noClothes, Protocol.LTCC_SAME_CLOTHES));
        assertTrue(e.getMessage().contains("protocol ltcc-same-clothes needs a clothes id"), e.getMessage());
    }
}
