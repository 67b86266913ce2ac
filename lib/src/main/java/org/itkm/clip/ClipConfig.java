package org.itkm.clip;

/**
 * Architecture of a CLIP model: a vision transformer, a text transformer and the joint embedding size.
 * Mirrors the fields of a Hugging Face {@code CLIPConfig}; {@link #vision()} also carries the input size
 * the image encoder runs at, which may differ from the checkpoint's (position embeddings are resized).
 *
 * @param vision image tower
 * @param text text tower
 * @param projectionDim size D of the joint image-text embedding (512 for ViT-B/16)
 * @param scenarios rows S of the scenario embedding (paper Eq. 1)
 */
public record ClipConfig(Vision vision, Text text, int projectionDim, int scenarios) {

    /** Default number of scenarios (VI, CC, CR). */
    public static final int DEFAULT_SCENARIOS = 3;

    public ClipConfig {
        if (projectionDim <= 0 || scenarios <= 0) {
            throw new IllegalArgumentException("projectionDim and scenarios must be positive");
        }
    }

    /**
     * Vision transformer.
     *
     * @param width hidden size
     * @param layers number of residual blocks
     * @param heads attention heads
     * @param mlpDim hidden size of the MLP (4 x width in CLIP)
     * @param patchSize patch size and stride of the patch embedding
     * @param checkpointHeight image height the position embeddings were trained for
     * @param checkpointWidth image width the position embeddings were trained for
     * @param inputHeight image height the model runs at
     * @param inputWidth image width the model runs at
     * @param activation MLP activation
     * @param layerNormEps epsilon of every LayerNorm
     */
    public record Vision(int width, int layers, int heads, int mlpDim, int patchSize, int checkpointHeight,
            int checkpointWidth, int inputHeight, int inputWidth, Activation activation, float layerNormEps) {
        public Vision {
            if (width <= 0 || layers <= 0 || heads <= 0 || width % heads != 0 || mlpDim <= 0 || patchSize <= 0) {
                throw new IllegalArgumentException("invalid vision transformer: width " + width + ", layers " + layers
                        + ", heads " + heads + ", mlp " + mlpDim + ", patch " + patchSize);
            }
            if (inputHeight < patchSize || inputWidth < patchSize || checkpointHeight < patchSize
                    || checkpointWidth < patchSize) {
                throw new IllegalArgumentException("image size smaller than the patch size " + patchSize);
            }
        }

        /** Patch grid rows of the model's input ((H - p) / p + 1, as CLIP-ReID). */
        public int gridHeight() {
            return (inputHeight - patchSize) / patchSize + 1;
        }

        /** Patch grid columns of the model's input. */
        public int gridWidth() {
            return (inputWidth - patchSize) / patchSize + 1;
        }

        /** Patch grid rows of the checkpoint's position embeddings. */
        public int checkpointGridHeight() {
            return checkpointHeight / patchSize;
        }

        /** Patch grid columns of the checkpoint's position embeddings. */
        public int checkpointGridWidth() {
            return checkpointWidth / patchSize;
        }

        /** The same tower run at another input size. */
        public Vision withInputSize(int height, int width) {
            return new Vision(this.width, layers, heads, mlpDim, patchSize, checkpointHeight, checkpointWidth, height,
                    width, activation, layerNormEps);
        }
    }

    /**
     * Text transformer.
     *
     * @param vocabSize token vocabulary size
     * @param width hidden size
     * @param layers number of residual blocks
     * @param heads attention heads
     * @param mlpDim hidden size of the MLP
     * @param contextLength number of position embeddings (77 in CLIP)
     * @param bosTokenId begin-of-text id
     * @param eosTokenId end-of-text id; features are pooled at its first occurrence
     * @param padTokenId id the tool pads sequences with
     * @param activation MLP activation
     * @param layerNormEps epsilon of every LayerNorm
     * @param legacyEosTokenId pooled at when a sequence lacks {@code eosTokenId} (older exports declare
     *     eos_token_id 2 while their tokenizer ends texts with another id); -1 for none
     */
    public record Text(int vocabSize, int width, int layers, int heads, int mlpDim, int contextLength, int bosTokenId,
            int eosTokenId, int padTokenId, Activation activation, float layerNormEps, int legacyEosTokenId) {

        /** A text tower without a legacy end-of-text id. */
        public Text(int vocabSize, int width, int layers, int heads, int mlpDim, int contextLength, int bosTokenId,
                int eosTokenId, int padTokenId, Activation activation, float layerNormEps) {
            this(vocabSize, width, layers, heads, mlpDim, contextLength, bosTokenId, eosTokenId, padTokenId, activation,
                    layerNormEps, -1);
        }

        public Text {
            if (vocabSize <= 0 || width <= 0 || layers <= 0 || heads <= 0 || width % heads != 0 || mlpDim <= 0
                    || contextLength <= 1) {
                throw new IllegalArgumentException("invalid text transformer: vocab " + vocabSize + ", width " + width
                        + ", layers " + layers + ", heads " + heads + ", context " + contextLength);
            }
        }

        /** The same tower with a legacy end-of-text id. */
        public Text withLegacyEosTokenId(int eos) {
            return new Text(vocabSize, width, layers, heads, mlpDim, contextLength, bosTokenId, eosTokenId, padTokenId,
                    activation, layerNormEps, eos);
        }

        /** Where a sequence's features are pooled: its first end-of-text id (or legacy id), -1 if none. */
        public int poolingPosition(int[] ids, int from, int length) {
            for (int target : new int[] {eosTokenId, legacyEosTokenId}) {
                for (int j = 0; j < length && target >= 0; j++) {
                    if (ids[from + j] == target) {
                        return j;
                    }
                }
            }
            return -1;
        }
    }

    /** MLP activation of the transformer blocks. */
    public enum Activation {
        /** x * sigmoid(1.702 x), OpenAI CLIP. */
        QUICK_GELU("quick_gelu"),
        /** exact (erf) GELU, some LAION/OpenCLIP exports. */
        GELU("gelu");

        private final String configName;

        Activation(String configName) {
            this.configName = configName;
        }

        /** The name used in a Hugging Face {@code config.json} ({@code hidden_act}). */
        public String configName() {
            return configName;
        }

        /** Parses a {@code hidden_act} value; null when unsupported. */
        public static Activation fromConfigName(String name) {
            for (Activation a : values()) {
                if (a.configName.equals(name)) {
                    return a;
                }
            }
            return null;
        }
    }

    /** The same model run at another image input size. */
    public ClipConfig withInputSize(int height, int width) {
        return new ClipConfig(vision.withInputSize(height, width), text, projectionDim, scenarios);
    }
}
