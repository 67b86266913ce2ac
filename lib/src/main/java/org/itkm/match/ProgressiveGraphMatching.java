package org.itkm.match;

import java.util.ArrayList;
import java.util.List;
import org.itkm.io.FloatMatrix;

/**
 * PGM's progressive graph matching of cluster centroids (Wu and Ye 2023; reference D.1 precedent 1),
 * the cluster-level matching of Table 2's M1-M4: a one-to-one assignment maximising total cosine
 * similarity between the two groups' centroids (the smaller side fully matched), then further
 * assignments of the larger side's still-unmatched clusters to the smaller side, until every cluster
 * has a partner. Image space only; every pair is kept.
 */
public final class ProgressiveGraphMatching {
    /** Partner of each A cluster in B, and of each B cluster in A (-1 only when the other side is empty). */
    public record Result(int[] bOfA, int[] aOfB) {}

    private ProgressiveGraphMatching() {}

    public static Result match(FloatMatrix centroidsA, FloatMatrix centroidsB) {
        double[] s = ClusterMatching.cosines(centroidsA, centroidsB);
        int ca = centroidsA.rows();
        int cb = centroidsB.rows();
        int[] bOfA = new int[ca];
        int[] aOfB = new int[cb];
        java.util.Arrays.fill(bOfA, -1);
        java.util.Arrays.fill(aOfB, -1);
        if (ca == 0 || cb == 0) {
            return new Result(bOfA, aOfB);
        }
        LinearAssignment.Result first = LinearAssignment.maximize(s, ca, cb);
        for (int t = 0; t < first.size(); t++) {
            bOfA[first.rows()[t]] = first.cols()[t];
            aOfB[first.cols()[t]] = first.rows()[t];
        }
        if (ca > cb) {
            progress(s, ca, cb, bOfA, false);
        } else if (cb > ca) {
            progress(s, ca, cb, aOfB, true);
        }
        return new Result(bOfA, aOfB);
    }

    /** Matches the unmatched clusters of the larger side, in rounds of one-to-one assignments. */
    private static void progress(double[] s, int ca, int cb, int[] partnerOfLarger, boolean largerIsB) {
        int small = largerIsB ? ca : cb;
        while (true) {
            List<Integer> open = new ArrayList<>();
            for (int i = 0; i < partnerOfLarger.length; i++) {
                if (partnerOfLarger[i] < 0) {
                    open.add(i);
                }
            }
            if (open.isEmpty()) {
                return;
            }
            double[] sub = new double[open.size() * small];
            for (int r = 0; r < open.size(); r++) {
                for (int c = 0; c < small; c++) {
                    int i = open.get(r);
                    sub[r * small + c] = largerIsB ? s[c * cb + i] : s[i * cb + c];
                }
            }
            LinearAssignment.Result round = LinearAssignment.maximize(sub, open.size(), small);
            for (int t = 0; t < round.size(); t++) {
                partnerOfLarger[open.get(round.rows()[t])] = round.cols()[t];
            }
        }
    }
}
