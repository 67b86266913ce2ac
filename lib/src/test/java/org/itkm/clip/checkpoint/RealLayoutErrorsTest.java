package org.itkm.clip.checkpoint;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.itkm.clip.ClipConfig;
import org.itkm.clip.HostTensor;
import org.itkm.clip.inference.ClipInference;
import org.itkm.io.InvalidInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the kit says when a file of a real-layout checkpoint (as {@code itkm make-clip} writes it, at toy
 * sizes) is missing or mis-shaped: each message names the file or parameter, the shape found and the
 * shape expected, and what to do.
 */
class RealLayoutErrorsTest {
    private static final ClipArchitecture TINY = ClipArchitecture.VIT_TINY;

    @TempDir
    static Path shared;
    @TempDir
    Path tmp;
    private static Path hf;
    private static Path openAi;

    @BeforeAll
    static void writeCheckpoints() throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        hf = RandomClipCheckpoint.write(TINY, RandomClipCheckpoint.Format.HF, 1, shared.resolve("hf"), false, quiet)
                .checkpoint();
        openAi = RandomClipCheckpoint.write(TINY, RandomClipCheckpoint.Format.OPENAI, 1, shared.resolve("oa"), false,
                quiet).checkpoint();
    }

    private Path copy(Path dir) throws Exception {
        Path d = tmp.resolve(dir.getFileName());
        Files.createDirectories(d);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.copy(p, d.resolve(p.getFileName()));
            }
        }
        return d;
    }

    private static String loadError(Path checkpoint) {
        return assertThrows(InvalidInputException.class, () -> {
            try (ClipCheckpoint c = ClipCheckpoint.open(checkpoint); ClipInference i = ClipInference.load(c, 0, 0)) {
                // loading must fail
            }
        }).getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "'" + p + "' not in: " + message);
        }
    }

    @Test
    void missingWeightsNameTheFileAndWhereToGetIt() throws Exception {
        Path d = copy(hf);
        Files.delete(d.resolve("model.safetensors"));
        assertContains(loadError(d), "missing file " + d.resolve("model.safetensors"), "openai/clip-vit-base-patch16");
        Files.writeString(d.resolve("pytorch_model.bin"), "pickle");
        assertContains(loadError(d), d.resolve("pytorch_model.bin") + " is a plain torch.save pickle",
                "use the repository's model.safetensors");
    }

    @Test
    void missingConfigIsNamed() throws Exception {
        Path d = copy(hf);
        Files.delete(d.resolve("config.json"));
        assertContains(loadError(d), "missing file " + d.resolve("config.json"), "needs config.json, "
                + "model.safetensors and tokenizer.json", "copy config.json from the model's repository");
    }

    @Test
    void missingTokenizerIsNamedWhenTextIsTokenized() throws Exception {
        Path d = copy(hf);
        Files.delete(d.resolve("tokenizer.json"));
        try (ClipCheckpoint c = ClipCheckpoint.open(d); ClipInference i = ClipInference.load(c, 0, 0)) {
            String msg = assertThrows(InvalidInputException.class, c::openTokenizer).getMessage();
            assertContains(msg, "missing file " + d.resolve("tokenizer.json"), "vocab.json and merges.txt alone are not"
                    + " read");
        }
    }

    @Test
    void misShapedPositionEmbeddingNamesFoundAndExpectedShapes() throws Exception {
        Path d = copy(hf);
        Map<String, HostTensor> t = tensors(d);
        t.put("vision_model.embeddings.position_embedding.weight", new HostTensor(new long[] {10, 64}, new float[640]));
        SafetensorsFile.write(d.resolve("model.safetensors"), t, Map.of());
        assertContains(loadError(d), d.resolve("model.safetensors") + ": parameter"
                + " 'vision_model.embeddings.position_embedding.weight' has shape [10, 64], expected [17, 64]",
                "config.json beside it");
    }

    @Test
    void missingParameterIsNamedWithItsShape() throws Exception {
        Path d = copy(hf);
        Map<String, HostTensor> t = tensors(d);
        t.remove("text_model.final_layer_norm.bias");
        SafetensorsFile.write(d.resolve("model.safetensors"), t, Map.of());
        assertContains(loadError(d), "missing parameter 'text_model.final_layer_norm.bias' (expected shape [64])");
    }

    private static Map<String, HostTensor> tensors(Path dir) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        try (SafetensorsFile f = SafetensorsFile.open(dir.resolve("model.safetensors"))) {
            for (String n : f.names()) {
                out.put(n, f.read(n));
            }
        }
        return out;
    }

    @Test
    void missingBpeVocabularyIsNamedWithWhereItComesFrom() throws Exception {
        Path d = copy(openAi.getParent());
        Files.delete(d.resolve(OpenAiClipArchive.VOCAB_NAMES[0]));
        try (ClipCheckpoint c = ClipCheckpoint.open(d.resolve(TINY.archiveName()))) {
            assertContains(assertThrows(InvalidInputException.class, c::openTokenizer).getMessage(),
                    "no BPE vocabulary next to " + d.resolve(TINY.archiveName()), "bpe_simple_vocab_16e6.txt.gz");
        }
    }

    /** An archive with OpenAI's names, one parameter changed or left out. */
    private Path archiveWith(String name, long[] shape) throws Exception {
        ClipConfig c = TINY.config();
        List<TorchScriptArchiveWriter.Tensor> list = new ArrayList<>();
        Map<String, HostTensor> values = OpenAiClipArchive.readParameters(openAi);
        for (String n : OpenAiClipArchive.openAiShapes(c).keySet()) {
            if (n.equals(name) && shape == null) {
                continue;
            }
            HostTensor v = n.equals(name) ? new HostTensor(shape, new float[(int) HostTensor.elementCount(shape)])
                    : values.get(n);
            list.add(new TorchScriptArchiveWriter.Tensor(n, v.shape(), false));
        }
        Path file = tmp.resolve("broken.pt");
        try (OutputStream out = new FileOutputStream(file.toFile())) {
            new TorchScriptArchiveWriter("broken", "CLIP").write(out, list, n -> n.equals(name)
                    ? new HostTensor(shape, new float[(int) HostTensor.elementCount(shape)]) : values.get(n), Map.of(),
                    x -> { });
        }
        return file;
    }

    @Test
    void archiveErrorsNameTheParameter() throws Exception {
        assertContains(loadError(archiveWith("ln_final.bias", null)), "missing parameter 'ln_final.bias'");
        assertContains(loadError(archiveWith("visual.positional_embedding", new long[] {12, 64})),
                "visual.positional_embedding has 12 rows, not a square grid + 1");
        assertContains(loadError(archiveWith("transformer.resblocks.1.attn.in_proj_weight", new long[] {64, 64})),
                "'transformer.resblocks.1.attn.in_proj_weight' has shape [64, 64], expected [192, 64]");
        assertContains(loadError(archiveWith("visual.ln_post.weight", new long[] {32})),
                "'vision_model.post_layernorm.weight' has shape [32], expected [64]");
    }

    @Test
    void aFileThatIsNoTorchScriptArchiveSaysWhatIsRead() throws Exception {
        Path p = tmp.resolve("state_dict.pt");
        Files.write(p, new byte[] {(byte) 0x80, 2, '}', '.'});
        assertContains(loadError(p), "cannot load " + p + " as a TorchScript archive",
                "a plain torch.save state dict is neither");
    }
}
