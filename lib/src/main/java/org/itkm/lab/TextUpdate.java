package org.itkm.lab;

import org.itkm.io.FloatMatrix;
import org.itkm.match.TextRepresentationUpdate;

/**
 * Lab 05, the student's piece: DRU, the dynamic text representation update after each clustering (paper
 * Eq. 9-11; the kit's {@code TextRepresentationUpdate.update}). For every cluster k of the new labels:
 * <ol>
 *   <li>Eq. 9: t~_k = mean of the members' instance text representations u_n;</li>
 *   <li>Eq. 10: T_k = mean of the ceil(ρ |C_k|) (at least 1) members whose u_n are closest to t~_k by
 *       cosine (equal cosines: lower row first);</li>
 *   <li>Eq. 11: every member moves towards it, u_n = (1 - η) u_n + η T_k.</li>
 * </ol>
 * Arithmetic means, no normalisation. A member whose u_n is all zero (no text representation yet) is left
 * out of Eq. 9-10 and takes T_k; noise rows (label -1) keep theirs; a cluster with no member that has a
 * representation keeps a zero T_k.
 */
@FunctionalInterface
public interface TextUpdate {
    /**
     * @param instanceText N x E current u_n (do not modify it)
     * @param labels N new pseudo-labels (0..C-1, -1 noise)
     * @param clusters C
     * @return T (C x E) and the updated U (N x E)
     */
    TextRepresentationUpdate.Result update(FloatMatrix instanceText, int[] labels, int clusters, double topProportion,
            double updateRate);
}
