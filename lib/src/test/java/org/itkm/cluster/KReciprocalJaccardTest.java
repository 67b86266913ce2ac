package org.itkm.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class KReciprocalJaccardTest {
    /**
     * The filtered pair search (shared-column count bound) keeps exactly the pairs, and the bit-identical
     * distances, of summing every pair of weight rows over their shared columns in ascending order.
     */
    @Test
    void pairSearchEqualsSummingEveryPair() {
        UnitFeatures x = UnitFeatures.of(NearestNeighborsTest.tricky(420, 24, 3));
        KReciprocalJaccard j = new KReciprocalJaccard(30, 6);
        NeighborTable t = new NearestNeighbors(Device.cpu(), 128).self(x, 30);
        KReciprocalJaccard.WeightRows v = j.queryExpanded(x, t, j.weights(x, t));
        int n = x.rows();
        double[][] full = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                full[a][b] = bruteDistance(v, a, b);
            }
        }
        for (double cutoff : new double[] {0.0, 0.3, 0.6, 0.75, 0.9, Math.nextDown(1.0), 1.0, 3.0}) {
            SparseDistances d = j.jaccard(v, n, cutoff);
            long kept = 0;
            for (int a = 0; a < n; a++) {
                int count = 0;
                for (int b = 0; b < n; b++) {
                    if (full[a][b] <= cutoff) {
                        count++;
                    }
                }
                int[] cols = new int[count];
                double[] dist = new double[count];
                for (int b = 0, p = 0; b < n; b++) {
                    if (full[a][b] <= cutoff) {
                        cols[p] = b;
                        dist[p++] = full[a][b];
                    }
                }
                assertArrayEquals(cols, d.columns(a), "cutoff " + cutoff + " row " + a);
                assertArrayEquals(dist, d.distances(a), 0.0, "cutoff " + cutoff + " row " + a);
                kept += count - 1;
            }
            if (cutoff == 0.6) { // the case must exercise both sides of the bound
                assertTrue(kept > n && kept < (long) n * (n - 1) / 4, "pairs kept at 0.6: " + kept);
            }
        }
    }

    /**
     * s = sum over shared columns (ascending) of min(V[a,c], V[b,c]); D = max(0, 1 - s / (2 - s)). Pairs
     * without a shared column (D = 1) are never stored: +infinity here.
     */
    private static double bruteDistance(KReciprocalJaccard.WeightRows v, int a, int b) {
        int[] ca = v.columns()[a];
        int[] cb = v.columns()[b];
        double s = 0;
        boolean any = false;
        for (int p = 0, q = 0; p < ca.length && q < cb.length;) {
            if (ca[p] < cb[q]) {
                p++;
            } else if (ca[p] > cb[q]) {
                q++;
            } else {
                s += Math.min(v.weights()[a][p++], v.weights()[b][q++]);
                any = true;
            }
        }
        if (!any) {
            return Double.POSITIVE_INFINITY;
        }
        double d = 1 - s / (2 - s);
        return d < 0 ? 0 : d;
    }

    @Test
    void heavyColumnsLeaveOutAtMostTheRestShareOfTheNeededSum() {
        double[] w = {0.1, 0.4, 0.2, 0.3};
        double share = KReciprocalJaccard.REST_SHARE;
        // left out may be at most 0.35: 0.1 + 0.2 + 0.3 = 0.6 is too much, 0.1 + 0.2 is not
        assertEquals(0.3, KReciprocalJaccard.heavyFloor(w, 0.35 / share));
        assertEquals(0.2, KReciprocalJaccard.heavyFloor(w, 0.25 / share)); // 0.1 <= 0.25 < 0.1 + 0.2
        assertEquals(0.1, KReciprocalJaccard.heavyFloor(w, 0.05 / share)); // nothing may be left out
        assertEquals(0.4, KReciprocalJaccard.heavyFloor(w, 10)); // everything but the largest may go
        assertEquals(Double.NEGATIVE_INFINITY, KReciprocalJaccard.heavyFloor(w, -1e-9));
        double[] ties = {0.2, 0.2, 0.2, 0.2, 0.2};
        assertEquals(0.2, KReciprocalJaccard.heavyFloor(ties, 0.25 / share)); // equal weights stay together
    }
}
