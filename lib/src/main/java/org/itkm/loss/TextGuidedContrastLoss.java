package org.itkm.loss;

import org.itkm.runtime.Scalars;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The text-guided contrastive loss of Stage III (Eq. 12): for image i of cluster y_i,
 * {@code -log( e^{<f_i,u_i>/τ} / (e^{<f_i,u_i>/τ} + Σ_{c≠y_i} e^{<f_i,T_c>/τ}) )}, with u_i the
 * image's instance-level text representation and T_c the group's cluster-level text representations
 * (DRU's online ones), all L2-normalised. Images with label -1 are skipped.
 */
public final class TextGuidedContrastLoss {
    private final float temperature;

    public TextGuidedContrastLoss(double temperature) {
        this.temperature = (float) temperature;
    }

    /**
     * @param features B×D image features
     * @param instanceText B×D instance-level text representations of the same images
     * @param clusterText C×D cluster-level text representations of the group
     * @param positives B×C one-hot of the images' current pseudo-labels ({@link Positives#oneHot})
     */
    public NDArray compute(NDArray features, NDArray instanceText, NDArray clusterText, NDArray positives) {
        try (NDManager scope = NDManager.subManagerOf(features)) {
            scope.tempAttachAll(features, instanceText, clusterText, positives);
            NDArray f = InfoNce.normalize(features);
            NDArray others = f.matMul(InfoNce.normalize(clusterText.stopGradient()).transpose());
            NDArray own = f.mul(InfoNce.normalize(instanceText.stopGradient())).sum(new int[] {1}, true);
            // the positive column holds <f_i, u_i> instead of <f_i, T_{y_i}>
            NDArray logits = Scalars.div(others.mul(Scalars.add(positives.neg(), 1f)).add(own.mul(positives)), temperature);
            return scope.ret(InfoNce.loss(logits, positives));
        }
    }
}
