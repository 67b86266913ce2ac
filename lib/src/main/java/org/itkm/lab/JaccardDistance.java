package org.itkm.lab;

import org.itkm.cluster.NeighborTable;
import org.itkm.cluster.UnitFeatures;

/**
 * Lab 02, the student's piece: the dense N x N k-reciprocal Jaccard distance of cluster-contrast (the
 * kit's {@code KReciprocalJaccard}), from unit feature rows and their self neighbour table (row i's first
 * K = min(k1, N) neighbours by descending cosine, i itself first):
 * <ol>
 *   <li>kr(i, k): of the first min(k+1, K) columns of row i, the j whose own first min(k+1, K) columns
 *       contain i; R(i) = kr(i, k1);</li>
 *   <li>expansion: for every c in R(i), add H(c) = kr(c, round(k1/2)) (half to even, {@code Math.rint}) to
 *       the set when |H(c) ∩ R(i)| &gt; 2/3 |H(c)|; no duplicates;</li>
 *   <li>weights: V[i, j] = softmax over the expanded set of -(2 - 2 cos(i, j)), zero elsewhere;</li>
 *   <li>query expansion: V[i] := mean of the rows V[t] of the first min(k2, K) table entries t of i;</li>
 *   <li>s(i, j) = Σ_c min(V[i, c], V[j, c]); D(i, j) = 1 - s / (2 - s), at least 0.</li>
 * </ol>
 */
@FunctionalInterface
public interface JaccardDistance {
    /** @return D as an N x N array (row i, column j) */
    double[][] distances(UnitFeatures x, NeighborTable table, int k1, int k2);
}
