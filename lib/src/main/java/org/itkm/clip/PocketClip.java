package org.itkm.clip;

import org.itkm.clip.tokenizer.WordLevelTokenizer;

/**
 * The pocket CLIP (DESIGN §3): a CLIP small enough to pre-train on SynthUMS captions on a CPU, standing in
 * for OpenAI's web pre-training so that every ITKM stage, including the text ones, is meaningful without
 * real weights. Image tower: 64 x 32 input, patch 8 (8 x 4 grid), width 128, 4 layers, 4 heads; text tower:
 * width 128, 3 layers, 4 heads, context 64, word-level vocabulary; joint embedding 128.
 */
public final class PocketClip {
    /** Input height of the pocket image encoder. */
    public static final int HEIGHT = 64;
    /** Input width of the pocket image encoder. */
    public static final int WIDTH = 32;
    /** Patch size of the pocket image encoder (input sizes are multiples of it). */
    public static final int PATCH = 8;
    /**
     * Text context length: the longest SynthUMS caption is 49 tokens with its begin and end tokens; at 32 half
     * of the corpus lost its last clauses (shoes, bag, viewpoint).
     */
    public static final int CONTEXT = 64;

    private PocketClip() {}

    /** The pocket configuration for a word-level vocabulary of the given size. */
    public static ClipConfig config(int vocabSize) {
        return config(vocabSize, 128, 4, 3, HEIGHT, WIDTH);
    }

    /** A pocket-style configuration with other sizes (tests, ablations). */
    public static ClipConfig config(int vocabSize, int width, int visionLayers, int textLayers, int height, int imgWidth) {
        int heads = Math.max(1, width / 32);
        ClipConfig.Vision v = new ClipConfig.Vision(width, visionLayers, heads, 4 * width, PATCH, height, imgWidth, height,
                imgWidth, ClipConfig.Activation.QUICK_GELU, 1e-5f);
        ClipConfig.Text t = new ClipConfig.Text(vocabSize, width, textLayers, heads, 4 * width, CONTEXT, 0, 1,
                WordLevelTokenizer.PAD_ID, ClipConfig.Activation.QUICK_GELU, 1e-5f);
        return new ClipConfig(v, t, width, ClipConfig.DEFAULT_SCENARIOS);
    }
}
