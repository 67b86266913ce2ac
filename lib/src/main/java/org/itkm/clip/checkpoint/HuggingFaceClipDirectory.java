package org.itkm.clip.checkpoint;

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
import org.itkm.clip.ClipConfig;
import org.itkm.clip.ClipModel;
import org.itkm.clip.HostTensor;
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
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + org.itkm.io.IoReasons.of(e) + ")", e);
        } catch (RuntimeException e) {
            throw new InvalidInputException("cannot read " + file + " as JSON: " + e.getMessage(), e);
        }
        String modelType = string(json, "model_type", "clip");
        if (!modelType.equals("clip")) {
            throw new InvalidInputException(file + ": unsupported architecture model_type '" + modelType
                    + "' (expected 'clip', a CLIPModel with both towers)");
        }
        if (json.has("architectures")) {
            JsonElement arch = json.get("architectures");
            boolean clip = false;
            for (JsonElement a : arch.isJsonArray() ? arch.getAsJsonArray() : new JsonArray()) {
                clip |= a.isJsonPrimitive() && a.getAsString().equals("CLIPModel");
            }
            if (!clip) {
                throw new InvalidInputException(file + ": unsupported architecture " + arch + " (expected CLIPModel)");
            }
        }
        JsonObject v = section(json, "vision_config", file);
        JsonObject t = section(json, "text_config", file);
        Values vv = new Values(v, "vision_config.", file);
        Values tv = new Values(t, "text_config.", file);
        Values top = new Values(json, "", file);
        int[] size = imageSize(v, file);
        if (vv.integer("num_channels", 3, 1, 1 << 20) != 3) {
            throw new InvalidInputException(file + ": vision_config.num_channels must be 3 (RGB images)");
        }
        int vWidth = vv.integer("hidden_size", 768, 1, MAX_WIDTH);
        int vHeads = vv.heads(vWidth);
        int patch = vv.integer("patch_size", 32, 1, MAX_IMAGE_SIDE);
        for (int i = 0; i < 2; i++) {
            if (size[i] < patch) {
                throw new InvalidInputException(file + ": vision_config.image_size " + size[0]
                        + (size[0] == size[1] ? "" : "x" + size[1]) + " is smaller than vision_config.patch_size "
                        + patch + "; expected an image size of at least one patch");
            }
        }
        ClipConfig.Vision vision = new ClipConfig.Vision(vWidth, vv.integer("num_hidden_layers", 12, 1, MAX_LAYERS),
                vHeads, vv.integer("intermediate_size", 3072, 1, MAX_MLP), patch, size[0], size[1], size[0], size[1],
                activation(v, file, "vision_config."), vv.epsilon());
        int vocab = tv.integer("vocab_size", 49408, 1, MAX_VOCAB);
        int tWidth = tv.integer("hidden_size", 512, 1, MAX_WIDTH);
        ClipConfig.Text text = new ClipConfig.Text(vocab, tWidth, tv.integer("num_hidden_layers", 12, 1, MAX_LAYERS),
                tv.heads(tWidth), tv.integer("intermediate_size", 2048, 1, MAX_MLP),
                tv.integer("max_position_embeddings", 77, 2, MAX_CONTEXT), tv.tokenId("bos_token_id", 49406, vocab),
                tv.tokenId("eos_token_id", 49407, vocab), tv.tokenId("pad_token_id", 1, vocab),
                activation(t, file, "text_config."), tv.epsilon());
        int scenarios = top.integer("itkm_scenarios", ClipConfig.DEFAULT_SCENARIOS, 1, MAX_SCENARIOS);
        return new ClipConfig(vision, text, top.integer("projection_dim", 512, 1, MAX_WIDTH), scenarios);
    }

    /** Largest hidden or projection size config.json may declare (ViT-g/14 has 1,408; ViT-bigG 1,664). */
    static final int MAX_WIDTH = 16_384;
    /** Most residual blocks per tower (ViT-bigG has 48). */
    static final int MAX_LAYERS = 256;
    /** Largest MLP hidden size. */
    static final int MAX_MLP = 131_072;
    /** Largest image side, in pixels. */
    static final int MAX_IMAGE_SIDE = 4_096;
    /** Largest token vocabulary. */
    static final int MAX_VOCAB = 10_000_000;
    /** Longest text context (CLIP: 77). */
    static final int MAX_CONTEXT = 4_096;
    /** Most scenario embeddings. */
    static final int MAX_SCENARIOS = 1_000;

    /** The values of one section of config.json, each checked and named ("vision_config.patch_size") in errors. */
    private record Values(JsonObject o, String prefix, Path file) {
        /** An integer in [min, max]; the default when the key is absent or null. */
        int integer(String key, int dflt, int min, int max) {
            if (!o.has(key) || o.get(key).isJsonNull()) {
                return dflt;
            }
            JsonElement e = o.get(key);
            long value;
            try {
                if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
                    throw new NumberFormatException();
                }
                java.math.BigDecimal d = e.getAsBigDecimal();
                value = d.longValueExact();
            } catch (NumberFormatException | ArithmeticException ex) {
                throw new InvalidInputException(file + ": " + prefix + key + " is " + e + "; expected an integer from "
                        + min + " to " + max);
            }
            if (value < min || value > max) {
                throw new InvalidInputException(file + ": " + prefix + key + " is " + value + "; expected an integer"
                        + " from " + min + " to " + max);
            }
            return (int) value;
        }

        /** num_attention_heads: at least 1 and a divisor of the hidden size. */
        int heads(int width) {
            int heads = integer("num_attention_heads", prefix.startsWith("vision") ? 12 : 8, 1, width);
            if (width % heads != 0) {
                throw new InvalidInputException(file + ": " + prefix + "num_attention_heads " + heads
                        + " does not divide " + prefix + "hidden_size " + width + "; expected a divisor of "
                        + width + " (each head gets hidden_size / heads dimensions)");
            }
            return heads;
        }

        /** A token id in [0, vocab). */
        int tokenId(String key, int dflt, int vocab) {
            int id = integer(key, dflt, Integer.MIN_VALUE, Integer.MAX_VALUE);
            if (id < 0 || id >= vocab) {
                throw new InvalidInputException(file + ": " + prefix + key + " is " + id + ", outside the vocabulary"
                        + " [0, " + vocab + ") of " + prefix + "vocab_size " + vocab);
            }
            return id;
        }

        /** layer_norm_eps: a number in (0, 1). */
        float epsilon() {
            if (!o.has("layer_norm_eps") || o.get("layer_norm_eps").isJsonNull()) {
                return 1e-5f;
            }
            JsonElement e = o.get("layer_norm_eps");
            double d = e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsDouble() : Double.NaN;
            if (!(d > 0 && d < 1) || (float) d == 0f) {
                throw new InvalidInputException(file + ": " + prefix + "layer_norm_eps is " + e
                        + "; expected a number between 0 and 1 (CLIP: 1e-5)");
            }
            return (float) d;
        }
    }

    private static JsonObject section(JsonObject json, String name, Path file) {
        for (String key : new String[] {name, name + "_dict"}) {
            if (json.has(key) && !json.get(key).isJsonNull()) {
                if (!json.get(key).isJsonObject()) {
                    throw new InvalidInputException(file + ": " + key + " is " + json.get(key)
                            + "; expected a JSON object of the " + name.replace("_config", "") + " tower's settings");
                }
                return json.getAsJsonObject(key);
            }
        }
        return new JsonObject();
    }

    private static int[] imageSize(JsonObject v, Path file) {
        Values values = new Values(v, "vision_config.", file);
        if (!v.has("image_size") || v.get("image_size").isJsonNull()) {
            return new int[] {224, 224};
        }
        JsonElement e = v.get("image_size");
        if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            if (a.size() != 2) {
                throw new InvalidInputException(file + ": vision_config.image_size is " + e
                        + "; expected a number or [height, width]");
            }
            JsonObject pair = new JsonObject();
            pair.add("image_size[0]", a.get(0));
            pair.add("image_size[1]", a.get(1));
            Values p = new Values(pair, "vision_config.", file);
            return new int[] {p.integer("image_size[0]", 0, 1, MAX_IMAGE_SIDE),
                p.integer("image_size[1]", 0, 1, MAX_IMAGE_SIDE)};
        }
        int side = values.integer("image_size", 224, 1, MAX_IMAGE_SIDE);
        return new int[] {side, side};
    }

    private static ClipConfig.Activation activation(JsonObject o, Path file, String prefix) {
        JsonElement e = o.get("hidden_act");
        String name = e == null || e.isJsonNull() ? "quick_gelu" : e.isJsonPrimitive() ? e.getAsString() : e.toString();
        ClipConfig.Activation a = ClipConfig.Activation.fromConfigName(name);
        if (a == null) {
            throw new InvalidInputException(file + ": unsupported hidden_act '" + name + "' (" + prefix
                    + "hidden_act; supported: quick_gelu, gelu)");
        }
        return a;
    }

    private static String string(JsonObject o, String key, String dflt) {
        if (!o.has(key) || o.get(key).isJsonNull()) {
            return dflt;
        }
        JsonElement e = o.get(key);
        return e.isJsonPrimitive() ? e.getAsString() : e.toString();
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
