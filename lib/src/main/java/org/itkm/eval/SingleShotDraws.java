package org.itkm.eval;

import org.itkm.cluster.UnitFeatures;

import java.util.ArrayList;
import java.util.List;

/**
 * The single-gallery-shot CMC of open-reid as used by RLIM for MLR-CUHK03: per valid query, a number
 * of repeats, each drawing one valid gallery item per identity ({@code np.random.choice} over that
 * identity's items in ranking order, identities in order of first appearance in the ranking) and
 * scoring the rank of the drawn match among the drawn items. One NumPy-compatible stream serves all
 * queries in order, so the draws equal the reference's after {@code np.random.seed(seed)}.
 */
final class SingleShotDraws {
    private static final int TOP = RankingMetrics.CMC_RANKS[RankingMetrics.CMC_RANKS.length - 1];
    private final GalleryRanker ranker;
    private final int repeats;
    private final MersenneTwister rng;

    SingleShotDraws(GalleryRanker ranker, int repeats, long seed) {
        this.ranker = ranker;
        this.repeats = repeats;
        this.rng = MersenneTwister.numpySeeded(seed);
    }

    /** Cumulative fraction of draws with the match at rank ≤ r+1, for r in [0, 20). */
    double[] cmc(UnitFeatures query, int q, int qPidDense, int qCam, int qClothes, float[] row, int rowOff) {
        int[] order = ranker.fullRanking(query, q, row, rowOff);
        // valid items grouped by identity, identities in order of first appearance, items in rank order
        int[] groupOf = new int[ranker.identityCount()];
        java.util.Arrays.fill(groupOf, -1);
        List<List<Integer>> groups = new ArrayList<>();
        List<Integer> groupPid = new ArrayList<>();
        for (int pos = 0; pos < order.length; pos++) {
            int j = order[pos];
            int pid = ranker.densePid[j];
            if (pid == qPidDense && !ranker.protocol.isValidSameIdentity(qCam, qClothes, ranker.cams[j],
                    ranker.clothes == null ? 0 : ranker.clothes[j])) {
                continue; // junk: removed from the ranking
            }
            if (groupOf[pid] < 0) {
                groupOf[pid] = groups.size();
                groups.add(new ArrayList<>());
                groupPid.add(pid);
            }
            groups.get(groupOf[pid]).add(pos);
        }
        double[] hist = new double[TOP];
        double delta = 1.0 / repeats;
        int[] drawn = new int[groups.size()];
        for (int r = 0; r < repeats; r++) {
            int matchPos = -1;
            for (int gi = 0; gi < groups.size(); gi++) {
                List<Integer> items = groups.get(gi);
                drawn[gi] = items.get(rng.numpyRandintBelow(items.size()));
                if (groupPid.get(gi) == qPidDense) {
                    matchPos = drawn[gi];
                }
            }
            int rank = 0;
            for (int gi = 0; gi < groups.size(); gi++) {
                if (drawn[gi] < matchPos) {
                    rank++;
                }
            }
            if (rank < TOP) {
                hist[rank] += delta;
            }
        }
        for (int k = 1; k < TOP; k++) {
            hist[k] += hist[k - 1];
        }
        return hist;
    }
}
