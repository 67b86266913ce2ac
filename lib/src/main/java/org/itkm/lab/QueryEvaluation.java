package org.itkm.lab;

import org.itkm.eval.ImageLabels;

/**
 * Lab 01, the student's piece: one query's CMC rank, AP and INP under SYSU-MM01 all-search on a whole
 * gallery (the kit's {@code Protocol.SYSU_ALL} with trials 0):
 * <ol>
 *   <li>rank the gallery by descending similarity, equal similarities by lower gallery index;</li>
 *   <li>junk: a camera-3 query never sees camera-2 images (remove them, whatever their identity);</li>
 *   <li>matches are the remaining images of the query's identity; none: return null;</li>
 *   <li>AP = (1/R) Σ_k k / rank_k over the R matches, INP = R / rank_R (ranks 1-based, after junk removal);</li>
 *   <li>CMC rank, identity-deduplicated: keep only the first image of every identity in the ranking; the
 *       rank of the query's identity in that list.</li>
 * </ol>
 */
@FunctionalInterface
public interface QueryEvaluation {
    /**
     * @param similarity cosine similarity of the query to every gallery image
     * @param gallery the gallery's labels ({@code pids()}, {@code camids()})
     * @return the query's score, or null when no valid match is left
     */
    QueryScore score(double[] similarity, int queryPid, int queryCam, ImageLabels gallery);
}
