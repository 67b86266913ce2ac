package org.itkm.data;

/**
 * Homogeneous group within a scenario (paper Appendix S1): A and B are the two sides the
 * heterogeneous stage matches across (visible / infrared, high / low resolution, k-means clusters
 * for clothes-changing). Group A images use patch embedding A, group B images patch embedding B.
 */
public enum Group {
    A, B;

    /** 0 for A, 1 for B (the branch index). */
    public int index() {
        return ordinal();
    }
}
