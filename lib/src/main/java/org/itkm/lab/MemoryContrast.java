package org.itkm.lab;

import ai.djl.ndarray.NDArray;

/**
 * Lab 03, the student's piece: the homogeneous cluster-memory contrast loss (paper Eq. 3-4; the kit's
 * {@code MemoryContrastLoss} with one-hot positives). For B feature rows f_i with pseudo-labels y_i and a
 * memory of C L2-normalised centroids m_c:
 * {@code L = mean over rows with y_i >= 0 of -log( exp(<f_i/|f_i|, m_{y_i}>/τ) / Σ_c exp(<f_i/|f_i|, m_c>/τ) )}.
 * Rows with label -1 (DBSCAN noise) are left out of the mean; with no row left, the loss is 0 (still a
 * function of the features). The memory is a constant: it moves by momentum, not by gradients.
 */
@FunctionalInterface
public interface MemoryContrast {
    /**
     * @param features B x D image features (not normalised), the array gradients flow into
     * @param memory C x D normalised cluster centroids
     * @param labels B pseudo-labels in 0..C-1, or -1
     * @return a scalar (0-dimensional) loss
     */
    NDArray loss(NDArray features, NDArray memory, int[] labels, float temperature);
}
