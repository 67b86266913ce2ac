package org.itkm.clip;

import org.itkm.runtime.Scalars;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * One pre-LN residual block of a CLIP transformer: x + MHA(LN1(x)), then x + MLP(LN2(x)). Attention
 * scales q by head_dim^-0.5; the MLP is fc1, activation, fc2. Q, K and V share one (3C x C) projection so
 * attention costs one matrix product; checkpoints store them separately and are split/joined on load/save.
 * Input (B, T, C) and an optional additive (T, T) attention mask.
 */
public final class TransformerLayer extends AbstractBlock {
    private final int width;
    private final int heads;
    private final float eps;
    private final ClipConfig.Activation activation;
    private final Parameter ln1Weight;
    private final Parameter ln1Bias;
    private final Parameter inProjWeight;
    private final Parameter inProjBias;
    private final Parameter outProjWeight;
    private final Parameter outProjBias;
    private final Parameter ln2Weight;
    private final Parameter ln2Bias;
    private final Parameter fc1Weight;
    private final Parameter fc1Bias;
    private final Parameter fc2Weight;
    private final Parameter fc2Bias;

    public TransformerLayer(int width, int heads, int mlpDim, ClipConfig.Activation activation, float eps) {
        this.width = width;
        this.heads = heads;
        this.eps = eps;
        this.activation = activation;
        Initializer w = ParameterValues.WEIGHT_INIT;
        ln1Weight = addParameter(ParameterValues.create("layer_norm1.weight", Parameter.Type.GAMMA, Initializer.ONES, width));
        ln1Bias = addParameter(ParameterValues.create("layer_norm1.bias", Parameter.Type.BETA, Initializer.ZEROS, width));
        inProjWeight = addParameter(ParameterValues.create("self_attn.in_proj.weight", Parameter.Type.WEIGHT, w,
                3L * width, width));
        inProjBias = addParameter(ParameterValues.create("self_attn.in_proj.bias", Parameter.Type.BIAS,
                Initializer.ZEROS, 3L * width));
        outProjWeight = addParameter(ParameterValues.create("self_attn.out_proj.weight", Parameter.Type.WEIGHT, w,
                width, width));
        outProjBias = addParameter(ParameterValues.create("self_attn.out_proj.bias", Parameter.Type.BIAS,
                Initializer.ZEROS, width));
        ln2Weight = addParameter(ParameterValues.create("layer_norm2.weight", Parameter.Type.GAMMA, Initializer.ONES, width));
        ln2Bias = addParameter(ParameterValues.create("layer_norm2.bias", Parameter.Type.BETA, Initializer.ZEROS, width));
        fc1Weight = addParameter(ParameterValues.create("mlp.fc1.weight", Parameter.Type.WEIGHT, w, mlpDim, width));
        fc1Bias = addParameter(ParameterValues.create("mlp.fc1.bias", Parameter.Type.BIAS, Initializer.ZEROS, mlpDim));
        fc2Weight = addParameter(ParameterValues.create("mlp.fc2.weight", Parameter.Type.WEIGHT, w, width, mlpDim));
        fc2Bias = addParameter(ParameterValues.create("mlp.fc2.bias", Parameter.Type.BIAS, Initializer.ZEROS, width));
    }

    /**
     * The block applied to tokens.
     *
     * @param x (B, T, C) tokens; results belong to x's manager
     * @param mask additive (T, T) attention mask or null
     */
    public NDArray apply(ParameterStore ps, NDArray x, NDArray mask, boolean training) {
        // DJL keeps every array until its manager closes: the block's intermediates (without this, 150 MiB
        // per ViT-B/16 image at 256x128 even without a graph) are released when it returns; autograd holds
        // its own references to the tensors the backward pass needs
        NDManager owner = x.getManager();
        try (NDManager scope = owner.newSubManager()) {
            x.tempAttach(scope);
            NDArray y = block(ps, x, mask, training);
            y.attach(owner);
            return y;
        }
    }

    private NDArray block(ParameterStore ps, NDArray x, NDArray mask, boolean training) {
        Device d = x.getDevice();
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        int headDim = width / heads;
        Shape normShape = new Shape(width);
        NDArray h = LayerNorm.layerNorm(x, normShape, ps.getValue(ln1Weight, d, training),
                ps.getValue(ln1Bias, d, training), eps).singletonOrThrow();
        NDArray qkv = Linear.linear(h, ps.getValue(inProjWeight, d, training), ps.getValue(inProjBias, d, training))
                .singletonOrThrow().reshape(b, t, 3, heads, headDim).transpose(2, 0, 3, 1, 4);
        NDArray q = Scalars.mul(qkv.get(0), (float) Math.pow(headDim, -0.5));
        NDArray kT = qkv.get(1).transpose(0, 1, 3, 2);
        NDArray v = qkv.get(2);
        NDArray scores = q.matMul(kT);
        if (mask != null) {
            scores = scores.add(mask);
        }
        NDArray attended = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b, t, width);
        NDArray out = Linear.linear(attended, ps.getValue(outProjWeight, d, training),
                ps.getValue(outProjBias, d, training)).singletonOrThrow();
        x = x.add(out);
        h = LayerNorm.layerNorm(x, normShape, ps.getValue(ln2Weight, d, training), ps.getValue(ln2Bias, d, training),
                eps).singletonOrThrow();
        h = Linear.linear(h, ps.getValue(fc1Weight, d, training), ps.getValue(fc1Bias, d, training))
                .singletonOrThrow();
        h = activation == ClipConfig.Activation.QUICK_GELU ? h.mul(Scalars.mul(h, 1.702f).getNDArrayInternal().sigmoid())
                : h.getNDArrayInternal().gelu();
        h = Linear.linear(h, ps.getValue(fc2Weight, d, training), ps.getValue(fc2Bias, d, training))
                .singletonOrThrow();
        return x.add(h);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    /** Loads the block from Hugging Face names under {@code prefix} (e.g. {@code ...encoder.layers.3.}). */
    void load(TensorSource src, String prefix, int mlpDim) {
        long c = width;
        ParameterValues.assign(ln1Weight, src.require(prefix + "layer_norm1.weight", c));
        ParameterValues.assign(ln1Bias, src.require(prefix + "layer_norm1.bias", c));
        String a = prefix + "self_attn.";
        ParameterValues.assign(inProjWeight, HostTensor.concatRows(src.require(a + "q_proj.weight", c, c),
                src.require(a + "k_proj.weight", c, c), src.require(a + "v_proj.weight", c, c)));
        ParameterValues.assign(inProjBias, HostTensor.concatRows(src.require(a + "q_proj.bias", c),
                src.require(a + "k_proj.bias", c), src.require(a + "v_proj.bias", c)));
        ParameterValues.assign(outProjWeight, src.require(a + "out_proj.weight", c, c));
        ParameterValues.assign(outProjBias, src.require(a + "out_proj.bias", c));
        ParameterValues.assign(ln2Weight, src.require(prefix + "layer_norm2.weight", c));
        ParameterValues.assign(ln2Bias, src.require(prefix + "layer_norm2.bias", c));
        ParameterValues.assign(fc1Weight, src.require(prefix + "mlp.fc1.weight", mlpDim, c));
        ParameterValues.assign(fc1Bias, src.require(prefix + "mlp.fc1.bias", mlpDim));
        ParameterValues.assign(fc2Weight, src.require(prefix + "mlp.fc2.weight", c, mlpDim));
        ParameterValues.assign(fc2Bias, src.require(prefix + "mlp.fc2.bias", c));
    }

    /** Writes the block under Hugging Face names. */
    void export(Map<String, HostTensor> out, String prefix) {
        out.put(prefix + "layer_norm1.weight", ParameterValues.read(ln1Weight));
        out.put(prefix + "layer_norm1.bias", ParameterValues.read(ln1Bias));
        HostTensor w = ParameterValues.read(inProjWeight);
        HostTensor bias = ParameterValues.read(inProjBias);
        String[] names = {"q_proj", "k_proj", "v_proj"};
        for (int i = 0; i < 3; i++) {
            out.put(prefix + "self_attn." + names[i] + ".weight", w.rows(i * width, (i + 1) * width));
            out.put(prefix + "self_attn." + names[i] + ".bias", bias.rows(i * width, (i + 1) * width));
        }
        out.put(prefix + "self_attn.out_proj.weight", ParameterValues.read(outProjWeight));
        out.put(prefix + "self_attn.out_proj.bias", ParameterValues.read(outProjBias));
        out.put(prefix + "layer_norm2.weight", ParameterValues.read(ln2Weight));
        out.put(prefix + "layer_norm2.bias", ParameterValues.read(ln2Bias));
        out.put(prefix + "mlp.fc1.weight", ParameterValues.read(fc1Weight));
        out.put(prefix + "mlp.fc1.bias", ParameterValues.read(fc1Bias));
        out.put(prefix + "mlp.fc2.weight", ParameterValues.read(fc2Weight));
        out.put(prefix + "mlp.fc2.bias", ParameterValues.read(fc2Bias));
    }
}
