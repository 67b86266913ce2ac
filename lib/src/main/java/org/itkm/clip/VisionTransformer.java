package org.itkm.clip;

import org.itkm.runtime.OwnedArrays;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
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
 * The ITKM image encoder: CLIP's vision transformer with a dual-branch frontend and a scenario embedding
 * (paper §3.1, Eq. 1). z0 = [cls; patches(x) E_g] + E_pos + E_scn[s], where E_g is patch embedding A or B
 * (by the image's homogeneous group) and E_scn is a zero-initialised S x D table; then pre-LN, the
 * residual blocks, post-LN on the class token and the projection to the joint embedding: f.
 *
 * <p>Block inputs: {@code NDList(images (B,3,H,W) float32, groups (B) int32, scenarios (B) int32)};
 * groups are 0 (branch A) or 1 (branch B), a scenario below 0 adds no scenario embedding. Groups and
 * scenarios may be omitted (branch A, no scenario). Output: {@code NDList(f (B, projectionDim))}.
 */
public final class VisionTransformer extends AbstractBlock {
    /** Hugging Face name of branch B's patch embedding (ITKM extension; absent in plain CLIP checkpoints). */
    public static final String PATCH_EMBEDDING_B = "vision_model.embeddings.patch_embedding_b.weight";
    /** Hugging Face name of the scenario embedding (ITKM extension). */
    public static final String SCENARIO_EMBEDDING = "vision_model.embeddings.scenario_embedding";

    private final ClipConfig.Vision cfg;
    private final int projectionDim;
    private final int scenarios;
    private final Parameter patchEmbeddingA;
    private final Parameter patchEmbeddingB;
    private final Parameter classEmbedding;
    private final Parameter positionEmbedding;
    private final Parameter scenarioEmbedding;
    private final Parameter preLnWeight;
    private final Parameter preLnBias;
    private final List<TransformerLayer> layers = new ArrayList<>();
    private final Parameter postLnWeight;
    private final Parameter postLnBias;
    private final Parameter projection;

    public VisionTransformer(ClipConfig.Vision cfg, int projectionDim, int scenarios) {
        this.cfg = cfg;
        this.projectionDim = projectionDim;
        this.scenarios = scenarios;
        int d = cfg.width();
        int p = cfg.patchSize();
        Initializer w = ParameterValues.WEIGHT_INIT;
        patchEmbeddingA = addParameter(ParameterValues.create("patch_embedding_a", Parameter.Type.WEIGHT, w, d, 3, p, p));
        patchEmbeddingB = addParameter(ParameterValues.create("patch_embedding_b", Parameter.Type.WEIGHT, w, d, 3, p, p));
        classEmbedding = addParameter(ParameterValues.create("class_embedding", Parameter.Type.OTHER,
                new NormalInitializer((float) Math.pow(d, -0.5)), d));
        long positions = 1L + (long) cfg.gridHeight() * cfg.gridWidth();
        positionEmbedding = addParameter(ParameterValues.create("position_embedding", Parameter.Type.OTHER,
                new NormalInitializer(0.01f), positions, d));
        scenarioEmbedding = addParameter(ParameterValues.create("scenario_embedding", Parameter.Type.OTHER,
                Initializer.ZEROS, scenarios, d));
        preLnWeight = addParameter(ParameterValues.create("pre_layrnorm.weight", Parameter.Type.GAMMA, Initializer.ONES, d));
        preLnBias = addParameter(ParameterValues.create("pre_layrnorm.bias", Parameter.Type.BETA, Initializer.ZEROS, d));
        for (int i = 0; i < cfg.layers(); i++) {
            layers.add(addChildBlock("layer" + i,
                    new TransformerLayer(d, cfg.heads(), cfg.mlpDim(), cfg.activation(), cfg.layerNormEps())));
        }
        postLnWeight = addParameter(ParameterValues.create("post_layernorm.weight", Parameter.Type.GAMMA,
                Initializer.ONES, d));
        postLnBias = addParameter(ParameterValues.create("post_layernorm.bias", Parameter.Type.BETA, Initializer.ZEROS, d));
        projection = addParameter(ParameterValues.create("visual_projection.weight", Parameter.Type.WEIGHT, w,
                projectionDim, d));
    }

    /** Parameters of the encoder, both patch embeddings and the scenario embedding included. */
    public long parameterCount() {
        long n = 0;
        for (var p : getParameters()) {
            n += p.getValue().getArray().getShape().size();
        }
        return n;
    }

    /** The architecture this encoder was built for. */
    public ClipConfig.Vision config() {
        return cfg;
    }

    /**
     * Image features f = proj(post-LN(class token)).
     *
     * @param images (B, 3, H, W) normalised pixels; results belong to its manager
     * @param groups homogeneous group per image (0 = branch A, 1 = branch B), or null for all A
     * @param scenarioIds scenario per image (negative = none), or null for none
     */
    public NDArray encode(ParameterStore ps, NDArray images, int[] groups, int[] scenarioIds, boolean training) {
        Device dev = images.getDevice();
        NDManager m = images.getManager();
        long b = images.getShape().get(0);
        int d = cfg.width();
        if (images.getShape().dimension() != 4 || images.getShape().get(1) != 3
                || images.getShape().get(2) != cfg.inputHeight() || images.getShape().get(3) != cfg.inputWidth()) {
            throw new IllegalArgumentException("images have shape " + images.getShape() + ", expected (B, 3, "
                    + cfg.inputHeight() + ", " + cfg.inputWidth() + ")");
        }
        NDArray patches = patchTokens(ps, images, groups, training);
        // (B,1,1) ones first so the class token lands in the input's manager, not the model's
        NDArray cls = m.ones(new Shape(b, 1, 1)).mul(ps.getValue(classEmbedding, dev, training));
        NDArray x = NDArrays.concat(new NDList(cls, patches), 1);
        x = x.add(ps.getValue(positionEmbedding, dev, training));
        if (scenarioIds != null) {
            float[] oneHot = new float[(int) b * scenarios];
            boolean any = false;
            for (int i = 0; i < b; i++) {
                int s = scenarioIds[i];
                if (s >= scenarios) {
                    throw new IllegalArgumentException("scenario " + s + " outside [0, " + scenarios + ")");
                }
                if (s >= 0) {
                    oneHot[i * scenarios + s] = 1f;
                    any = true;
                }
            }
            if (any) {
                NDArray sel = OwnedArrays.floats(m, oneHot, new Shape(b, scenarios)).toDevice(dev, false);
                x = x.add(sel.matMul(ps.getValue(scenarioEmbedding, dev, training)).reshape(b, 1, d));
            }
        }
        Shape norm = new Shape(d);
        x = LayerNorm.layerNorm(x, norm, ps.getValue(preLnWeight, dev, training), ps.getValue(preLnBias, dev, training),
                cfg.layerNormEps()).singletonOrThrow();
        for (TransformerLayer layer : layers) {
            NDArray next = layer.apply(ps, x, null, training);
            x.close(); // this pass's own array (autograd keeps what the backward pass needs)
            x = next;
        }
        NDArray c = x.get(":, 0, :");
        c = LayerNorm.layerNorm(c, norm, ps.getValue(postLnWeight, dev, training), ps.getValue(postLnBias, dev, training),
                cfg.layerNormEps()).singletonOrThrow();
        return Linear.linear(c, ps.getValue(projection, dev, training)).singletonOrThrow();
    }

    private NDArray patchTokens(ParameterStore ps, NDArray images, int[] groups, boolean training) {
        Device dev = images.getDevice();
        long b = images.getShape().get(0);
        boolean anyA = groups == null;
        boolean anyB = false;
        if (groups != null) {
            for (int g : groups) {
                if (g != 0 && g != 1) {
                    throw new IllegalArgumentException("group " + g + " is not 0 (A) or 1 (B)");
                }
                anyA |= g == 0;
                anyB |= g == 1;
            }
        }
        NDArray a = anyA ? conv(ps, images, patchEmbeddingA, training) : null;
        NDArray bb = anyB ? conv(ps, images, patchEmbeddingB, training) : null;
        if (a != null && bb != null) {
            float[] isB = new float[(int) b];
            for (int i = 0; i < b; i++) {
                isB[i] = groups[i];
            }
            NDArray mask = OwnedArrays.floats(images.getManager(), isB, new Shape(b, 1, 1)).toDevice(dev, false);
            return a.add(bb.sub(a).mul(mask));
        }
        return a != null ? a : bb;
    }

    private NDArray conv(ParameterStore ps, NDArray images, Parameter weight, boolean training) {
        int p = cfg.patchSize();
        NDArray f = Conv2d.conv2d(images, ps.getValue(weight, images.getDevice(), training), null, new Shape(p, p),
                new Shape(0, 0), new Shape(1, 1), 1).singletonOrThrow();
        long b = f.getShape().get(0);
        return f.reshape(b, cfg.width(), -1).transpose(0, 2, 1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        int[] groups = inputs.size() > 1 ? inputs.get(1).toType(DataType.INT32, false).toIntArray() : null;
        int[] scen = inputs.size() > 2 ? inputs.get(2).toType(DataType.INT32, false).toIntArray() : null;
        return new NDList(encode(ps, inputs.get(0), groups, scen, training));
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

    /**
     * Loads CLIP weights under Hugging Face names. Branch B starts as a copy of A unless the checkpoint has
     * its own; the scenario embedding starts at zero unless the checkpoint has one. Position embeddings are
     * resized from the checkpoint grid to the input grid.
     */
    void load(TensorSource src) {
        int d = cfg.width();
        int p = cfg.patchSize();
        String e = "vision_model.embeddings.";
        HostTensor a = src.require(e + "patch_embedding.weight", d, 3, p, p);
        ParameterValues.assign(patchEmbeddingA, a);
        ParameterValues.assign(patchEmbeddingB, src.contains(PATCH_EMBEDDING_B) ? src.require(PATCH_EMBEDDING_B, d, 3, p, p) : a);
        ParameterValues.assign(classEmbedding, src.require(e + "class_embedding", d));
        int gh = cfg.checkpointGridHeight();
        int gw = cfg.checkpointGridWidth();
        HostTensor pos = src.require(e + "position_embedding.weight", 1L + (long) gh * gw, d);
        ParameterValues.assign(positionEmbedding,
                PositionEmbeddingResize.resize(pos, gh, gw, cfg.gridHeight(), cfg.gridWidth()));
        ParameterValues.assign(scenarioEmbedding, src.contains(SCENARIO_EMBEDDING)
                ? src.require(SCENARIO_EMBEDDING, scenarios, d) : new HostTensor(new long[] {scenarios, d},
                        new float[scenarios * d]));
        ParameterValues.assign(preLnWeight, src.require("vision_model.pre_layrnorm.weight", d));
        ParameterValues.assign(preLnBias, src.require("vision_model.pre_layrnorm.bias", d));
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).load(src, "vision_model.encoder.layers." + i + ".", cfg.mlpDim());
        }
        ParameterValues.assign(postLnWeight, src.require("vision_model.post_layernorm.weight", d));
        ParameterValues.assign(postLnBias, src.require("vision_model.post_layernorm.bias", d));
        ParameterValues.assign(projection, src.require("visual_projection.weight", projectionDim, d));
    }

    /**
     * Writes the weights under Hugging Face names (position embeddings at the input grid, which becomes the
     * saved model's image size). With {@code withItkmExtensions}, branch B and the scenario embedding too.
     */
    void export(Map<String, HostTensor> out, boolean withItkmExtensions) {
        String e = "vision_model.embeddings.";
        out.put(e + "class_embedding", ParameterValues.read(classEmbedding));
        out.put(e + "patch_embedding.weight", ParameterValues.read(patchEmbeddingA));
        out.put(e + "position_embedding.weight", ParameterValues.read(positionEmbedding));
        if (withItkmExtensions) {
            out.put(PATCH_EMBEDDING_B, ParameterValues.read(patchEmbeddingB));
            out.put(SCENARIO_EMBEDDING, ParameterValues.read(scenarioEmbedding));
        }
        out.put("vision_model.pre_layrnorm.weight", ParameterValues.read(preLnWeight));
        out.put("vision_model.pre_layrnorm.bias", ParameterValues.read(preLnBias));
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).export(out, "vision_model.encoder.layers." + i + ".");
        }
        out.put("vision_model.post_layernorm.weight", ParameterValues.read(postLnWeight));
        out.put("vision_model.post_layernorm.bias", ParameterValues.read(postLnBias));
        out.put("visual_projection.weight", ParameterValues.read(projection));
    }
}
