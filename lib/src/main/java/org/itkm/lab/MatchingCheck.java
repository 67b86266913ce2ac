package org.itkm.lab;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.itkm.cluster.NearestNeighbors;
import org.itkm.io.FloatMatrix;
import org.itkm.match.ClusterMatching;
import org.itkm.match.InstanceMatching;
import org.itkm.match.LinearAssignment;

/**
 * Lab 06's checks: a student's {@link ClusterMatcher} against the kit's {@link ClusterMatching} (square
 * and rectangular, keep probability 0, 1 and 0.5 with the same seeded draws) and a student's
 * {@link InstanceMatcher} against the kit's {@link InstanceMatching} (k below and above the group size).
 */
public final class MatchingCheck {
    private MatchingCheck() {}

    record ChmCase(String name, FloatMatrix imageA, FloatMatrix imageB, FloatMatrix textA, FloatMatrix textB,
            double p, long seed) {}

    record IhmCase(String name, FloatMatrix imageA, FloatMatrix imageB, FloatMatrix textA, FloatMatrix textB, int k) {}

    public static CheckResult run(ClusterMatcher student) {
        CheckRun run = new CheckRun("lab06 ClusterMatcher (CHM)");
        for (ChmCase c : chmCases()) {
            run.check(c.name(), () -> compare(student, c));
        }
        return run.print();
    }

    public static CheckResult run(InstanceMatcher student) {
        CheckRun run = new CheckRun("lab06 InstanceMatcher (IHM)");
        for (IhmCase c : ihmCases()) {
            run.check(c.name(), () -> compare(student, c));
        }
        return run.print();
    }

    static ChmCase[] chmCases() {
        return new ChmCase[] {
            chm("5 x 5 clusters, p 1", 1, 5, 5, 1.0),
            chm("5 x 5 clusters, p 0", 2, 5, 5, 0.0),
            chm("4 x 7 clusters, p 0.5", 3, 4, 7, 0.5),
            chm("8 x 3 clusters, p 0.5", 4, 8, 3, 0.5),
            chm("10 x 10 clusters, p 0.5", 5, 10, 10, 0.5),
        };
    }

    static IhmCase[] ihmCases() {
        return new IhmCase[] {
            ihm("12 x 10 images, k 3", 1, 12, 10, 3),
            ihm("10 x 14 images, k 5", 2, 10, 14, 5),
            ihm("6 x 4 images, k 20 (more than the group)", 3, 6, 4, 20),
        };
    }

    /** Group B's clusters are noisy copies of A's (shuffled), text noisier than images: the matchings partly agree. */
    private static ChmCase chm(String name, long seed, int ca, int cb, double p) {
        Random r = new Random(seed);
        int d = 6;
        FloatMatrix ia = rows(r, ca, d, null, 0);
        FloatMatrix ta = rows(r, ca, d, null, 0);
        int[] perm = shuffled(r, Math.max(ca, cb));
        FloatMatrix ib = rows(r, cb, d, pick(ia, perm), 0.5);
        FloatMatrix tb = rows(r, cb, d, pick(ta, perm), 1.0);
        return new ChmCase(name, ia, ib, ta, tb, p, 100 + seed);
    }

    private static IhmCase ihm(String name, long seed, int na, int nb, int k) {
        Random r = new Random(seed);
        int d = 5;
        FloatMatrix ia = rows(r, na, d, null, 0);
        FloatMatrix ta = rows(r, na, d, null, 0);
        int[] perm = shuffled(r, Math.max(na, nb));
        return new IhmCase(name, ia, rows(r, nb, d, pick(ia, perm), 0.7), ta, rows(r, nb, d, pick(ta, perm), 0.7), k);
    }

    private static int[] shuffled(Random r, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Rows of {@code base} in the permuted order (wrapping), or null. */
    private static float[][] pick(FloatMatrix base, int[] perm) {
        float[][] out = new float[perm.length][];
        for (int i = 0; i < perm.length; i++) {
            int row = perm[i] % base.rows();
            out[i] = Arrays.copyOfRange(base.data(), row * base.cols(), (row + 1) * base.cols());
        }
        return out;
    }

    private static FloatMatrix rows(Random r, int n, int d, float[][] around, double noise) {
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                x[i * d + k] = (float) ((around == null ? 0 : around[i][k]) + (around == null ? 1 : noise) * r.nextGaussian());
            }
        }
        return new FloatMatrix(n, d, x);
    }

    private static String compare(ClusterMatcher student, ChmCase c) {
        List<ClusterMatching.Pair> got = student.keptPairs(c.imageA(), c.imageB(), c.textA(), c.textB(), c.p(),
                new Random(c.seed()));
        List<ClusterMatching.Pair> want = ClusterMatching.match(c.imageA(), c.imageB(), c.textA(), c.textB(), c.p(),
                new Random(c.seed())).kept();
        if (got == null) {
            return "the pairs are null";
        }
        if (got.equals(want)) {
            return null;
        }
        String d = "kept " + show(got) + " expected " + show(want);
        int ca = c.imageA().rows();
        int cb = c.imageB().rows();
        double[] cos = ClusterMatching.cosines(c.imageA(), c.imageB());
        int[] best = LinearAssignment.maximize(cos, ca, cb).columnOfRow(ca);
        int[] worst = LinearAssignment.minimize(cos, ca, cb).columnOfRow(ca);
        boolean allOptimal = got.stream().allMatch(p -> p.a() >= 0 && p.a() < ca && best[p.a()] == p.b());
        boolean allWorst = got.stream().allMatch(p -> p.a() >= 0 && p.a() < ca && worst[p.a()] == p.b());
        if (!allOptimal && allWorst && !got.isEmpty()) {
            return Difference.withHint(d, "your image pairs minimise the total similarity: maximise it"
                    + " (LinearAssignment.maximize on cosines, or minimize on the cost 1 - cosine)");
        }
        if (!allOptimal) {
            return Difference.withHint(d, "a kept pair is not in the image assignment that maximises the total"
                    + " cosine similarity of the (row-normalised) image centroids");
        }
        List<ClusterMatching.Pair> sorted = got.stream().sorted((x, y) -> Integer.compare(x.a(), y.a())).toList();
        if (!sorted.equals(got)) {
            return Difference.withHint(d, "return the pairs by ascending a");
        }
        boolean flagsRight = got.stream().allMatch(p -> want.stream().noneMatch(w -> w.a() == p.a() && w.b() == p.b()
                && w.agreed() != p.agreed()));
        if (!flagsRight) {
            return Difference.withHint(d, "agreed = the text matching (Hungarian on the cluster text"
                    + " representations) pairs a with the same b");
        }
        return Difference.withHint(d, "keep agreed pairs always; for each other pair, in ascending a, draw"
                + " rng.nextDouble() once and keep it when the draw is below p (no draw for agreed pairs)");
    }

    private static String show(List<ClusterMatching.Pair> pairs) {
        StringBuilder sb = new StringBuilder("[");
        for (ClusterMatching.Pair p : pairs) {
            sb.append(sb.length() > 1 ? " " : "").append(p.a()).append("-").append(p.b()).append(p.agreed() ? "*" : "");
        }
        return sb.append("] (* = agreed)").toString();
    }

    private static String compare(InstanceMatcher student, IhmCase c) {
        int[][] got = student.positives(c.imageA(), c.imageB(), c.textA(), c.textB(), c.k());
        int[][] want = InstanceMatching.match(c.imageA(), c.imageB(), c.textA(), c.textB(), c.k(), new NearestNeighbors())
                .aToB();
        if (got == null) {
            return "the positive sets are null";
        }
        if (got.length != want.length) {
            return "positive sets for " + got.length + " rows, expected one per row of image: " + want.length;
        }
        int[][] imageOnly = InstanceMatching.match(c.imageA(), c.imageB(), c.imageA(), c.imageB(), c.k(),
                new NearestNeighbors()).aToB();
        for (int i = 0; i < want.length; i++) {
            String d = Difference.ints("row " + i + ": positives", got[i], want[i]);
            if (d == null) {
                continue;
            }
            int[] sorted = got[i] == null ? null : got[i].clone();
            if (sorted != null) {
                Arrays.sort(sorted);
            }
            if (sorted != null && Arrays.equals(sorted, want[i])) {
                return Difference.withHint(d, "sort each positive set ascending");
            }
            if (got[i] != null && Arrays.equals(sorted, imageOnly[i])) {
                return Difference.withHint(d, "those are the image neighbours only; intersect them with the top-k"
                        + " neighbours by text representation");
            }
            if (sorted != null && sorted.length > want[i].length && contains(sorted, want[i])) {
                return Difference.withHint(d, "a positive must be among the top-k in both spaces: the intersection,"
                        + " not the union");
            }
            return Difference.withHint(d, "top-k by cosine in the other group (NearestNeighbors.cross on"
                    + " UnitFeatures.of(...)), in both spaces, then their intersection");
        }
        return null;
    }

    private static boolean contains(int[] sortedSuper, int[] sub) {
        for (int x : sub) {
            if (Arrays.binarySearch(sortedSuper, x) < 0) {
                return false;
            }
        }
        return true;
    }
}
