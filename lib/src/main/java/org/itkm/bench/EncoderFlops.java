package org.itkm.bench;

import org.itkm.clip.ClipConfig;
import org.itkm.clip.TextTransformer;
import org.itkm.clip.VisionTransformer;

/**
 * Floating-point operations of a CLIP tower per input (image, or prompt for the text tower), counted
 * from its architecture the way {@link VisionTransformer} and {@link TextTransformer} compute it (one multiply-add = 2 operations; element-wise operations,
 * layer norms and the softmax left out: under 1 % for ViT-B/16). Used to predict the time of runs on
 * other hardware from a measured throughput ({@code itkm bench memory} checks the count against the
 * time a step takes here).
 *
 * @param patchEmbedding the convolution of one branch (the encoder runs both over a batch that mixes groups)
 * @param attentionProjections q, k, v and output projections of every layer
 * @param attentionScores q·kᵀ and the weighted sum of v of every layer
 * @param mlp the two MLP layers of every layer
 * @param projection the final projection of the class token
 */
public record EncoderFlops(double patchEmbedding, double attentionProjections, double attentionScores, double mlp,
        double projection) {

    /** The count for one image at the tower's input size. */
    public static EncoderFlops of(ClipConfig.Vision v, int projectionDim) {
        double patches = (double) v.gridHeight() * v.gridWidth();
        double patch = 2 * patches * (3.0 * v.patchSize() * v.patchSize()) * v.width();
        return layers(patch, patches + 1, v.width(), v.mlpDim(), v.layers(), projectionDim);
    }

    /**
     * The count for one prompt of {@code tokens} tokens through the text tower (Stage II's prompts run at
     * their own length, begin and end tokens included, not padded to the context).
     */
    public static EncoderFlops ofText(ClipConfig.Text t, int tokens, int projectionDim) {
        return layers(0, tokens, t.width(), t.mlpDim(), t.layers(), projectionDim);
    }

    private static EncoderFlops layers(double patch, double tokens, double d, double mlpDim, int layers,
            int projectionDim) {
        double projections = layers * 2 * tokens * 4 * d * d;
        double scores = layers * 2 * 2 * tokens * tokens * d;
        double mlp = layers * 2 * 2 * tokens * d * mlpDim;
        return new EncoderFlops(patch, projections, scores, mlp, 2 * d * projectionDim);
    }

    /** The transformer layers' share: projections, attention and MLP. */
    public double transformer() {
        return attentionProjections + attentionScores + mlp;
    }

    /**
     * One image's forward pass; {@code branches} = 2 when a batch holds images of both groups (each
     * branch's convolution runs over the whole batch, {@link VisionTransformer#encode}).
     */
    public double forward(int branches) {
        return branches * patchEmbedding + transformer() + projection;
    }

    /**
     * Forward + backward of one image in a training step: the backward pass of a matrix product costs
     * two products (gradients of its input and of its weight), except the patch convolution, whose
     * input (the image) needs no gradient.
     */
    public double training(int branches) {
        return 3 * (transformer() + projection) + 2 * branches * patchEmbedding;
    }

    /**
     * Forward + backward through frozen weights (Stage II's text tower, where only the prompt vectors
     * learn): the backward pass needs the inputs' gradients only, one product per product.
     */
    public double throughFrozenWeights() {
        return 2 * (transformer() + projection);
    }
}
