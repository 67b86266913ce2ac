package org.itkm.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.itkm.cluster.NearestNeighbors;
import org.itkm.cluster.NeighborTable;
import org.itkm.cluster.UnitFeatures;
import org.itkm.io.FloatMatrix;
import org.itkm.match.ClusterMatching;
import org.itkm.match.LinearAssignment;
import org.itkm.match.TextRepresentationUpdate;
import org.junit.jupiter.api.Test;

/** Labs 05 and 06: DRU, CHM and IHM checks pass right code and name the typical mistakes. */
class MatchingChecksTest {
    enum DruMistake { NONE, NO_MOMENTUM, ALL_MEMBERS, NOISE_UPDATED }

    static TextUpdate dru(DruMistake mistake) {
        return (u, labels, clusters, rho, eta) -> {
            int n = u.rows();
            int e = u.cols();
            float[] x = u.data();
            float[] t = new float[clusters * e];
            float[] out = x.clone();
            for (int c = 0; c < clusters; c++) {
                List<Integer> members = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (labels[i] == c && !zero(x, i, e)) {
                        members.add(i);
                    }
                }
                if (members.isEmpty()) {
                    continue;
                }
                double[] mean = mean(x, e, members);
                members.sort((a, b) -> {
                    int byCos = Double.compare(cos(x, b, e, mean), cos(x, a, e, mean));
                    return byCos != 0 ? byCos : Integer.compare(a, b);
                });
                int top = mistake == DruMistake.ALL_MEMBERS ? members.size()
                        : Math.max(1, (int) Math.ceil(rho * members.size() - 1e-9));
                double[] tk = mean(x, e, members.subList(0, top));
                for (int k = 0; k < e; k++) {
                    t[c * e + k] = (float) tk[k];
                }
            }
            for (int i = 0; i < n; i++) {
                int c = labels[i];
                if (c < 0 && mistake != DruMistake.NOISE_UPDATED) {
                    continue;
                }
                int cc = c < 0 ? 0 : c;
                double rate = mistake == DruMistake.NO_MOMENTUM || zero(x, i, e) ? 1 : eta;
                for (int k = 0; k < e; k++) {
                    out[i * e + k] = (float) ((1 - rate) * x[i * e + k] + rate * t[cc * e + k]);
                }
            }
            return new TextRepresentationUpdate.Result(new FloatMatrix(clusters, e, t), new FloatMatrix(n, e, out));
        };
    }

    private static boolean zero(float[] x, int i, int e) {
        for (int k = 0; k < e; k++) {
            if (x[i * e + k] != 0) {
                return false;
            }
        }
        return true;
    }

    private static double[] mean(float[] x, int e, List<Integer> rows) {
        double[] m = new double[e];
        for (int r : rows) {
            for (int k = 0; k < e; k++) {
                m[k] += x[r * e + k] / (double) rows.size();
            }
        }
        return m;
    }

    private static double cos(float[] x, int i, int e, double[] v) {
        double dot = 0;
        double a = 0;
        double b = 0;
        for (int k = 0; k < e; k++) {
            dot += x[i * e + k] * v[k];
            a += (double) x[i * e + k] * x[i * e + k];
            b += v[k] * v[k];
        }
        return dot / Math.sqrt(a * b);
    }

    enum ChmMistake { NONE, MINIMISE_SIMILARITY, DRAW_FOR_EVERY_PAIR }

    static ClusterMatcher chm(ChmMistake mistake) {
        return (ia, ib, ta, tb, p, rng) -> {
            int ca = ia.rows();
            int cb = ib.rows();
            double[] img = ClusterMatching.cosines(ia, ib);
            int[] byImage = (mistake == ChmMistake.MINIMISE_SIMILARITY ? LinearAssignment.minimize(img, ca, cb)
                    : LinearAssignment.maximize(img, ca, cb)).columnOfRow(ca);
            int[] byText = LinearAssignment.maximize(ClusterMatching.cosines(ta, tb), ca, cb).columnOfRow(ca);
            List<ClusterMatching.Pair> kept = new ArrayList<>();
            for (int a = 0; a < ca; a++) {
                int b = byImage[a];
                if (b < 0) {
                    continue;
                }
                boolean agreed = byText[a] == b;
                double draw = mistake == ChmMistake.DRAW_FOR_EVERY_PAIR || !agreed ? rng.nextDouble() : 0;
                if (agreed || draw < p) {
                    kept.add(new ClusterMatching.Pair(a, b, agreed));
                }
            }
            return kept;
        };
    }

    enum IhmMistake { NONE, UNION, IMAGE_ONLY }

    static InstanceMatcher ihm(IhmMistake mistake) {
        return (ia, ib, ta, tb, k) -> {
            NearestNeighbors nn = new NearestNeighbors();
            NeighborTable byImage = nn.cross(UnitFeatures.of(ia), UnitFeatures.of(ib), k);
            NeighborTable byText = nn.cross(UnitFeatures.of(ta), UnitFeatures.of(tb), k);
            int[][] out = new int[ia.rows()][];
            for (int i = 0; i < ia.rows(); i++) {
                int[] a = byImage.row(i, k);
                int[] b = byText.row(i, k);
                out[i] = Arrays.stream(a).filter(j -> mistake == IhmMistake.IMAGE_ONLY
                        || Arrays.stream(b).anyMatch(x -> x == j)).sorted().toArray();
                if (mistake == IhmMistake.UNION) {
                    out[i] = java.util.stream.IntStream.concat(Arrays.stream(a), Arrays.stream(b)).distinct().sorted()
                            .toArray();
                }
            }
            return out;
        };
    }

    @Test
    void rightImplementationsPass() {
        CheckResult d = TextUpdateCheck.run(dru(DruMistake.NONE));
        assertTrue(d.passed(), d.report());
        CheckResult c = MatchingCheck.run(chm(ChmMistake.NONE));
        assertTrue(c.passed(), c.report());
        CheckResult i = MatchingCheck.run(ihm(IhmMistake.NONE));
        assertTrue(i.passed(), i.report());
    }

    @Test
    void mistakesFailWithTheirHints() {
        assertFails(TextUpdateCheck.run(dru(DruMistake.NO_MOMENTUM)), "part of the way");
        assertFails(TextUpdateCheck.run(dru(DruMistake.ALL_MEMBERS)), "mean of all members");
        assertFails(TextUpdateCheck.run(dru(DruMistake.NOISE_UPDATED)), "noise rows (label -1) keep");
        assertFails(MatchingCheck.run(chm(ChmMistake.MINIMISE_SIMILARITY)), "minimise the total similarity");
        assertFails(MatchingCheck.run(chm(ChmMistake.DRAW_FOR_EVERY_PAIR)), "no draw for agreed pairs");
        assertFails(MatchingCheck.run(ihm(IhmMistake.UNION)), "not the union");
        assertFails(MatchingCheck.run(ihm(IhmMistake.IMAGE_ONLY)), "image neighbours only");
    }

    @Test
    void unimplementedGivesNotImplementedYet() {
        assertTrue(TextUpdateCheck.run((u, y, c, r, e) -> {
            throw new NotImplementedYet();
        }).notImplemented());
        assertTrue(MatchingCheck.run((ClusterMatcher) (a, b, c, d, p, r) -> {
            throw new NotImplementedYet();
        }).notImplemented());
        CheckResult npe = MatchingCheck.run((InstanceMatcher) (a, b, c, d, k) -> {
            Object o = null;
            return new int[o.hashCode()][];
        });
        assertFails(npe, "NullPointerException");
        assertTrue(npe.report().lines().skip(1).allMatch(l -> l.startsWith("  ERROR: ")), npe.report());
    }

    private static void assertFails(CheckResult r, String hint) {
        CheckAssertions.failsWithHint(r, hint);
    }
}
