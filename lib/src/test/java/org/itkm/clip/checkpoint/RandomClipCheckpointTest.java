package org.itkm.clip.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.itkm.clip.ClipConfig;
import org.itkm.clip.Golden;
import org.itkm.clip.HostTensor;
import org.itkm.clip.inference.ClipImagePreprocessor;
import org.itkm.clip.inference.ClipInference;
import org.itkm.clip.tokenizer.ClipBpeTokenizer;
import org.itkm.clip.tokenizer.ClipTokenizer;
import org.itkm.clip.tokenizer.HuggingFaceClipTokenizer;
import org.itkm.io.FloatMatrix;
import org.itkm.io.InvalidInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code itkm make-clip}'s writers: tiny checkpoints in both layouts read back by the kit's own loaders
 * tensor for tensor, the same features from both, and the random-weights mark found.
 */
class RandomClipCheckpointTest {
    private static final ClipArchitecture TINY = ClipArchitecture.VIT_TINY;
    private static final long SEED = 7;
    private static final List<String> PROMPTS = List.of("A photo of a person.", "a man in a red coat, walking",
            "Woman with 2 bags & a hat!", "zebra-striped umbrella");

    @TempDir
    static Path tmp;
    private static RandomClipCheckpoint.Written hf;
    private static RandomClipCheckpoint.Written openAi;

    @BeforeAll
    static void writeBoth() throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        hf = RandomClipCheckpoint.write(TINY, RandomClipCheckpoint.Format.HF, SEED, tmp.resolve("hf"), false, quiet);
        openAi = RandomClipCheckpoint.write(TINY, RandomClipCheckpoint.Format.OPENAI, SEED, tmp.resolve("oa"), false,
                quiet);
    }

    @Test
    void huggingFaceDirectoryReadsBackEveryTensorExactly() {
        RandomClipWeights expected = new RandomClipWeights(TINY.config(), SEED);
        assertEquals(tmp.resolve("hf"), hf.checkpoint());
        assertFalse(Files.exists(tmp.resolve("hf.partial")));
        try (ClipCheckpoint c = ClipCheckpoint.open(hf.checkpoint())) {
            assertEquals(TINY.config().vision(), c.config().vision());
            assertEquals(TINY.config().projectionDim(), c.config().projectionDim());
            assertEquals(TINY.config().text().vocabSize() - 1, c.config().text().legacyEosTokenId(),
                    "eos_token_id 2 as on the Hub; the tokenizer's <|endoftext|> is pooled at");
            assertEquals(expected.names(), c.tensors().names());
            for (String n : expected.names()) {
                HostTensor e = expected.read(n);
                HostTensor a = c.tensors().read(n);
                assertArrayEquals(e.shape(), a.shape(), n);
                assertArrayEquals(e.data(), a.data(), n);
            }
            assertTrue(c.randomWeights().orElseThrow().contains("--format hf --seed 7"));
            assertTrue(c.randomWeightsWarning().orElseThrow().startsWith(
                    "warning: random weights made by itkm make-clip: "));
        }
    }

    @Test
    void openAiArchiveLoadsThroughTorchScriptWithOpenAiNamesAndDtypes() {
        RandomClipWeights expected = new RandomClipWeights(TINY.config(), SEED);
        assertEquals(tmp.resolve("oa").resolve(TINY.archiveName()), openAi.checkpoint());
        Map<String, HostTensor> raw = OpenAiClipArchive.readParameters(openAi.checkpoint());
        assertEquals(OpenAiClipArchive.openAiShapes(TINY.config()).keySet(), raw.keySet());
        try (ClipCheckpoint c = ClipCheckpoint.open(openAi.checkpoint())) {
            ClipConfig cfg = c.config();
            assertEquals(TINY.config().vision(), cfg.vision());
            assertEquals(TINY.config().text().width(), cfg.text().width());
            assertEquals(TINY.config().text().layers(), cfg.text().layers());
            assertEquals(TINY.config().text().vocabSize(), cfg.text().vocabSize());
            assertEquals(TINY.config().projectionDim(), cfg.projectionDim());
            assertEquals(expected.names(), c.tensors().names());
            int halves = 0;
            for (String n : expected.names()) {
                HostTensor e = expected.read(n);
                HostTensor a = c.tensors().read(n);
                assertArrayEquals(e.shape(), a.shape(), n);
                boolean half = isHalf(n);
                halves += half ? 1 : 0;
                float[] want = e.data().clone();
                if (half) {
                    for (int i = 0; i < want.length; i++) {
                        want[i] = HalfFloat.toFloat(HalfFloat.fromFloat(want[i]));
                    }
                }
                assertArrayEquals(want, a.data(), n + (half ? " (float16)" : " (float32)"));
            }
            assertTrue(halves > 20, "linear and attention weights are float16, as OpenAI's");
            assertTrue(c.randomWeights().orElseThrow().contains("--format openai --seed 7"));
        }
    }

    /** The Hugging Face tensors OpenAI keeps in float16 (its convert_weights). */
    private static boolean isHalf(String hfName) {
        return hfName.contains("self_attn.") || hfName.contains(".mlp.") || hfName.endsWith("projection.weight")
                || hfName.endsWith("patch_embedding.weight");
    }

    @Test
    void bothLayoutsGiveTheSameFeatures() throws Exception {
        List<Path> images = ClipImagePreprocessor.listImages(Golden.dir("hf-tiny").resolve("images"));
        FloatMatrix[] img = new FloatMatrix[2];
        FloatMatrix[] txt = new FloatMatrix[2];
        int[][][] ids = new int[2][][];
        Path[] paths = {hf.checkpoint(), openAi.checkpoint()};
        for (int k = 0; k < 2; k++) {
            try (ClipCheckpoint c = ClipCheckpoint.open(paths[k]); ClipInference clip = ClipInference.load(c, 0, 0);
                    ClipTokenizer tok = c.openTokenizer()) {
                img[k] = clip.encodeImages(images, 0, -1, 8, false);
                ids[k] = new int[PROMPTS.size()][];
                for (int i = 0; i < PROMPTS.size(); i++) {
                    ids[k][i] = tok.encode(PROMPTS.get(i), c.config().text().contextLength());
                }
                txt[k] = clip.encodeTokenIds(ids[k], 4, false);
            }
        }
        for (int i = 0; i < PROMPTS.size(); i++) {
            assertArrayEquals(ids[0][i], ids[1][i], "tokenizer.json and the BPE file agree on " + PROMPTS.get(i));
        }
        Golden.assertClose(img[0], img[1], 1e-2, "image features, float32 vs float16 weights");
        Golden.assertClose(txt[0], txt[1], 1e-2, "text features, float32 vs float16 weights");
        assertTrue(Golden.relativeError(img[1], img[0]) > 0, "float16 rounding is visible: the archive is its own copy");
    }

    @Test
    void syntheticVocabularyHasOpenAisSizeAndLayout() {
        SyntheticClipVocabulary v = new SyntheticClipVocabulary(ClipArchitecture.VIT_B_16.config().text().vocabSize());
        List<String> tokens = v.tokens();
        assertEquals(49408, tokens.size());
        assertEquals(49408, new java.util.HashSet<>(tokens).size(), "every token distinct");
        assertEquals("!", tokens.get(0));
        assertEquals("!</w>", tokens.get(256));
        assertEquals(HuggingFaceClipTokenizer.BOS, tokens.get(49406));
        assertEquals(HuggingFaceClipTokenizer.EOS, tokens.get(49407));
        assertEquals(48894, v.merges().size());
        assertEquals(List.of("e", "e"), List.of(v.merges().get(0)), "most frequent letter pair first");
    }

    @Test
    void bothTokenizerFilesOfTheFullVocabularyGiveTheSameIds() throws Exception {
        SyntheticClipVocabulary v = new SyntheticClipVocabulary(49408);
        Path d = tmp.resolve("vocab-49408");
        Files.createDirectories(d);
        v.writeHuggingFace(d);
        v.writeOpenAi(d.resolve(OpenAiClipArchive.VOCAB_NAMES[0]));
        try (HuggingFaceClipTokenizer hfTok = HuggingFaceClipTokenizer.load(d.resolve("tokenizer.json"));
                ClipBpeTokenizer bpe = ClipBpeTokenizer.load(d.resolve(OpenAiClipArchive.VOCAB_NAMES[0]))) {
            assertEquals(49408, bpe.vocabSize());
            assertEquals(49406, hfTok.bosId());
            assertEquals(49407, hfTok.eosId());
            for (String p : PROMPTS) {
                int[] a = hfTok.encode(p, 77);
                assertArrayEquals(a, bpe.encode(p, 77), p);
                assertTrue(a.length > 3, p);
                for (int id : a) {
                    assertTrue(id >= 0 && id < 49408, p + ": id " + id);
                }
            }
        }
    }

    @Test
    void differentSeedsGiveDifferentWeightsAndTheSameSeedTheSame() {
        RandomClipWeights a = new RandomClipWeights(TINY.config(), 1);
        String n = "vision_model.encoder.layers.1.mlp.fc2.weight";
        assertArrayEquals(a.read(n).data(), new RandomClipWeights(TINY.config(), 1).read(n).data());
        assertFalse(java.util.Arrays.equals(a.read(n).data(), new RandomClipWeights(TINY.config(), 2).read(n).data()));
        assertNotEquals(a.read(n).data()[0], a.read("vision_model.encoder.layers.0.mlp.fc2.weight").data()[0]);
    }

    @Test
    void replacesOnlyItsOwnEarlierOutputAndOnlyWhenAsked() throws Exception {
        Path d = tmp.resolve("busy");
        Files.createDirectories(d);
        Files.writeString(d.resolve("keep.txt"), "mine");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        for (boolean replace : new boolean[] {false, true}) { // a folder make-clip did not make: never replaced
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> RandomClipCheckpoint.write(TINY,
                    RandomClipCheckpoint.Format.HF, 0, d, replace, quiet));
            assertTrue(e.getMessage().contains("was not made by itkm make-clip"), e.getMessage());
            assertEquals("mine", Files.readString(d.resolve("keep.txt")));
        }
        Path own = tmp.resolve("own");
        RandomClipCheckpoint.write(TINY, RandomClipCheckpoint.Format.HF, 0, own, false, quiet);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RandomClipCheckpoint.write(TINY,
                RandomClipCheckpoint.Format.OPENAI, 0, own, false, quiet));
        assertTrue(e.getMessage().contains("add --replace"), e.getMessage());
        assertTrue(Files.isRegularFile(own.resolve(HuggingFaceClipDirectory.WEIGHTS)));
        RandomClipCheckpoint.write(TINY, RandomClipCheckpoint.Format.OPENAI, 0, own, true, quiet);
        assertFalse(Files.exists(own.resolve(HuggingFaceClipDirectory.WEIGHTS)));
        assertTrue(Files.isRegularFile(own.resolve(TINY.archiveName())));
        assertFalse(Files.exists(tmp.resolve(".own.partial")));
    }

    @Test
    void realCheckpointsCarryNoMark() {
        try (ClipCheckpoint c = ClipCheckpoint.open(Golden.dir("hf-tiny"))) {
            assertTrue(c.randomWeights().isEmpty());
            assertTrue(c.randomWeightsWarning().isEmpty());
        }
        try (ClipCheckpoint c = ClipCheckpoint.open(Golden.dir("openai-tiny").resolve("tiny-clip.pt"))) {
            assertTrue(c.randomWeights().isEmpty());
        }
    }
}
