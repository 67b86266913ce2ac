package org.itkm.clip;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A CLIP model as DJL blocks: the ITKM image encoder ({@link VisionTransformer}), the text encoder
 * ({@link TextTransformer}) and the learnable logit scale (stored as log(1/0.07) initially, as CLIP).
 * Weights load from and export to Hugging Face {@code CLIPModel} names, the kit's one internal naming.
 */
public final class ClipModel extends AbstractBlock {
    private final ClipConfig config;
    private final VisionTransformer vision;
    private final TextTransformer text;
    private final Parameter logitScale;

    public ClipModel(ClipConfig config) {
        this.config = config;
        vision = addChildBlock("vision", new VisionTransformer(config.vision(), config.projectionDim(),
                config.scenarios()));
        text = addChildBlock("text", new TextTransformer(config.text(), config.projectionDim()));
        logitScale = addParameter(ParameterValues.create("logit_scale", Parameter.Type.OTHER,
                new ConstantInitializer((float) Math.log(1 / 0.07)), 1));
    }

    /** Builds and initialises a model (random weights) whose arrays live in {@code manager}. */
    public static ClipModel create(ClipConfig config, NDManager manager) {
        ClipModel model = new ClipModel(config);
        model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, config.vision().inputHeight(),
                config.vision().inputWidth()));
        return model;
    }

    public ClipConfig config() {
        return config;
    }

    public VisionTransformer vision() {
        return vision;
    }

    public TextTransformer text() {
        return text;
    }

    /** The logit scale parameter (log of the inverse temperature), shape (1). */
    public Parameter logitScale() {
        return logitScale;
    }

    /** Loads every weight from a checkpoint under Hugging Face names (see {@link VisionTransformer#load}). */
    public void load(TensorSource src) {
        vision.load(src);
        text.load(src);
        if (src.contains("logit_scale")) {
            HostTensor s = src.requireFinite("logit_scale", src.read("logit_scale"));
            if (s.data().length != 1) {
                throw new org.itkm.io.InvalidInputException(src.origin() + ": parameter 'logit_scale' has shape "
                        + HostTensor.describe(s.shape()) + ", expected [] or [1]");
            }
            ParameterValues.assign(logitScale, new HostTensor(new long[] {1}, s.data()));
        }
    }

    /** All weights under Hugging Face names ({@code logit_scale} as a scalar, shape []). */
    public Map<String, HostTensor> export(boolean withItkmExtensions) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        text.export(out);
        vision.export(out, withItkmExtensions);
        out.put("logit_scale", new HostTensor(new long[0], ParameterValues.read(logitScale).data()));
        return out;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return vision.forward(ps, inputs, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return vision.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        vision.initialize(manager, dataType, inputShapes);
        text.initialize(manager, dataType, new Shape(1, config.text().contextLength()));
    }
}
