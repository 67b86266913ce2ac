package org.itkm.lab;

import ai.djl.ndarray.NDArray;

/**
 * Lab 04, the student's piece: the multi-scenario separation loss (paper Eq. 8; the kit's
 * {@code ScenarioSeparationLoss}). For B text representations t_a of scenarios s_a:
 * {@code L = mean over ordered pairs (a, b) with s_a != s_b of [cos(t_a, t_b) - m]_+}; 0 (still a function
 * of the text) when the batch holds a single scenario. Stage II adds α·L to the image-text loss.
 */
@FunctionalInterface
public interface SeparationLoss {
    /**
     * @param text B x D text representations (gradients flow into them)
     * @param scenario scenario index of each row
     * @param margin m
     * @return a scalar loss
     */
    NDArray loss(NDArray text, int[] scenario, float margin);
}
