package org.itkm.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.itkm.io.FloatMatrix;

/**
 * CHM, cluster-level heterogeneous matching (paper §3.3, Eq. 13-14; reference D.1): within one scenario,
 * match the clusters of group A to those of group B twice, once by image centroids and once by cluster
 * text representations, each a one-to-one assignment maximising total cosine similarity (rectangular:
 * every cluster of the smaller group gets a partner, {@link LinearAssignment}). Image pairs that the text
 * matching also finds are kept; every other image pair is kept with probability p, drawn anew each call
 * (i.e. each epoch). Text-only pairs are never image pairs, so they are not kept.
 */
public final class ClusterMatching {
    /** DESIGN.md section 7 default. */
    public static final double DEFAULT_KEEP_PROBABILITY = 0.5;

    /** A kept pair: cluster a of group A, cluster b of group B, and whether both spaces agreed. */
    public record Pair(int a, int b, boolean agreed) {}

    /**
     * The kept pairs (by ascending a), their maps in both directions (-1: no kept partner), and the counts
     * of image pairs and agreed pairs before the random draw.
     */
    public record Result(List<Pair> kept, int[] bOfA, int[] aOfB, int imagePairs, int agreedPairs) {}

    private ClusterMatching() {}

    /**
     * @param imageA  C_A x D image centroids of group A (any scale; normalised here)
     * @param imageB  C_B x D image centroids of group B
     * @param textA   C_A x E cluster text representations of group A
     * @param textB   C_B x E cluster text representations of group B
     * @param keepProbability p in [0, 1]: chance of keeping an image pair the text matching disagrees with
     * @param rng     source of the draws (one draw per disagreeing pair, by ascending a)
     */
    public static Result match(FloatMatrix imageA, FloatMatrix imageB, FloatMatrix textA, FloatMatrix textB,
            double keepProbability, Random rng) {
        if (!(keepProbability >= 0 && keepProbability <= 1)) {
            throw new IllegalArgumentException("keep probability must be in [0, 1], got " + keepProbability);
        }
        if (imageA.rows() != textA.rows() || imageB.rows() != textB.rows()) {
            throw new IllegalArgumentException("image and text representations disagree on cluster counts: A "
                    + imageA.rows() + " vs " + textA.rows() + ", B " + imageB.rows() + " vs " + textB.rows());
        }
        int ca = imageA.rows();
        int cb = imageB.rows();
        int[] bOfA = new int[ca];
        int[] aOfB = new int[cb];
        Arrays.fill(bOfA, -1);
        Arrays.fill(aOfB, -1);
        List<Pair> kept = new ArrayList<>();
        if (ca == 0 || cb == 0) {
            return new Result(kept, bOfA, aOfB, 0, 0);
        }
        int[] imageMatch = LinearAssignment.maximize(cosines(imageA, imageB), ca, cb).columnOfRow(ca);
        int[] textMatch = LinearAssignment.maximize(cosines(textA, textB), ca, cb).columnOfRow(ca);
        int imagePairs = 0;
        int agreed = 0;
        for (int a = 0; a < ca; a++) {
            int b = imageMatch[a];
            if (b < 0) {
                continue;
            }
            imagePairs++;
            boolean both = textMatch[a] == b;
            agreed += both ? 1 : 0;
            if (both || rng.nextDouble() < keepProbability) {
                kept.add(new Pair(a, b, both));
                bOfA[a] = b;
                aOfB[b] = a;
            }
        }
        return new Result(kept, bOfA, aOfB, imagePairs, agreed);
    }

    /** Row-normalised cosine matrix, row-major x.rows() x y.rows() (zero rows give 0). */
    public static double[] cosines(FloatMatrix x, FloatMatrix y) {
        if (x.cols() != y.cols()) {
            throw new IllegalArgumentException("dimensions differ: " + x.cols() + " vs " + y.cols());
        }
        double[] nx = norms(x);
        double[] ny = norms(y);
        int d = x.cols();
        double[] out = new double[x.rows() * y.rows()];
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < y.rows(); j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += (double) x.get(i, k) * y.get(j, k);
                }
                out[i * y.rows() + j] = nx[i] == 0 || ny[j] == 0 ? 0 : s / (nx[i] * ny[j]);
            }
        }
        return out;
    }

    private static double[] norms(FloatMatrix m) {
        double[] n = new double[m.rows()];
        for (int i = 0; i < m.rows(); i++) {
            double s = 0;
            for (int k = 0; k < m.cols(); k++) {
                s += (double) m.get(i, k) * m.get(i, k);
            }
            n[i] = Math.sqrt(s);
        }
        return n;
    }
}
