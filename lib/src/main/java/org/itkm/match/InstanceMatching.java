package org.itkm.match;

import org.itkm.cluster.NearestNeighbors;
import org.itkm.cluster.NeighborTable;
import org.itkm.cluster.UnitFeatures;
import org.itkm.io.FloatMatrix;

/**
 * IHM, instance-level heterogeneous matching (paper §3.3, Eq. 15-16; reference D.2): for each image of
 * group A, its positive set in group B is the intersection of its top-k group-B neighbours by image
 * representation and its top-k group-B neighbours by instance text representation (cosine; equal
 * similarities to the lower index), and the same from B to A. Sets may be empty.
 */
public final class InstanceMatching {
    /** DESIGN.md section 7 default. */
    public static final int DEFAULT_K = 20;

    /** Positive sets, ascending indices: A rows to B rows, and B rows to A rows. */
    public record Result(int[][] aToB, int[][] bToA) {}

    private InstanceMatching() {}

    public static Result match(FloatMatrix imageA, FloatMatrix imageB, FloatMatrix textA, FloatMatrix textB, int k,
            NearestNeighbors neighbors) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        if (imageA.rows() != textA.rows() || imageB.rows() != textB.rows()) {
            throw new IllegalArgumentException("image and text representations disagree on image counts: A "
                    + imageA.rows() + " vs " + textA.rows() + ", B " + imageB.rows() + " vs " + textB.rows());
        }
        UnitFeatures ia = UnitFeatures.of(imageA);
        UnitFeatures ib = UnitFeatures.of(imageB);
        UnitFeatures ta = UnitFeatures.of(textA);
        UnitFeatures tb = UnitFeatures.of(textB);
        return new Result(positives(neighbors.cross(ia, ib, k), neighbors.cross(ta, tb, k)),
                positives(neighbors.cross(ib, ia, k), neighbors.cross(tb, ta, k)));
    }

    /** Per query row: the sorted intersection of its two neighbour lists. */
    static int[][] positives(NeighborTable byImage, NeighborTable byText) {
        int n = byImage.rows();
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            int[] a = byImage.row(i, byImage.k());
            int[] b = byText.row(i, byText.k());
            java.util.Arrays.sort(a);
            java.util.Arrays.sort(b);
            int[] common = new int[Math.min(a.length, b.length)];
            int c = 0;
            for (int p = 0, q = 0; p < a.length && q < b.length;) {
                if (a[p] == b[q]) {
                    common[c++] = a[p];
                    p++;
                    q++;
                } else if (a[p] < b[q]) {
                    p++;
                } else {
                    q++;
                }
            }
            out[i] = java.util.Arrays.copyOf(common, c);
        }
        return out;
    }
}
