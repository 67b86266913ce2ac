package org.itkm.clip.checkpoint;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.itkm.clip.ClipConfig;
import org.itkm.clip.TensorSource;
import org.itkm.clip.VisionTransformer;
import org.itkm.io.InvalidInputException;

/**
 * Checks that a Hugging Face directory's {@code config.json} describes the tensors of its
 * {@code model.safetensors}, in both directions: a config with fewer layers than the weights would leave
 * layers out silently, one with more would ask for tensors that are not there, and a width, patch size,
 * image size, vocabulary, context length or projection size that differs from the tensors' shapes would
 * load nothing sensible. Each disagreement is one line naming the config key and the tensor.
 */
final class ConfigWeightsAgreement {
    private static final Pattern VISION_LAYER = Pattern.compile("^vision_model\\.encoder\\.layers\\.(\\d+)\\.");
    private static final Pattern TEXT_LAYER = Pattern.compile("^text_model\\.encoder\\.layers\\.(\\d+)\\.");
    private static final String SAME_MODEL = "; config.json and model.safetensors must come from the same model";

    private ConfigWeightsAgreement() {}

    /** Fails on the first disagreement between {@code c} (read from {@code configFile}) and {@code weights}. */
    static void check(ClipConfig c, TensorSource weights, Path configFile) {
        ClipConfig.Vision v = c.vision();
        ClipConfig.Text t = c.text();
        java.util.Map<String, long[]> expected = new java.util.HashMap<>(ClipParameterLayout.huggingFace(c));
        expected.put(VisionTransformer.SCENARIO_EMBEDDING, new long[] {c.scenarios(), v.width()});
        Dims d = new Dims(weights, configFile, expected);
        String pe = "vision_model.embeddings.patch_embedding.weight";
        String layer0 = "vision_model.encoder.layers.0.mlp.fc1.weight";
        String tLayer0 = "text_model.encoder.layers.0.mlp.fc1.weight";
        String tok = "text_model.embeddings.token_embedding.weight";
        layers(weights, configFile, "vision_config.num_hidden_layers", v.layers(), VISION_LAYER, "vision");
        layers(weights, configFile, "text_config.num_hidden_layers", t.layers(), TEXT_LAYER, "text");
        d.dim("vision_config.hidden_size", v.width(), pe, 0, "the hidden size");
        d.dim("vision_config.patch_size", v.patchSize(), pe, 2, "the patch height");
        d.dim("vision_config.patch_size", v.patchSize(), pe, 3, "the patch width");
        d.dim("vision_config.hidden_size", v.width(), "vision_model.embeddings.class_embedding", 0,
                "the hidden size");
        d.dim("vision_config.intermediate_size", v.mlpDim(), layer0, 0, "the MLP size");
        d.dim("vision_config.hidden_size", v.width(), layer0, 1, "the hidden size");
        long positions = 1L + (long) v.checkpointGridHeight() * v.checkpointGridWidth();
        String pos = "vision_model.embeddings.position_embedding.weight";
        if (weights.contains(pos) && weights.shape(pos).length >= 1 && weights.shape(pos)[0] != positions) {
            throw new InvalidInputException(weights.origin() + ": parameter '" + pos + "' has shape "
                    + Arrays.toString(weights.shape(pos)) + ", expected " + Arrays.toString(expected.get(pos))
                    + ": 1 + " + v.checkpointGridHeight() + " x " + v.checkpointGridWidth()
                    + " positions from vision_config.image_size " + v.checkpointHeight()
                    + (v.checkpointHeight() == v.checkpointWidth() ? "" : "x" + v.checkpointWidth())
                    + " and vision_config.patch_size " + v.patchSize() + " in " + configFile + weights.layoutHint());
        }
        d.dim("text_config.vocab_size", t.vocabSize(), tok, 0, "the vocabulary size");
        d.dim("text_config.hidden_size", t.width(), tok, 1, "the hidden size");
        d.dim("text_config.max_position_embeddings", t.contextLength(),
                "text_model.embeddings.position_embedding.weight", 0, "the context length");
        d.dim("text_config.intermediate_size", t.mlpDim(), tLayer0, 0, "the MLP size");
        d.dim("projection_dim", c.projectionDim(), "visual_projection.weight", 0,
                "the projection size");
        d.dim("vision_config.hidden_size", v.width(), "visual_projection.weight", 1,
                "the hidden size");
        d.dim("projection_dim", c.projectionDim(), "text_projection.weight", 0,
                "the projection size");
        d.dim("text_config.hidden_size", t.width(), "text_projection.weight", 1, "the hidden size");
        d.dim("itkm_scenarios", c.scenarios(), VisionTransformer.SCENARIO_EMBEDDING, 0,
                "the number of scenarios");
    }

    /** The weights, the config file and the shapes the config implies. */
    private record Dims(TensorSource w, Path configFile, java.util.Map<String, long[]> expected) {
        /** The tensor's dimension {@code axis} must equal the config value (absent tensors are left to load). */
        void dim(String key, int value, String tensor, int axis, String meaning) {
            if (!w.contains(tensor)) {
                return;
            }
            long[] shape = w.shape(tensor);
            if (shape.length > axis && shape[axis] != value) {
                throw new InvalidInputException(w.origin() + ": parameter '" + tensor + "' has shape "
                        + Arrays.toString(shape) + ", expected " + Arrays.toString(expected.get(tensor)) + ": its"
                        + " dimension " + axis + " is " + meaning + ", " + key + " = " + value + " in " + configFile
                        + w.layoutHint());
            }
        }
    }

    /** Layers 0..n-1 and no more: the weights' block indices must be exactly those of the config. */
    private static void layers(TensorSource w, Path configFile, String key, int n, Pattern p, String tower) {
        TreeSet<Integer> found = new TreeSet<>();
        String extra = null;
        for (String name : w.names()) {
            Matcher m = p.matcher(name);
            if (m.find()) {
                int i;
                try {
                    i = Integer.parseInt(m.group(1));
                } catch (NumberFormatException e) {
                    i = Integer.MAX_VALUE;
                }
                found.add(i);
                if (i >= n && (extra == null || name.compareTo(extra) < 0)) {
                    extra = name;
                }
            }
        }
        if (found.isEmpty()) {
            return; // no layer at all: the first missing tensor is named when loading
        }
        if (extra != null) {
            throw new InvalidInputException(configFile + ": " + key + " is " + n + " but " + w.origin() + " holds "
                    + found.size() + " " + tower + " layers (tensor '" + extra + "' would be left unused)" + SAME_MODEL);
        }
        for (int i = 0; i < n; i++) {
            if (!found.contains(i)) {
                String prefix = (tower.equals("vision") ? "vision_model" : "text_model") + ".encoder.layers." + i + ".";
                throw new InvalidInputException(configFile + ": " + key + " is " + n + " but " + w.origin()
                        + " holds " + found.size() + " " + tower + " layers (no tensor '" + prefix
                        + "self_attn.q_proj.weight')" + SAME_MODEL);
            }
        }
    }
}
