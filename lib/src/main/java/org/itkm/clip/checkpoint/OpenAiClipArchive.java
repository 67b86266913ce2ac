package org.itkm.clip.checkpoint;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.itkm.clip.ClipConfig;
import org.itkm.clip.HostTensor;
import org.itkm.clip.TensorSource;
import org.itkm.clip.tokenizer.ClipBpeTokenizer;
import org.itkm.io.AtomicFiles;
import org.itkm.io.InvalidInputException;
import org.itkm.runtime.EngineRuntime;

/**
 * Checkpoint format (b): an OpenAI CLIP TorchScript archive ({@code ViT-B-16.pt}: {@code visual.conv1.weight},
 * {@code visual.transformer.resblocks.N.attn.in_proj_weight}, ...). The PyTorch engine loads the archive
 * itself and hands over its named parameters (no pickle parsing); they are converted to float32 and renamed
 * to the Hugging Face names the blocks load from (in_proj split into q/k/v, projections transposed). The
 * architecture is inferred from the shapes as OpenAI's {@code build_model} does (heads = width / 64). The BPE
 * vocabulary ({@code bpe_simple_vocab_16e6.txt[.gz]}) is looked up next to the archive or given explicitly.
 * {@link #write} makes the same layout from Hugging Face-named weights (for {@code itkm make-clip}); one
 * table of correspondences serves both directions.
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
        InMemoryTensors check = new InMemoryTensors(raw, archive.toString());
        raw.forEach(check::requireFinite); // under OpenAI's names, every parameter, used or not
        Map<String, HostTensor> hf = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        raw.forEach((n, t) -> shapes.put(n, t.shape()));
        ClipConfig config = inferConfig(shapes, archive);
        rename(raw, hf, archive, config);
        InMemoryTensors tensors = new InMemoryTensors(hf, archive.toString());
        final Path vocabFile = vocab;
        return new ClipCheckpoint(archive, config, tensors, () -> {
            if (vocabFile == null) {
                throw new InvalidInputException("no BPE vocabulary next to " + archive + " (expected "
                        + VOCAB_NAMES[0] + " or " + VOCAB_NAMES[1] + " in " + archive.toAbsolutePath().getParent()
                        + "; OpenAI ships it with CLIP's code as clip/" + VOCAB_NAMES[0] + ": copy it there)");
            }
            ClipBpeTokenizer t = ClipBpeTokenizer.load(vocabFile);
            if (t.vocabSize() != config.text().vocabSize()) {
                throw new InvalidInputException(vocabFile + " defines " + t.vocabSize() + " tokens but " + archive
                        + " has " + config.text().vocabSize() + " token embeddings");
            }
            return t;
        }, randomWeightsMark(archive));
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
        } catch (InvalidInputException e) {
            throw e;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new InvalidInputException("cannot load " + archive + " as a TorchScript archive (the kit reads"
                    + " OpenAI's archives as clip.load downloads them, e.g. ViT-B-16.pt, and Hugging Face safetensors"
                    + " directories; a plain torch.save state dict is neither): " + firstLine(e.getMessage()), e);
        }
        return out;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static HostTensor need(Map<String, HostTensor> raw, String name, Path archive) {
        HostTensor t = raw.get(name);
        if (t == null) {
            throw missing(name, archive);
        }
        return t;
    }

    /** The architecture of an archive, from its parameters' shapes (OpenAI name -> shape). */
    static ClipConfig inferConfig(Map<String, long[]> shapes, Path archive) {
        try {
            return inferConfigUnchecked(shapes, archive);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InvalidInputException(archive + ": its parameters do not make an OpenAI CLIP ViT (" + e.getMessage()
                    + "); expected an archive as clip.load downloads it, e.g. ViT-B-16.pt", e);
        }
    }

    private static ClipConfig inferConfigUnchecked(Map<String, long[]> shapes, Path archive) {
        long[] conv = shape(shapes, "visual.conv1.weight", archive);
        int vWidth = (int) conv[0];
        int patch = (int) conv[3];
        int vLayers = countLayers(shapes, "visual.transformer.resblocks.", archive);
        int positions = (int) shape(shapes, "visual.positional_embedding", archive)[0];
        int grid = (int) Math.round(Math.sqrt(positions - 1));
        if (grid * grid + 1 != positions) {
            throw new InvalidInputException(archive + ": visual.positional_embedding has " + positions
                    + " rows, not a square grid + 1 (ViT-B/16 at 224x224 has 197 = 14 x 14 + 1)");
        }
        int embed = (int) shape(shapes, "text_projection", archive)[1];
        int context = (int) shape(shapes, "positional_embedding", archive)[0];
        int vocab = (int) shape(shapes, "token_embedding.weight", archive)[0];
        int tWidth = (int) shape(shapes, "ln_final.weight", archive)[0];
        int tLayers = countLayers(shapes, "transformer.resblocks.", archive);
        int vMlp = (int) shape(shapes, "visual.transformer.resblocks.0.mlp.c_fc.weight", archive)[0];
        int tMlp = (int) shape(shapes, "transformer.resblocks.0.mlp.c_fc.weight", archive)[0];
        ClipConfig.Vision v = new ClipConfig.Vision(vWidth, vLayers, Math.max(1, vWidth / 64), vMlp, patch,
                grid * patch, grid * patch, grid * patch, grid * patch, ClipConfig.Activation.QUICK_GELU, 1e-5f);
        ClipConfig.Text t = new ClipConfig.Text(vocab, tWidth, tLayers, Math.max(1, tWidth / 64), tMlp, context,
                vocab - 2, vocab - 1, 0, ClipConfig.Activation.QUICK_GELU, 1e-5f);
        return new ClipConfig(v, t, embed, ClipConfig.DEFAULT_SCENARIOS);
    }

    private static long[] shape(Map<String, long[]> shapes, String name, Path archive) {
        long[] s = shapes.get(name);
        if (s == null) {
            throw missing(name, archive);
        }
        return s;
    }

    private static InvalidInputException missing(String name, Path archive) {
        return new InvalidInputException(archive + ": missing parameter '" + name + "' (not an OpenAI CLIP ViT"
                + " archive; ResNet CLIP models are not supported)");
    }

    private static int countLayers(Map<String, long[]> shapes, String prefix, Path archive) {
        int n = 0;
        while (shapes.containsKey(prefix + n + ".attn.in_proj_weight")) {
            n++;
        }
        for (String name : shapes.keySet()) { // a block after a gap would be left out silently
            if (name.startsWith(prefix) && !name.startsWith("visual.") == !prefix.startsWith("visual.")) {
                String rest = name.substring(prefix.length());
                int dot = rest.indexOf('.');
                try {
                    if (dot > 0 && Integer.parseInt(rest.substring(0, dot)) >= n) {
                        throw new InvalidInputException(archive + ": parameter '" + name + "' belongs to block "
                                + rest.substring(0, dot) + " but '" + prefix + n + ".attn.in_proj_weight' is missing;"
                                + " expected blocks 0, 1, 2, ... without gaps");
                    }
                } catch (NumberFormatException ignored) {
                    // not a block index
                }
            }
        }
        return n;
    }



    /** How one OpenAI parameter is made of Hugging Face ones. */
    private enum Kind {
        /** the same tensor */
        SAME,
        /** the transpose (OpenAI's projections are (width, D) matrices applied as x @ proj) */
        TRANSPOSED,
        /** q, k and v stacked along the first axis (attention's in_proj_weight / in_proj_bias) */
        STACKED_QKV
    }

    /** One OpenAI parameter and the Hugging Face parameter(s) it corresponds to. */
    private record Correspondence(String openAi, Kind kind, String... huggingFace) {}

    /**
     * The one table of OpenAI names against Hugging Face names (both directions use it), in the order
     * OpenAI's archive lists its parameters.
     */
    private static List<Correspondence> correspondences(ClipConfig c) {
        List<Correspondence> out = new ArrayList<>();
        String e = "vision_model.embeddings.";
        out.add(new Correspondence("positional_embedding", Kind.SAME, "text_model.embeddings.position_embedding.weight"));
        out.add(new Correspondence("text_projection", Kind.TRANSPOSED, "text_projection.weight"));
        out.add(new Correspondence("logit_scale", Kind.SAME, "logit_scale"));
        out.add(new Correspondence("visual.class_embedding", Kind.SAME, e + "class_embedding"));
        out.add(new Correspondence("visual.positional_embedding", Kind.SAME, e + "position_embedding.weight"));
        out.add(new Correspondence("visual.proj", Kind.TRANSPOSED, "visual_projection.weight"));
        out.add(new Correspondence("visual.conv1.weight", Kind.SAME, e + "patch_embedding.weight"));
        norm(out, "visual.ln_pre.", "vision_model.pre_layrnorm.");
        for (int i = 0; i < c.vision().layers(); i++) {
            block(out, "visual.transformer.resblocks." + i + ".", "vision_model.encoder.layers." + i + ".");
        }
        norm(out, "visual.ln_post.", "vision_model.post_layernorm.");
        for (int i = 0; i < c.text().layers(); i++) {
            block(out, "transformer.resblocks." + i + ".", "text_model.encoder.layers." + i + ".");
        }
        out.add(new Correspondence("token_embedding.weight", Kind.SAME, "text_model.embeddings.token_embedding.weight"));
        norm(out, "ln_final.", "text_model.final_layer_norm.");
        return out;
    }

    private static void norm(List<Correspondence> out, String from, String to) {
        out.add(new Correspondence(from + "weight", Kind.SAME, to + "weight"));
        out.add(new Correspondence(from + "bias", Kind.SAME, to + "bias"));
    }

    private static void block(List<Correspondence> out, String from, String to) {
        String a = to + "self_attn.";
        for (String w : new String[] {"weight", "bias"}) {
            out.add(new Correspondence(from + "attn.in_proj_" + w, Kind.STACKED_QKV, a + "q_proj." + w,
                    a + "k_proj." + w, a + "v_proj." + w));
        }
        for (String w : new String[] {"weight", "bias"}) {
            out.add(new Correspondence(from + "attn.out_proj." + w, Kind.SAME, a + "out_proj." + w));
        }
        norm(out, from + "ln_1.", to + "layer_norm1.");
        for (String[] fc : new String[][] {{"c_fc", "fc1"}, {"c_proj", "fc2"}}) {
            for (String w : new String[] {"weight", "bias"}) {
                out.add(new Correspondence(from + "mlp." + fc[0] + "." + w, Kind.SAME, to + "mlp." + fc[1] + "." + w));
            }
        }
        norm(out, from + "ln_2.", to + "layer_norm2.");
    }

    private static void rename(Map<String, HostTensor> raw, Map<String, HostTensor> hf, Path archive, ClipConfig c) {
        for (Correspondence k : correspondences(c)) {
            if (k.openAi().equals("logit_scale") && !raw.containsKey("logit_scale")) {
                continue; // optional: the kit's encoders do not use it
            }
            HostTensor t = need(raw, k.openAi(), archive);
            switch (k.kind()) {
                case SAME -> hf.put(k.huggingFace()[0], t);
                case TRANSPOSED -> hf.put(k.huggingFace()[0], t.transpose2d());
                case STACKED_QKV -> {
                    int width = k.openAi().startsWith("visual.") ? c.vision().width() : c.text().width();
                    if (t.shape()[0] != 3L * width) {
                        throw new InvalidInputException(archive + ": parameter '" + k.openAi() + "' has shape "
                                + HostTensor.describe(t.shape()) + ", expected [" + 3 * width
                                + (t.shape().length == 2 ? ", " + width : "") + "]");
                    }
                    for (int i = 0; i < 3; i++) {
                        hf.put(k.huggingFace()[i], t.rows(i * width, (i + 1) * width));
                    }
                }
                default -> throw new IllegalStateException(k.kind().name());
            }
        }
    }

    /**
     * Every parameter of the archive OpenAI's {@code build_model} makes for a configuration: OpenAI name ->
     * shape, in the archive's order.
     */
    public static Map<String, long[]> openAiShapes(ClipConfig c) {
        Map<String, long[]> hf = ClipParameterLayout.huggingFace(c);
        Map<String, long[]> out = new LinkedHashMap<>();
        for (Correspondence k : correspondences(c)) {
            long[] s = hf.get(k.huggingFace()[0]);
            out.put(k.openAi(), switch (k.kind()) {
                case SAME -> s.clone();
                case TRANSPOSED -> new long[] {s[1], s[0]};
                case STACKED_QKV -> {
                    long[] stacked = s.clone();
                    stacked[0] *= 3;
                    yield stacked;
                }
            });
        }
        return out;
    }

    /**
     * Whether OpenAI stores a parameter as float16: its {@code convert_weights} halves convolution, linear and
     * attention weights and biases and the two projections; embeddings, LayerNorms and the logit scale stay
     * float32.
     */
    public static boolean storedAsHalf(String openAiName) {
        return openAiName.equals("visual.conv1.weight") || openAiName.equals("visual.proj")
                || openAiName.equals("text_projection") || openAiName.contains(".attn.")
                || openAiName.contains(".mlp.");
    }

    /** The extra file whose presence marks an archive of random weights (text: how they were made). */
    public static final String RANDOM_WEIGHTS_ENTRY = "itkm_random_weights.txt";

    /**
     * Writes Hugging Face-named weights as an OpenAI TorchScript archive with OpenAI's parameter names and
     * dtypes (see {@link #storedAsHalf}); {@code randomWeightsMark}, when not null, is stored as
     * {@code extra/}{@value #RANDOM_WEIGHTS_ENTRY}. The archive holds parameters only (no {@code forward}).
     */
    public static void write(Path archive, TensorSource weights, ClipConfig c, String randomWeightsMark,
            LongConsumer progress) throws IOException {
        write(archive, weights, c, randomWeightsMark, progress, true);
    }

    /**
     * {@link #write(Path, TensorSource, ClipConfig, String, LongConsumer)}, with {@code openAiHalves} false
     * storing every parameter as float32 (a trained encoder exported without rounding; the reader widens
     * either dtype to float32).
     */
    public static void write(Path archive, TensorSource weights, ClipConfig c, String randomWeightsMark,
            LongConsumer progress, boolean openAiHalves) throws IOException {
        List<Correspondence> table = correspondences(c);
        Map<String, long[]> shapes = openAiShapes(c);
        List<TorchScriptArchiveWriter.Tensor> tensors = new ArrayList<>();
        Map<String, Correspondence> byName = new LinkedHashMap<>();
        for (Correspondence k : table) {
            tensors.add(new TorchScriptArchiveWriter.Tensor(k.openAi(), shapes.get(k.openAi()),
                    openAiHalves && storedAsHalf(k.openAi())));
            byName.put(k.openAi(), k);
        }
        String name = archive.getFileName().toString().replaceFirst("\\.pt$", "");
        Map<String, String> extra = randomWeightsMark == null ? Map.of() : Map.of(RANDOM_WEIGHTS_ENTRY, randomWeightsMark);
        AtomicFiles.write(archive, out -> new TorchScriptArchiveWriter(name, "CLIP").write(out, tensors,
                n -> openAiValue(byName.get(n), weights), extra, progress));
    }

    private static HostTensor openAiValue(Correspondence k, TensorSource hf) {
        return switch (k.kind()) {
            case SAME -> hf.read(k.huggingFace()[0]);
            case TRANSPOSED -> hf.read(k.huggingFace()[0]).transpose2d();
            case STACKED_QKV -> HostTensor.concatRows(hf.read(k.huggingFace()[0]), hf.read(k.huggingFace()[1]),
                    hf.read(k.huggingFace()[2]));
        };
    }

    /** The random-weights mark of an archive ({@code extra/}{@value #RANDOM_WEIGHTS_ENTRY}), or null. */
    static String randomWeightsMark(Path archive) {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.getName().endsWith("/extra/" + RANDOM_WEIGHTS_ENTRY)) {
                    try (var in = zip.getInputStream(e)) {
                        return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                    }
                }
            }
            return null;
        } catch (IOException e) {
            return null; // not a zip: torch.jit.load reports the real problem
        }
    }
}
