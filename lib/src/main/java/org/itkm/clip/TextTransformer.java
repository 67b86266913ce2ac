package org.itkm.clip;

import org.itkm.runtime.OwnedArrays;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CLIP's text encoder: token + position embeddings, pre-LN residual blocks under a causal mask, final LN
 * and the text projection, pooled at the end-of-text position (the first {@code eos} id of each sequence).
 *
 * <p>Block inputs: {@code NDList(tokenIds (B, L) int32)}, padded after end-of-text; output
 * {@code NDList(t (B, projectionDim))}. {@link #encodeEmbeddings} runs from token embeddings (prompt learning).
 */
public final class TextTransformer extends AbstractBlock {
    private final ClipConfig.Text cfg;
    private final int projectionDim;
    private final Parameter tokenEmbedding;
    private final Parameter positionEmbedding;
    private final List<TransformerLayer> layers = new ArrayList<>();
    private final Parameter finalLnWeight;
    private final Parameter finalLnBias;
    private final Parameter projection;

    public TextTransformer(ClipConfig.Text cfg, int projectionDim) {
        this.cfg = cfg;
        this.projectionDim = projectionDim;
        int d = cfg.width();
        tokenEmbedding = addParameter(ParameterValues.create("token_embedding", Parameter.Type.OTHER,
                new NormalInitializer(0.02f), cfg.vocabSize(), d));
        positionEmbedding = addParameter(ParameterValues.create("position_embedding", Parameter.Type.OTHER,
                new NormalInitializer(0.01f), cfg.contextLength(), d));
        for (int i = 0; i < cfg.layers(); i++) {
            layers.add(addChildBlock("layer" + i,
                    new TransformerLayer(d, cfg.heads(), cfg.mlpDim(), cfg.activation(), cfg.layerNormEps())));
        }
        finalLnWeight = addParameter(ParameterValues.create("final_layer_norm.weight", Parameter.Type.GAMMA,
                Initializer.ONES, d));
        finalLnBias = addParameter(ParameterValues.create("final_layer_norm.bias", Parameter.Type.BETA,
                Initializer.ZEROS, d));
        projection = addParameter(ParameterValues.create("text_projection.weight", Parameter.Type.WEIGHT,
                ParameterValues.WEIGHT_INIT, projectionDim, d));
    }

    /** The architecture this encoder was built for. */
    public ClipConfig.Text config() {
        return cfg;
    }

    /** The (frozen) token embedding table, for building prompts. */
    Parameter tokenEmbeddingParameter() {
        return tokenEmbedding;
    }

    /**
     * Token embeddings of id sequences (B, L) -> (B, L, D), in the ids' manager.
     */
    public NDArray embedTokens(ParameterStore ps, NDArray tokenIds, boolean training) {
        NDArray table = ps.getValue(tokenEmbedding, tokenIds.getDevice(), training);
        return tokenIds.getNDArrayInternal().embedding(tokenIds, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /**
     * Text features of id sequences.
     *
     * @param tokenIds (B, L) int32 (or int64) ids including begin and end tokens, any padding after the end
     */
    public NDArray encode(ParameterStore ps, NDArray tokenIds, boolean training) {
        int[] ids = tokenIds.toType(DataType.INT32, false).toIntArray();
        int b = (int) tokenIds.getShape().get(0);
        int l = (int) tokenIds.getShape().get(1);
        int[] eot = new int[b];
        for (int i = 0; i < b; i++) {
            eot[i] = cfg.poolingPosition(ids, i * l, l);
            if (eot[i] < 0) {
                throw new IllegalArgumentException("sequence " + i + " has no end-of-text id " + cfg.eosTokenId());
            }
        }
        return encode(ps, tokenIds, eot, training);
    }

    /**
     * Text features of id sequences pooled at given positions (callers that pad compute them before padding,
     * so padding can never be mistaken for the end token).
     */
    public NDArray encode(ParameterStore ps, NDArray tokenIds, int[] eotPositions, boolean training) {
        return encodeEmbeddings(ps, embedTokens(ps, tokenIds.toType(DataType.INT64, false), training), eotPositions,
                training);
    }

    /**
     * Text features from token embeddings (B, L, D), pooled at the given end-of-text positions.
     */
    public NDArray encodeEmbeddings(ParameterStore ps, NDArray embeddings, int[] eotPositions, boolean training) {
        Device dev = embeddings.getDevice();
        NDManager m = embeddings.getManager();
        int b = (int) embeddings.getShape().get(0);
        int l = (int) embeddings.getShape().get(1);
        int d = cfg.width();
        if (l > cfg.contextLength()) {
            throw new IllegalArgumentException("sequence length " + l + " exceeds the context length "
                    + cfg.contextLength());
        }
        NDArray pos = ps.getValue(positionEmbedding, dev, training);
        if (l < cfg.contextLength()) {
            pos = pos.get("0:" + l + ", :");
            pos.attach(m); // a view of the parameter; without this it would stay in the model's manager
        }
        NDArray x = embeddings.add(pos);
        NDArray mask = OwnedArrays.floats(m, causalMask(l), new Shape(l, l)).toDevice(dev, false);
        for (TransformerLayer layer : layers) {
            NDArray next = layer.apply(ps, x, mask, training);
            x.close(); // this pass's own array (autograd keeps what the backward pass needs)
            x = next;
        }
        // pool with a one-hot (B,1,L) x (B,L,D) product: differentiable and stays in x's manager
        float[] pick = new float[b * l];
        for (int i = 0; i < b; i++) {
            pick[i * l + eotPositions[i]] = 1f;
        }
        NDArray pooled = OwnedArrays.floats(m, pick, new Shape(b, 1, l)).toDevice(dev, false).matMul(x).reshape(b, d);
        pooled = LayerNorm.layerNorm(pooled, new Shape(d), ps.getValue(finalLnWeight, dev, training),
                ps.getValue(finalLnBias, dev, training), cfg.layerNormEps()).singletonOrThrow();
        return Linear.linear(pooled, ps.getValue(projection, dev, training)).singletonOrThrow();
    }

    private static float[] causalMask(int l) {
        float[] mask = new float[l * l];
        for (int i = 0; i < l; i++) {
            for (int j = i + 1; j < l; j++) {
                mask[i * l + j] = Float.NEGATIVE_INFINITY;
            }
        }
        return mask;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(encode(ps, inputs.get(0), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), projectionDim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (TransformerLayer layer : layers) {
            layer.initialize(manager, dataType, new Shape(1, 1, cfg.width()));
        }
    }

    /** Loads CLIP weights under Hugging Face names. */
    void load(TensorSource src) {
        int d = cfg.width();
        ParameterValues.assign(tokenEmbedding, src.require("text_model.embeddings.token_embedding.weight",
                cfg.vocabSize(), d));
        ParameterValues.assign(positionEmbedding, src.require("text_model.embeddings.position_embedding.weight",
                cfg.contextLength(), d));
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).load(src, "text_model.encoder.layers." + i + ".", cfg.mlpDim());
        }
        ParameterValues.assign(finalLnWeight, src.require("text_model.final_layer_norm.weight", d));
        ParameterValues.assign(finalLnBias, src.require("text_model.final_layer_norm.bias", d));
        ParameterValues.assign(projection, src.require("text_projection.weight", projectionDim, d));
    }

    /** Writes the weights under Hugging Face names. */
    void export(Map<String, HostTensor> out) {
        out.put("text_model.embeddings.token_embedding.weight", ParameterValues.read(tokenEmbedding));
        out.put("text_model.embeddings.position_embedding.weight", ParameterValues.read(positionEmbedding));
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).export(out, "text_model.encoder.layers." + i + ".");
        }
        out.put("text_model.final_layer_norm.weight", ParameterValues.read(finalLnWeight));
        out.put("text_model.final_layer_norm.bias", ParameterValues.read(finalLnBias));
        out.put("text_projection.weight", ParameterValues.read(projection));
    }
}
