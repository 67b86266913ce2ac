package org.itkm.eval;

import org.itkm.cluster.UnitFeatures;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.itkm.io.InvalidInputException;

/**
 * Evaluates query features against gallery features under one of the paper's {@link Protocol}s:
 * CMC (rank 1/5/10/20), mAP and mINP, in percent over the valid queries.
 *
 * <p>Similarities are computed a block of queries at a time ({@link SimilarityBlocks}), and each
 * query's ranks come from one counting pass ({@link GalleryRanker}), so neither a full query×gallery
 * matrix nor a full sort per query is needed. AP is (1/R) Σ_k k / rank_k over the R valid matches
 * (the loop formula of torchreid / CAL / SYSU code; equal to scikit-learn's
 * {@code average_precision_score} when no scores tie); mINP is R / rank_R.
 *
 * <p>Query and gallery may be one set ({@link Protocol.Pairing}): the protocols that pair a set with itself
 * drop the query's identity in the query's camera, so a query is never its own match; a query left with
 * no valid match is skipped and counted in {@link RankingMetrics#skipped()}; when no query has one, the
 * evaluation fails with an {@link InvalidInputException} naming the protocol (never a table of NaN).
 */
public final class ReidEvaluator {
    private ReidEvaluator() {}

    /**
     * Evaluates with the protocol's default trials and seed 0.
     *
     * @see #evaluate(LabeledFeatures, LabeledFeatures, Protocol, int, long, IntConsumer)
     */
    public static RankingMetrics evaluate(LabeledFeatures query, LabeledFeatures gallery, Protocol protocol) {
        return evaluate(query, gallery, protocol, protocol.defaultTrials(), 0, null);
    }

    /**
     * @param trials SYSU: number of single-shot galleries (trial t drawn with seed + t), 0 = the given
     *     gallery whole; MLR: single-shot draws per query for CMC (one NumPy-compatible stream seeded
     *     with {@code seed}), 0 = first-match CMC on the whole gallery; ignored otherwise
     * @param progress receives the number of queries finished so far (of queries × galleries), or null
     */
    public static RankingMetrics evaluate(LabeledFeatures query, LabeledFeatures gallery, Protocol protocol,
            int trials, long seed, IntConsumer progress) {
        if (query.features().cols() != gallery.features().cols()) {
            throw new InvalidInputException(query.featuresSource() + " has dimension " + query.features().cols()
                    + " but " + gallery.featuresSource() + " has dimension " + gallery.features().cols()
                    + "; query and gallery features must have the same dimension");
        }
        if (trials < 0) {
            throw new InvalidInputException("--trials must be 0 or more, got " + trials);
        }
        if (protocol.needsClothes()) {
            requireClothes(query, protocol);
            requireClothes(gallery, protocol);
        }
        UnitFeatures q = UnitFeatures.of(query.features());
        if (!protocol.isSysu()) {
            return requireValidQuery(evaluateGallery(q, query.labels(), gallery, protocol, trials, seed, progress, 0),
                    query, gallery, protocol);
        }
        int[] cameras = protocol.sysuGalleryCameras();
        if (trials == 0) {
            int[] rows = protocol == Protocol.SYSU_ALL
                    ? IntStream.range(0, gallery.size()).toArray()
                    : SingleShotGallery.restrict(gallery.labels(), cameras);
            return requireValidQuery(evaluateGallery(q, query.labels(), nonEmpty(gallery, rows, protocol), protocol,
                    0, seed, progress, 0), query, gallery, protocol);
        }
        RankingMetrics[] perTrial = new RankingMetrics[trials];
        for (int t = 0; t < trials; t++) {
            int[] rows = SingleShotGallery.draw(gallery.labels(), cameras, seed + t);
            perTrial[t] = requireValidQuery(evaluateGallery(q, query.labels(), nonEmpty(gallery, rows, protocol),
                    protocol, 0, seed, progress, t * query.size()), query, gallery, protocol);
        }
        return mean(perTrial);
    }

    private static LabeledFeatures nonEmpty(LabeledFeatures gallery, int[] rows, Protocol protocol) {
        if (rows.length == 0) {
            throw new InvalidInputException(gallery.labelsSource() + ": no gallery rows from cameras "
                    + java.util.Arrays.toString(protocol.sysuGalleryCameras()) + ", which " + protocol.id()
                    + " draws its gallery from");
        }
        return gallery.select(rows);
    }

    private static void requireClothes(LabeledFeatures split, Protocol protocol) {
        if (!split.labels().hasClothes()) {
            throw new InvalidInputException(split.labelsSource() + ": protocol " + protocol.id() + " needs a clothes"
                    + " id on every row (header 'pid,camid,clothes'), but the clothes column is absent or empty");
        }
    }

    private static RankingMetrics evaluateGallery(UnitFeatures q, ImageLabels ql, LabeledFeatures gallery,
            Protocol protocol, int draws, long seed, IntConsumer progress, int progressBase) {
        UnitFeatures g = UnitFeatures.of(gallery.features());
        GalleryRanker ranker = new GalleryRanker(protocol, g, gallery.labels());
        int nq = q.rows();
        double[] ap = new double[nq];
        double[] inp = new double[nq];
        int[] cmcRank = new int[nq]; // 0 = query skipped
        double[][] drawnCmc = draws > 0 ? new double[nq][] : null;
        int[] qDense = new int[nq];
        for (int i = 0; i < nq; i++) {
            qDense[i] = ranker.denseIdOf(ql.pids()[i]);
        }
        boolean dedup = protocol.cmcRule == Protocol.CmcRule.IDENTITY_DEDUPLICATED;
        ThreadLocal<GalleryRanker.Scratch> scratch = ThreadLocal.withInitial(ranker::newScratch);
        SingleShotDraws singleShot = draws > 0 ? new SingleShotDraws(ranker, draws, seed) : null;
        try (SimilarityBlocks sims = new SimilarityBlocks(g)) {
            int block = sims.blockRows();
            int ng = g.rows();
            for (int from = 0; from < nq; from += block) {
                int to = Math.min(nq, from + block);
                float[] rows = sims.block(q, from, to);
                int base = from;
                IntStream.range(from, to).parallel().forEach(i -> {
                    GalleryRanker.Scratch s = scratch.get();
                    int off = (i - base) * ng;
                    int qClothes = ql.clothes() == null ? 0 : ql.clothes()[i];
                    int n = ranker.validMatches(q, i, qDense[i], ql.camids()[i], qClothes, rows, off, s);
                    if (n == 0) {
                        return;
                    }
                    int[] ranks = new int[n];
                    int before = ranker.rankMatches(q, i, qDense[i], ql.camids()[i], rows, off, n, s, ranks, dedup,
                            i + 1);
                    double sum = 0;
                    for (int k = 0; k < n; k++) {
                        sum += (k + 1) / (double) ranks[k];
                    }
                    ap[i] = sum / n;
                    inp[i] = n / (double) ranks[n - 1];
                    cmcRank[i] = dedup ? before + 1 : ranks[0];
                });
                if (singleShot != null) { // one random stream consumed in query order, as the reference does
                    for (int i = from; i < to; i++) {
                        if (cmcRank[i] > 0) {
                            drawnCmc[i] = singleShot.cmc(q, i, qDense[i], ql.camids()[i],
                                    ql.clothes() == null ? 0 : ql.clothes()[i], rows, (i - base) * ng);
                        }
                    }
                }
                if (progress != null) {
                    progress.accept(progressBase + to);
                }
            }
        }
        return summarize(ap, inp, cmcRank, drawnCmc);
    }

    /**
     * The metrics when at least one query had a valid match; otherwise every average would be 0/0 (NaN): an
     * error naming the protocol and both label sources, as torchreid's {@code evaluate_rank} asserts
     * ("Error: all query identities do not appear in gallery").
     */
    static RankingMetrics requireValidQuery(RankingMetrics m, LabeledFeatures query, LabeledFeatures gallery,
            Protocol protocol) {
        if (m.queries() == 0) {
            throw new InvalidInputException("no query of " + query.labelsSource() + " has a valid match in "
                    + gallery.labelsSource() + " under protocol " + protocol.id() + " (all " + m.skipped()
                    + " skipped): all query identities do not appear in the gallery as the protocol counts them;"
                    + " expected query identities (pid) that the gallery shows under another camera"
                    + clothesCondition(protocol));
        }
        return m;
    }

    /** What a valid match must also share or not with the query, for the no-valid-match message. */
    private static String clothesCondition(Protocol p) {
        return switch (p) {
            case LTCC_CC -> " in other clothes";
            case LTCC_SAME_CLOTHES -> " in the same clothes";
            case STANDARD, LTCC_GENERAL, SYSU_ALL, SYSU_INDOOR, MLR, SYSU_VISIBLE, SYSU_INFRARED -> "";
        };
    }

    private static RankingMetrics summarize(double[] ap, double[] inp, int[] cmcRank, double[][] drawnCmc) {
        int[] ranks = RankingMetrics.CMC_RANKS;
        double[] cmc = new double[ranks.length];
        double apSum = 0;
        double inpSum = 0;
        int valid = 0;
        for (int i = 0; i < ap.length; i++) {
            if (cmcRank[i] == 0) {
                continue;
            }
            valid++;
            apSum += ap[i];
            inpSum += inp[i];
            for (int r = 0; r < ranks.length; r++) {
                if (drawnCmc != null) {
                    cmc[r] += drawnCmc[i][ranks[r] - 1];
                } else if (cmcRank[i] <= ranks[r]) {
                    cmc[r] += 1;
                }
            }
        }
        double scale = valid == 0 ? Double.NaN : 100.0 / valid;
        return new RankingMetrics(cmc[0] * scale, cmc[1] * scale, cmc[2] * scale, cmc[3] * scale, apSum * scale,
                inpSum * scale, valid, ap.length - valid);
    }

    private static RankingMetrics mean(RankingMetrics[] m) {
        double r1 = 0;
        double r5 = 0;
        double r10 = 0;
        double r20 = 0;
        double map = 0;
        double minp = 0;
        for (RankingMetrics x : m) {
            r1 += x.rank1();
            r5 += x.rank5();
            r10 += x.rank10();
            r20 += x.rank20();
            map += x.mAP();
            minp += x.mINP();
        }
        int n = m.length;
        return new RankingMetrics(r1 / n, r5 / n, r10 / n, r20 / n, map / n, minp / n, m[0].queries(),
                m[0].skipped());
    }
}
