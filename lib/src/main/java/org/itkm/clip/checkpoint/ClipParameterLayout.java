package org.itkm.clip.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.itkm.clip.ClipConfig;
import org.itkm.clip.ClipModel;
import org.itkm.clip.HostTensor;

/**
 * The parameters of a CLIP checkpoint under Hugging Face {@code CLIPModel} names, with their shapes, for
 * a configuration at its checkpoint image size: what {@link ClipModel#load} reads. The OpenAI names of the
 * same tensors follow from {@link OpenAiClipArchive#openAiShapes}. Buffers (Hugging Face's
 * {@code position_ids}, OpenAI's {@code attn_mask}) are not parameters and not listed.
 */
public final class ClipParameterLayout {
    private ClipParameterLayout() {}

    /** Every parameter name and shape, in Hugging Face's module order. */
    public static Map<String, long[]> huggingFace(ClipConfig c) {
        Map<String, long[]> out = new LinkedHashMap<>();
        ClipConfig.Text t = c.text();
        ClipConfig.Vision v = c.vision();
        out.put("text_model.embeddings.token_embedding.weight", shape(t.vocabSize(), t.width()));
        out.put("text_model.embeddings.position_embedding.weight", shape(t.contextLength(), t.width()));
        for (int i = 0; i < t.layers(); i++) {
            layer(out, "text_model.encoder.layers." + i + ".", t.width(), t.mlpDim());
        }
        out.put("text_model.final_layer_norm.weight", shape(t.width()));
        out.put("text_model.final_layer_norm.bias", shape(t.width()));
        String e = "vision_model.embeddings.";
        out.put(e + "class_embedding", shape(v.width()));
        out.put(e + "patch_embedding.weight", shape(v.width(), 3, v.patchSize(), v.patchSize()));
        long positions = 1L + (long) v.checkpointGridHeight() * v.checkpointGridWidth();
        out.put(e + "position_embedding.weight", shape(positions, v.width()));
        out.put("vision_model.pre_layrnorm.weight", shape(v.width())); // sic: Hugging Face's spelling
        out.put("vision_model.pre_layrnorm.bias", shape(v.width()));
        for (int i = 0; i < v.layers(); i++) {
            layer(out, "vision_model.encoder.layers." + i + ".", v.width(), v.mlpDim());
        }
        out.put("vision_model.post_layernorm.weight", shape(v.width()));
        out.put("vision_model.post_layernorm.bias", shape(v.width()));
        out.put("visual_projection.weight", shape(c.projectionDim(), v.width()));
        out.put("text_projection.weight", shape(c.projectionDim(), t.width()));
        out.put("logit_scale", shape());
        return Collections.unmodifiableMap(out);
    }

    private static void layer(Map<String, long[]> out, String p, int width, int mlp) {
        for (String proj : new String[] {"k_proj", "v_proj", "q_proj", "out_proj"}) {
            out.put(p + "self_attn." + proj + ".weight", shape(width, width));
            out.put(p + "self_attn." + proj + ".bias", shape(width));
        }
        out.put(p + "layer_norm1.weight", shape(width));
        out.put(p + "layer_norm1.bias", shape(width));
        out.put(p + "mlp.fc1.weight", shape(mlp, width));
        out.put(p + "mlp.fc1.bias", shape(mlp));
        out.put(p + "mlp.fc2.weight", shape(width, mlp));
        out.put(p + "mlp.fc2.bias", shape(width));
        out.put(p + "layer_norm2.weight", shape(width));
        out.put(p + "layer_norm2.bias", shape(width));
    }

    /** Number of values of all listed tensors. */
    public static long count(Map<String, long[]> shapes) {
        long n = 0;
        for (long[] s : shapes.values()) {
            n += HostTensor.elementCount(s);
        }
        return n;
    }

    private static long[] shape(long... dims) {
        return dims;
    }
}
