package org.itkm.clip.pretrain;

import org.itkm.runtime.Scalars;

import ai.djl.ndarray.NDArray;

/**
 * CLIP's symmetric image-text contrastive loss: with L2-normalised image and text features and logits
 * s * I T^T (s = exp(logit scale)), the mean of the image-to-text and text-to-image cross-entropies with
 * the matching pair (the diagonal) as target. With {@link #symmetric(NDArray, NDArray, NDArray, NDArray)} pairs
 * whose captions are identical all count as matches (uniform targets over them): a synthetic corpus repeats
 * captions, and treating a repeat as a negative would punish the model for being right.
 */
public final class ContrastiveLoss {
    private ContrastiveLoss() {}

    /**
     * @param image (B, D) image features
     * @param text (B, D) text features of the matching captions
     * @param scale scalar or (1) inverse temperature, already exponentiated
     * @return scalar loss in image's manager
     */
    public static NDArray symmetric(NDArray image, NDArray text, NDArray scale) {
        long b = image.getShape().get(0);
        return symmetric(image, text, scale, image.getManager().eye((int) b).toDevice(image.getDevice(), false));
    }

    /**
     * The same loss with soft targets.
     *
     * @param targets (B, B) symmetric, each row summing to 1 (the identity matrix gives CLIP's loss)
     */
    public static NDArray symmetric(NDArray image, NDArray text, NDArray scale, NDArray targets) {
        long b = image.getShape().get(0);
        NDArray i = image.div(image.norm(new int[] {1}, true));
        NDArray t = text.div(text.norm(new int[] {1}, true));
        NDArray logits = i.matMul(t.transpose()).mul(scale);
        NDArray imageToText = logits.logSoftmax(1).mul(targets).sum();
        NDArray textToImage = logits.logSoftmax(0).mul(targets).sum();
        return Scalars.div(imageToText.add(textToImage), -2f * b);
    }
}
