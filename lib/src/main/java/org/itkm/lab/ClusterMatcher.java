package org.itkm.lab;

import java.util.List;
import java.util.Random;
import org.itkm.io.FloatMatrix;
import org.itkm.match.ClusterMatching;

/**
 * Lab 06, the student's first piece: CHM, cluster-level heterogeneous matching (paper Eq. 13-14; the kit's
 * {@code ClusterMatching.match}). Within one scenario, match group A's clusters to group B's twice with
 * {@code LinearAssignment}, each a one-to-one assignment that maximises the total cosine similarity: once
 * on the image centroids, once on the cluster text representations. For every group-A cluster a in
 * ascending order with an image partner b: keep (a, b, agreed = true) when the text matching pairs a with b
 * too; otherwise draw {@code rng.nextDouble()} and keep (a, b, false) when it is below p.
 */
@FunctionalInterface
public interface ClusterMatcher {
    /** The kept pairs, by ascending a. */
    List<ClusterMatching.Pair> keptPairs(FloatMatrix imageA, FloatMatrix imageB, FloatMatrix textA, FloatMatrix textB,
            double keepProbability, Random rng);
}
