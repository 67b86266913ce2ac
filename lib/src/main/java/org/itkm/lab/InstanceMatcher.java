package org.itkm.lab;

import org.itkm.io.FloatMatrix;

/**
 * Lab 06, the student's second piece: IHM, instance-level heterogeneous matching (paper §3.3; the kit's
 * {@code InstanceMatching}). For every image i of one group: its top-k images of the other group by cosine
 * of the image representations, its top-k by cosine of the instance text representations (equal cosines:
 * lower row first; {@code NearestNeighbors.cross} does both), and its positive set is their intersection,
 * in ascending row order (possibly empty).
 */
@FunctionalInterface
public interface InstanceMatcher {
    /** @return per row of {@code image}, its positive rows in {@code otherImage}, ascending */
    int[][] positives(FloatMatrix image, FloatMatrix otherImage, FloatMatrix text, FloatMatrix otherText, int k);
}
