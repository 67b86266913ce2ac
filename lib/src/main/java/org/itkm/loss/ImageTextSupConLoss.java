package org.itkm.loss;

import org.itkm.runtime.Scalars;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Stage II's image-to-text plus text-to-image supervised contrastive loss (Eq. 6-7; CLIP-ReID's
 * SupCon, reference C.3): with z = v·tᵀ/T, {@code L_i2t = -(1/B) Σ_b (1/|P(b)|) Σ_{a∈P(b)} log
 * softmax(z_b)_a} and L_t2i the same on zᵀ; P(b) are the batch items sharing b's pseudo-label.
 * CLIP-ReID uses raw (unnormalised) CLIP features and T = 1; {@code normalize} switches to cosine
 * logits, for which T must be small (e.g. the CLIP logit scale's inverse).
 */
public final class ImageTextSupConLoss {
    private final float temperature;
    private final boolean normalize;

    public ImageTextSupConLoss(double temperature, boolean normalize) {
        this.temperature = (float) temperature;
        this.normalize = normalize;
    }

    /**
     * @param image B×D image features (frozen: no gradient)
     * @param text B×D text features of the items' prompts
     * @param sameLabel B×B mask of equal pseudo-labels ({@link Positives#sameLabel})
     */
    public NDArray compute(NDArray image, NDArray text, NDArray sameLabel) {
        return compute(image, text, sameLabel, null);
    }

    /**
     * The loss with each image compared only to the texts of its own group and each text only to the images
     * of its group: the paper's Stage II "does not involve interactions between heterogeneous images" and
     * CCLNet sums one SupCon per modality. Without the mask a batch that mixes groups makes the text of a
     * visible cluster a negative for the infrared images of the same person, which teaches the texts the
     * modality instead of the person. Equal to the per-group losses averaged over all of the batch's items.
     *
     * @param sameGroup B×B 0/1 mask of pairs in the same homogeneous group (null: every pair); must hold
     *     every positive of {@code sameLabel}
     */
    public NDArray compute(NDArray image, NDArray text, NDArray sameLabel, NDArray sameGroup) {
        try (NDManager scope = NDManager.subManagerOf(text)) {
            scope.tempAttachAll(image, text, sameLabel);
            NDArray v = normalize ? InfoNce.normalize(image.stopGradient()) : image.stopGradient();
            NDArray t = normalize ? InfoNce.normalize(text) : text;
            NDArray z = Scalars.div(v.matMul(t.transpose()), temperature);
            if (sameGroup != null) { // other groups' logits to -1e9: exp() makes them 0 in every softmax
                scope.tempAttachAll(sameGroup);
                z = z.add(sameGroup.sub(1f).mul(1e9f));
            }
            NDArray loss = InfoNce.loss(z, sameLabel).add(InfoNce.loss(z.transpose(), sameLabel.transpose()));
            return scope.ret(loss);
        }
    }
}
