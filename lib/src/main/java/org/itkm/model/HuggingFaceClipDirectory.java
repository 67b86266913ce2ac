package org.itkm.model;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.itkm.io.AtomicFiles;
import org.itkm.io.InvalidInputException;

/**
 * Checkpoint format (a): a Hugging Face CLIP directory with {@code config.json} ({@code CLIPConfig}),
 * {@code model.safetensors} ({@code CLIPModel} parameter names) and {@code tokenizer.json}. Fields the
 * kit does not use are ignored; absent fields take the Hugging Face defaults. {@code image_size} may also
 * be {@code [height, width]} (the kit's non-square pocket CLIP).
 */
public final class HuggingFaceClipDirectory {
    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    public static final String TOKENIZER = "tokenizer.json";
    /** The {@code __metadata__} key of model.safetensors that marks random weights (value: how they were made). */
    public static final String RANDOM_WEIGHTS_METADATA = "itkm_random_weights";

    private HuggingFaceClipDirectory() {}

    /** True when the directory looks like format (a). */
    public static boolean isClipDirectory(Path dir) {
        return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve(CONFIG));
    }

    /** Reads {@code config.json}. */
    public static ClipConfig readConfig(Path dir) {
        Path file = dir.resolve(CONFIG);
        JsonObject json;
        try {
            json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("missing file " + file + " (a Hugging Face CLIP directory needs "
                    + CONFIG + ", " + WEIGHTS + " and " + TOKENIZER + "; copy " + CONFIG + " from the model's"
                    + " repository, e.g. openai/clip-vit-base-patch16)");
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("cannot read " + file + " as JSON: " + e.getMessage(), e);
        }
        String modelType = string(json, "model_type", "clip");
        if (!modelType.equals("clip")) {
            throw new InvalidInputException(file + ": unsupported architecture model_type '" + modelType
                    + "' (expected 'clip', a CLIPModel with both towers)");
        }
        if (json.has("architectures")) {
            JsonArray arch = json.getAsJsonArray("architectures");
            boolean clip = false;
            for (JsonElement a : arch) {
                clip |= a.getAsString().equals("CLIPModel");
            }
            if (!clip) {
                throw new InvalidInputException(file + ": unsupported architecture " + arch + " (expected CLIPModel)");
            }
        }
        JsonObject v = section(json, "vision_config");
        JsonObject t = section(json, "text_config");
        int[] size = imageSize(v, file);
        if (integer(v, "num_channels", 3) != 3) {
            throw new InvalidInputException(file + ": vision_config.num_channels must be 3");
        }
        ClipConfig.Vision vision = new ClipConfig.Vision(integer(v, "hidden_size", 768),
                integer(v, "num_hidden_layers", 12), integer(v, "num_attention_heads", 12),
                integer(v, "intermediate_size", 3072), integer(v, "patch_size", 32), size[0], size[1], size[0], size[1],
                activation(v, file), (float) number(v, "layer_norm_eps", 1e-5));
        ClipConfig.Text text = new ClipConfig.Text(integer(t, "vocab_size", 49408), integer(t, "hidden_size", 512),
                integer(t, "num_hidden_layers", 12), integer(t, "num_attention_heads", 8),
                integer(t, "intermediate_size", 2048), integer(t, "max_position_embeddings", 77),
                integer(t, "bos_token_id", 49406), integer(t, "eos_token_id", 49407), integer(t, "pad_token_id", 1),
                activation(t, file), (float) number(t, "layer_norm_eps", 1e-5));
        int scenarios = integer(json, "itkm_scenarios", ClipConfig.DEFAULT_SCENARIOS);
        return new ClipConfig(vision, text, integer(json, "projection_dim", 512), scenarios);
    }

    private static JsonObject section(JsonObject json, String name) {
        if (json.has(name) && json.get(name).isJsonObject()) {
            return json.getAsJsonObject(name);
        }
        String legacy = name + "_dict";
        return json.has(legacy) && json.get(legacy).isJsonObject() ? json.getAsJsonObject(legacy) : new JsonObject();
    }

    private static int[] imageSize(JsonObject v, Path file) {
        if (!v.has("image_size")) {
            return new int[] {224, 224};
        }
        JsonElement e = v.get("image_size");
        if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            if (a.size() != 2) {
                throw new InvalidInputException(file + ": vision_config.image_size must be a number or [height, width]");
            }
            return new int[] {a.get(0).getAsInt(), a.get(1).getAsInt()};
        }
        return new int[] {e.getAsInt(), e.getAsInt()};
    }

    private static ClipConfig.Activation activation(JsonObject o, Path file) {
        String name = string(o, "hidden_act", "quick_gelu");
        ClipConfig.Activation a = ClipConfig.Activation.fromConfigName(name);
        if (a == null) {
            throw new InvalidInputException(file + ": unsupported hidden_act '" + name + "' (supported: quick_gelu, gelu)");
        }
        return a;
    }

    private static int integer(JsonObject o, String key, int dflt) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsInt() : dflt;
    }

    private static double number(JsonObject o, String key, double dflt) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsDouble() : dflt;
    }

    private static String string(JsonObject o, String key, String dflt) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : dflt;
    }

    /**
     * Writes a model as format (a): config.json (image_size = the model's input size, square as a number,
     * otherwise [height, width]), model.safetensors (F32) and the given tokenizer.json text.
     */
    public static void save(Path dir, ClipModel model, String tokenizerJson, boolean withItkmExtensions)
            throws IOException {
        Files.createDirectories(dir);
        Map<String, HostTensor> tensors = model.export(withItkmExtensions);
        SafetensorsFile.write(dir.resolve(WEIGHTS), tensors, Map.of("format", "pt"));
        Files.writeString(dir.resolve(TOKENIZER), tokenizerJson, StandardCharsets.UTF_8);
        // config last: its presence marks a complete checkpoint
        writeConfig(dir, model.config(), withItkmExtensions);
    }

    /**
     * Writes {@code config.json} as transformers' {@code CLIPModel.save_pretrained} does (the fields the kit
     * reads, and the token ids and logit scale start it declares); with {@code withItkmExtensions}, also the
     * number of scenario embeddings.
     */
    public static void writeConfig(Path dir, ClipConfig c, boolean withItkmExtensions) throws IOException {
        JsonObject json = new JsonObject();
        JsonArray arch = new JsonArray();
        arch.add("CLIPModel");
        json.add("architectures", arch);
        json.addProperty("model_type", "clip");
        json.addProperty("projection_dim", c.projectionDim());
        json.addProperty("logit_scale_init_value", 2.6592);
        json.addProperty("initializer_factor", 1.0);
        json.addProperty("torch_dtype", "float32");
        if (withItkmExtensions) {
            json.addProperty("itkm_scenarios", c.scenarios());
        }
        JsonObject v = new JsonObject();
        v.addProperty("model_type", "clip_vision_model");
        v.addProperty("hidden_size", c.vision().width());
        v.addProperty("intermediate_size", c.vision().mlpDim());
        v.addProperty("num_attention_heads", c.vision().heads());
        v.addProperty("num_hidden_layers", c.vision().layers());
        v.addProperty("patch_size", c.vision().patchSize());
        v.addProperty("num_channels", 3);
        if (c.vision().inputHeight() == c.vision().inputWidth()) {
            v.addProperty("image_size", c.vision().inputHeight());
        } else {
            JsonArray s = new JsonArray();
            s.add(c.vision().inputHeight());
            s.add(c.vision().inputWidth());
            v.add("image_size", s);
        }
        v.addProperty("hidden_act", c.vision().activation().configName());
        v.addProperty("layer_norm_eps", c.vision().layerNormEps());
        v.addProperty("projection_dim", c.projectionDim());
        json.add("vision_config", v);
        JsonObject t = new JsonObject();
        t.addProperty("model_type", "clip_text_model");
        t.addProperty("vocab_size", c.text().vocabSize());
        t.addProperty("hidden_size", c.text().width());
        t.addProperty("intermediate_size", c.text().mlpDim());
        t.addProperty("num_attention_heads", c.text().heads());
        t.addProperty("num_hidden_layers", c.text().layers());
        t.addProperty("max_position_embeddings", c.text().contextLength());
        t.addProperty("bos_token_id", c.text().bosTokenId());
        t.addProperty("eos_token_id", c.text().eosTokenId());
        t.addProperty("pad_token_id", c.text().padTokenId());
        t.addProperty("hidden_act", c.text().activation().configName());
        t.addProperty("layer_norm_eps", c.text().layerNormEps());
        t.addProperty("projection_dim", c.projectionDim());
        json.add("text_config", t);
        AtomicFiles.writeString(dir.resolve(CONFIG), new GsonBuilder().setPrettyPrinting().create().toJson(json));
    }
}
