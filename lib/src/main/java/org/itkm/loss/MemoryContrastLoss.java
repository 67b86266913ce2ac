package org.itkm.loss;

import org.itkm.runtime.Scalars;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Contrast of image features against a memory of L2-normalised entries at temperature τ: the
 * homogeneous loss (Eq. 3-4, own group's cluster memory, positive = own cluster), the cluster-level
 * heterogeneous loss of CHM (Eq. 13-14, other group's cluster memory, positive = matched cluster) and
 * the instance-level one of IHM (Eq. 15-16, other group's instance memory, positives = IHM set). The
 * memory is a constant for the gradient (it is updated by momentum, not by back-propagation).
 */
public final class MemoryContrastLoss {
    private final float temperature;

    public MemoryContrastLoss(double temperature) {
        if (temperature <= 0) {
            throw new IllegalArgumentException("temperature must be positive");
        }
        this.temperature = (float) temperature;
    }

    /**
     * @param features B×D image features (normalised here)
     * @param memory C×D normalised memory entries
     * @param positives B×C 0/1 mask ({@link Positives}); rows without positives are skipped
     */
    public NDArray compute(NDArray features, NDArray memory, NDArray positives) {
        try (NDManager scope = NDManager.subManagerOf(features)) {
            scope.tempAttachAll(features, memory, positives);
            NDArray logits = Scalars.div(InfoNce.normalize(features).matMul(memory.stopGradient().transpose()), temperature);
            return scope.ret(InfoNce.loss(logits, positives));
        }
    }
}
