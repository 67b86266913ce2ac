package org.itkm.clip.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.itkm.cli.ItkmCli;
import org.itkm.clip.Golden;
import org.itkm.clip.inference.ClipInference;
import org.itkm.clip.tokenizer.ClipTokenizer;
import org.itkm.io.FloatMatrix;
import org.itkm.io.NpyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format (a) against the independent PyTorch reference forward: a tiny random Hugging Face CLIP directory
 * with F32, F16 and BF16 tensors, int64 position_ids buffers, __metadata__ and unknown config fields.
 */
class HuggingFaceParityTest {
    static final double TOLERANCE = 1e-4;

    @TempDir
    Path tmp;

    private static int cli(String... args) {
        StringWriter err = new StringWriter();
        int code = ItkmCli.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, code, "itkm " + String.join(" ", args) + " failed: " + err);
        return code;
    }

    @Test
    void embedMatchesReferenceOnBranchA() {
        Path out = tmp.resolve("f.npy");
        Path d = Golden.dir("hf-tiny");
        cli("embed", "--checkpoint", d.toString(), "--images", d.resolve("images").toString(), "--out", out.toString());
        Golden.assertClose(Golden.npy("hf-tiny", "expected_image_a.npy"), NpyFile.readFloat32Matrix(out), TOLERANCE,
                "embed, branch A");
    }

    @Test
    void branchAndScenarioChangeTheOutputAsTheReference() {
        Path out = tmp.resolve("f.npy");
        Path d = Golden.dir("hf-tiny");
        cli("embed", "--checkpoint", d.toString(), "--images", d.resolve("images").toString(), "--out", out.toString(),
                "--group", "B", "--scenario", "CR");
        FloatMatrix b = NpyFile.readFloat32Matrix(out);
        Golden.assertClose(Golden.npy("hf-tiny", "expected_image_b_s2.npy"), b, TOLERANCE, "embed, branch B, scenario 2");
        assertTrue(Golden.relativeError(b, Golden.npy("hf-tiny", "expected_image_a.npy")) > 0.05,
                "branch B + scenario must change the features");
    }

    @Test
    void embedAtAnotherInputSizeResizesPositionEmbeddings() {
        Path out = tmp.resolve("f.npy");
        Path d = Golden.dir("hf-tiny");
        cli("embed", "--checkpoint", d.toString(), "--images", d.resolve("images-48x24").toString(), "--out",
                out.toString(), "--input-size", "48x24");
        Golden.assertClose(Golden.npy("hf-tiny", "expected_image_48x24.npy"), NpyFile.readFloat32Matrix(out), TOLERANCE,
                "embed at 48x24");
    }

    @Test
    void embedTextFromTokenIdsMatchesReference() {
        Path out = tmp.resolve("t.npy");
        Path d = Golden.dir("hf-tiny");
        cli("embed-text", "--checkpoint", d.toString(), "--token-ids", d.resolve("token_ids.txt").toString(), "--out",
                out.toString());
        Golden.assertClose(Golden.npy("hf-tiny", "expected_token_ids.npy"), NpyFile.readFloat32Matrix(out), TOLERANCE,
                "embed-text --token-ids");
    }

    @Test
    void embedTextFromTextsUsesTheCheckpointTokenizer() throws Exception {
        Path out = tmp.resolve("t.npy");
        Path d = Golden.dir("hf-tiny");
        cli("embed-text", "--checkpoint", d.toString(), "--texts", d.resolve("texts.txt").toString(), "--out",
                out.toString(), "--batch-size", "2");
        Golden.assertClose(Golden.npy("hf-tiny", "expected_texts.npy"), NpyFile.readFloat32Matrix(out), TOLERANCE,
                "embed-text --texts");
        try (ClipCheckpoint ckpt = ClipCheckpoint.open(d); ClipTokenizer tok = ckpt.openTokenizer()) {
            var lines = Files.readAllLines(d.resolve("texts.txt"));
            var ids = Files.readAllLines(d.resolve("texts_ids.txt"));
            for (int i = 0; i < lines.size(); i++) {
                int[] expected = Arrays.stream(ids.get(i).trim().split(" ")).mapToInt(Integer::parseInt).toArray();
                assertArrayEquals(expected, tok.encode(lines.get(i), 16), lines.get(i));
            }
        }
    }

    @Test
    void legacyEosTokenId2FallsBackToTheTokenizerEndToken() throws Exception {
        Path d = Golden.dir("hf-tiny");
        Path copy = tmp.resolve("legacy");
        Files.createDirectories(copy);
        for (String f : new String[] {"model.safetensors", "tokenizer.json"}) {
            Files.copy(d.resolve(f), copy.resolve(f));
        }
        Files.writeString(copy.resolve("config.json"), Files.readString(d.resolve("config.json"))
                .replace("\"eos_token_id\": 1", "\"eos_token_id\": 2"));
        Path out = tmp.resolve("t.npy");
        cli("embed-text", "--checkpoint", copy.toString(), "--texts", d.resolve("texts.txt").toString(), "--out",
                out.toString());
        Golden.assertClose(Golden.npy("hf-tiny", "expected_texts.npy"), NpyFile.readFloat32Matrix(out), TOLERANCE,
                "legacy eos_token_id 2");
        // a sequence holding the configured id 2 is pooled at it, as the contract says
        Path ids = tmp.resolve("ids.txt");
        Files.writeString(ids, "0 9 1 2 2 1\n0 9 2\n");
        cli("embed-text", "--checkpoint", copy.toString(), "--token-ids", ids.toString(), "--out", out.toString());
        FloatMatrix t = NpyFile.readFloat32Matrix(out);
        FloatMatrix first = new FloatMatrix(1, t.cols(), java.util.Arrays.copyOf(t.data(), t.cols()));
        FloatMatrix second = new FloatMatrix(1, t.cols(), java.util.Arrays.copyOfRange(t.data(), t.cols(), 2 * t.cols()));
        assertTrue(Golden.relativeError(first, second) > 1e-3, "pooled at the first 2, not at the 1 before it");
    }

    @Test
    void savedCheckpointReloadsToTheSameFeatures() throws Exception {
        Path d = Golden.dir("hf-tiny");
        Path copy = tmp.resolve("copy");
        try (ClipCheckpoint ckpt = ClipCheckpoint.open(d); ClipInference clip = ClipInference.load(ckpt, 0, 0)) {
            HuggingFaceClipDirectory.save(copy, clip.model(), Files.readString(d.resolve("tokenizer.json")), true);
        }
        Path out = tmp.resolve("f.npy");
        cli("embed", "--checkpoint", copy.toString(), "--images", d.resolve("images").toString(), "--out", out.toString(),
                "--group", "B", "--scenario", "CR");
        Golden.assertClose(Golden.npy("hf-tiny", "expected_image_b_s2.npy"), NpyFile.readFloat32Matrix(out), TOLERANCE,
                "re-saved checkpoint");
    }
}
