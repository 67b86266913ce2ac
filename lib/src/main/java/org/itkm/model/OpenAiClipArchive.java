package org.itkm.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.itkm.io.InvalidInputException;
import org.itkm.runtime.EngineRuntime;

/**
 * Checkpoint format (b): an OpenAI CLIP TorchScript archive ({@code ViT-B-16.pt}: {@code visual.conv1.weight},
 * {@code visual.transformer.resblocks.N.attn.in_proj_weight}, ...). The PyTorch engine loads the archive
 * itself and hands over its named parameters (no pickle parsing); they are converted to float32 and renamed
 * to the Hugging Face names the blocks load from (in_proj split into q/k/v, projections transposed). The
 * architecture is inferred from the shapes as OpenAI's {@code build_model} does (heads = width / 64). The BPE
 * vocabulary ({@code bpe_simple_vocab_16e6.txt[.gz]}) is looked up next to the archive or given explicitly.
 */
public final class OpenAiClipArchive {
    /** The vocabulary file name OpenAI ships with CLIP. */
    public static final String[] VOCAB_NAMES = {"bpe_simple_vocab_16e6.txt.gz", "bpe_simple_vocab_16e6.txt"};

    private OpenAiClipArchive() {}

    /** Opens an archive; the BPE vocabulary is searched next to it (needed only to tokenize text). */
    public static ClipCheckpoint open(Path archive) {
        Path vocab = null;
        for (String n : VOCAB_NAMES) {
            Path p = archive.resolveSibling(n);
            if (Files.isRegularFile(p)) {
                vocab = p;
                break;
            }
        }
        return open(archive, vocab);
    }

    /** Opens an archive with an explicit BPE vocabulary file (may be null). */
    public static ClipCheckpoint open(Path archive, Path vocab) {
        Map<String, HostTensor> raw = readParameters(archive);
        Map<String, HostTensor> hf = new LinkedHashMap<>();
        ClipConfig config = inferConfig(raw, archive);
        rename(raw, hf, archive, config);
        InMemoryTensors tensors = new InMemoryTensors(hf, archive.toString());
        final Path vocabFile = vocab;
        return new ClipCheckpoint(archive, config, tensors, () -> {
            if (vocabFile == null) {
                throw new InvalidInputException("no BPE vocabulary next to " + archive + " (expected "
                        + VOCAB_NAMES[0] + " or " + VOCAB_NAMES[1] + ")");
            }
            ClipBpeTokenizer t = ClipBpeTokenizer.load(vocabFile);
            if (t.vocabSize() != config.text().vocabSize()) {
                throw new InvalidInputException(vocabFile + " defines " + t.vocabSize() + " tokens but " + archive
                        + " has " + config.text().vocabSize() + " token embeddings");
            }
            return t;
        });
    }

    /** Every named parameter of a TorchScript archive, as float32. */
    static Map<String, HostTensor> readParameters(Path archive) {
        EngineRuntime.engine();
        Map<String, HostTensor> out = new LinkedHashMap<>();
        try (Model model = Model.newInstance("openai-clip", Device.cpu(), "PyTorch")) {
            model.load(archive);
            for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
                NDArray a = p.getValue().getArray();
                float[] v;
                try (NDArray f = a.toType(DataType.FLOAT32, true)) {
                    v = f.toFloatArray();
                }
                out.put(p.getValue().getName(), new HostTensor(a.getShape().getShape(), v));
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new InvalidInputException("cannot load " + archive + " as a TorchScript archive: " + e.getMessage(), e);
        }
        return out;
    }

    private static HostTensor need(Map<String, HostTensor> raw, String name, Path archive) {
        HostTensor t = raw.get(name);
        if (t == null) {
            throw new InvalidInputException(archive + ": missing parameter '" + name + "' (not an OpenAI CLIP ViT archive;"
                    + " ResNet CLIP models are not supported)");
        }
        return t;
    }

    static ClipConfig inferConfig(Map<String, HostTensor> raw, Path archive) {
        long[] conv = need(raw, "visual.conv1.weight", archive).shape();
        int vWidth = (int) conv[0];
        int patch = (int) conv[3];
        int vLayers = countLayers(raw, "visual.transformer.resblocks.");
        int positions = (int) need(raw, "visual.positional_embedding", archive).shape()[0];
        int grid = (int) Math.round(Math.sqrt(positions - 1));
        if (grid * grid + 1 != positions) {
            throw new InvalidInputException(archive + ": visual.positional_embedding has " + positions
                    + " rows, not a square grid + 1");
        }
        int embed = (int) need(raw, "text_projection", archive).shape()[1];
        int context = (int) need(raw, "positional_embedding", archive).shape()[0];
        int vocab = (int) need(raw, "token_embedding.weight", archive).shape()[0];
        int tWidth = (int) need(raw, "ln_final.weight", archive).shape()[0];
        int tLayers = countLayers(raw, "transformer.resblocks.");
        int vMlp = (int) need(raw, "visual.transformer.resblocks.0.mlp.c_fc.weight", archive).shape()[0];
        int tMlp = (int) need(raw, "transformer.resblocks.0.mlp.c_fc.weight", archive).shape()[0];
        ClipConfig.Vision v = new ClipConfig.Vision(vWidth, vLayers, Math.max(1, vWidth / 64), vMlp, patch,
                grid * patch, grid * patch, grid * patch, grid * patch, ClipConfig.Activation.QUICK_GELU, 1e-5f);
        ClipConfig.Text t = new ClipConfig.Text(vocab, tWidth, tLayers, Math.max(1, tWidth / 64), tMlp, context,
                vocab - 2, vocab - 1, 0, ClipConfig.Activation.QUICK_GELU, 1e-5f);
        return new ClipConfig(v, t, embed, ClipConfig.DEFAULT_SCENARIOS);
    }

    private static int countLayers(Map<String, HostTensor> raw, String prefix) {
        int n = 0;
        while (raw.containsKey(prefix + n + ".attn.in_proj_weight")) {
            n++;
        }
        return n;
    }

    private static void rename(Map<String, HostTensor> raw, Map<String, HostTensor> hf, Path archive, ClipConfig c) {
        String e = "vision_model.embeddings.";
        hf.put(e + "patch_embedding.weight", need(raw, "visual.conv1.weight", archive));
        hf.put(e + "class_embedding", need(raw, "visual.class_embedding", archive));
        hf.put(e + "position_embedding.weight", need(raw, "visual.positional_embedding", archive));
        hf.put("vision_model.pre_layrnorm.weight", need(raw, "visual.ln_pre.weight", archive));
        hf.put("vision_model.pre_layrnorm.bias", need(raw, "visual.ln_pre.bias", archive));
        for (int i = 0; i < c.vision().layers(); i++) {
            block(raw, hf, "visual.transformer.resblocks." + i + ".", "vision_model.encoder.layers." + i + ".",
                    c.vision().width(), archive);
        }
        hf.put("vision_model.post_layernorm.weight", need(raw, "visual.ln_post.weight", archive));
        hf.put("vision_model.post_layernorm.bias", need(raw, "visual.ln_post.bias", archive));
        hf.put("visual_projection.weight", need(raw, "visual.proj", archive).transpose2d());
        hf.put("text_model.embeddings.token_embedding.weight", need(raw, "token_embedding.weight", archive));
        hf.put("text_model.embeddings.position_embedding.weight", need(raw, "positional_embedding", archive));
        for (int i = 0; i < c.text().layers(); i++) {
            block(raw, hf, "transformer.resblocks." + i + ".", "text_model.encoder.layers." + i + ".", c.text().width(),
                    archive);
        }
        hf.put("text_model.final_layer_norm.weight", need(raw, "ln_final.weight", archive));
        hf.put("text_model.final_layer_norm.bias", need(raw, "ln_final.bias", archive));
        hf.put("text_projection.weight", need(raw, "text_projection", archive).transpose2d());
        if (raw.containsKey("logit_scale")) {
            hf.put("logit_scale", raw.get("logit_scale"));
        }
    }

    private static void block(Map<String, HostTensor> raw, Map<String, HostTensor> hf, String from, String to,
            int width, Path archive) {
        hf.put(to + "layer_norm1.weight", need(raw, from + "ln_1.weight", archive));
        hf.put(to + "layer_norm1.bias", need(raw, from + "ln_1.bias", archive));
        HostTensor w = need(raw, from + "attn.in_proj_weight", archive);
        HostTensor b = need(raw, from + "attn.in_proj_bias", archive);
        if (w.shape()[0] != 3L * width || b.shape()[0] != 3L * width) {
            throw new InvalidInputException(archive + ": parameter '" + from + "attn.in_proj_weight' has shape "
                    + HostTensor.describe(w.shape()) + ", expected [" + 3 * width + ", " + width + "]");
        }
        String[] qkv = {"q_proj", "k_proj", "v_proj"};
        for (int i = 0; i < 3; i++) {
            hf.put(to + "self_attn." + qkv[i] + ".weight", w.rows(i * width, (i + 1) * width));
            hf.put(to + "self_attn." + qkv[i] + ".bias", b.rows(i * width, (i + 1) * width));
        }
        hf.put(to + "self_attn.out_proj.weight", need(raw, from + "attn.out_proj.weight", archive));
        hf.put(to + "self_attn.out_proj.bias", need(raw, from + "attn.out_proj.bias", archive));
        hf.put(to + "layer_norm2.weight", need(raw, from + "ln_2.weight", archive));
        hf.put(to + "layer_norm2.bias", need(raw, from + "ln_2.bias", archive));
        hf.put(to + "mlp.fc1.weight", need(raw, from + "mlp.c_fc.weight", archive));
        hf.put(to + "mlp.fc1.bias", need(raw, from + "mlp.c_fc.bias", archive));
        hf.put(to + "mlp.fc2.weight", need(raw, from + "mlp.c_proj.weight", archive));
        hf.put(to + "mlp.fc2.bias", need(raw, from + "mlp.c_proj.bias", archive));
    }
}
