package org.itkm.clip.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.itkm.cli.ItkmCli;
import org.itkm.clip.Golden;
import org.itkm.clip.HostTensor;
import org.itkm.clip.inference.ClipInference;
import org.itkm.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clear errors for broken checkpoints and inputs. */
class CheckpointErrorsTest {
    @TempDir
    Path tmp;

    private Path copyFixture() throws Exception {
        Path src = Golden.dir("hf-tiny");
        Path dst = tmp.resolve("ckpt");
        Files.createDirectories(dst);
        for (String f : new String[] {"config.json", "model.safetensors", "tokenizer.json"}) {
            Files.copy(src.resolve(f), dst.resolve(f));
        }
        return dst;
    }

    private static Map<String, HostTensor> tensors(Path dir) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        try (SafetensorsFile f = SafetensorsFile.open(dir.resolve("model.safetensors"))) {
            for (String n : f.names()) {
                if (!n.endsWith("position_ids")) {
                    out.put(n, f.read(n));
                }
            }
        }
        return out;
    }

    private static String loadError(Path dir) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> {
            try (ClipCheckpoint c = ClipCheckpoint.open(dir); ClipInference i = ClipInference.load(c, 0, 0)) {
                // loading must fail
            }
        });
        return e.getMessage();
    }

    @Test
    void missingWeightsFileIsNamed() throws Exception {
        Path d = copyFixture();
        Files.delete(d.resolve("model.safetensors"));
        assertTrue(loadError(d).contains("missing file " + d.resolve("model.safetensors")), loadError(d));
    }

    @Test
    void missingCheckpointAndConfig() throws Exception {
        assertTrue(loadError(tmp.resolve("nope")).contains("does not exist"));
        Path d = copyFixture();
        Files.delete(d.resolve("config.json"));
        assertTrue(loadError(d).contains("missing file " + d.resolve("config.json")));
    }

    @Test
    void missingParameterIsNamedWithItsShape() throws Exception {
        Path d = copyFixture();
        Map<String, HostTensor> t = tensors(d);
        t.remove("vision_model.encoder.layers.1.mlp.fc1.bias");
        SafetensorsFile.write(d.resolve("model.safetensors"), t, Map.of());
        String msg = loadError(d);
        assertTrue(msg.contains("missing parameter 'vision_model.encoder.layers.1.mlp.fc1.bias' (expected shape [128])"),
                msg);
    }

    @Test
    void misShapedParameterNamesExpectedAndFound() throws Exception {
        Path d = copyFixture();
        Map<String, HostTensor> t = tensors(d);
        t.put("text_projection.weight", new HostTensor(new long[] {24, 31}, new float[24 * 31]));
        SafetensorsFile.write(d.resolve("model.safetensors"), t, Map.of());
        String msg = loadError(d);
        assertTrue(msg.contains("'text_projection.weight' has shape [24, 31], expected [24, 32]"), msg);
    }

    @Test
    void unsupportedDtypeIsReported() throws Exception {
        Path d = copyFixture();
        String header = "{\"vision_model.embeddings.patch_embedding.weight\":{\"dtype\":\"I8\",\"shape\":[32,3,8,8],"
                + "\"data_offsets\":[0,6144]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 6144).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Files.write(d.resolve("model.safetensors"), b.array());
        String msg = loadError(d);
        assertTrue(msg.contains("unsupported dtype I8"), msg);
    }

    @Test
    void unsupportedArchitectureIsReported() throws Exception {
        Path d = copyFixture();
        String cfg = Files.readString(d.resolve("config.json")).replace("\"model_type\": \"clip\"",
                "\"model_type\": \"siglip\"");
        Files.writeString(d.resolve("config.json"), cfg);
        assertTrue(loadError(d).contains("unsupported architecture model_type 'siglip'"), loadError(d));
        Files.writeString(d.resolve("config.json"), cfg.replace("siglip", "clip").replace("\"hidden_act\": \"quick_gelu\"",
                "\"hidden_act\": \"relu\""));
        assertTrue(loadError(d).contains("unsupported hidden_act 'relu'"), loadError(d));
    }

    @Test
    void cliReportsBadInputWithExitCode2() throws Exception {
        Path ids = tmp.resolve("ids.txt");
        Files.writeString(ids, "0 4 5\n");
        StringWriter err = new StringWriter();
        int code = ItkmCli.execute(new String[] {"embed-text", "--checkpoint", Golden.dir("hf-tiny").toString(),
            "--token-ids", ids.toString(), "--out", tmp.resolve("t.npy").toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(err));
        assertEquals(2, code);
        assertTrue(err.toString().contains("sequence 1 has no end-of-text id 1"), err.toString());
        err = new StringWriter();
        code = ItkmCli.execute(new String[] {"embed", "--checkpoint", Golden.dir("hf-tiny").toString(), "--images",
            tmp.toString(), "--out", tmp.resolve("f.npy").toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(err));
        assertEquals(2, code);
        assertTrue(err.toString().contains("holds no .png/.jpg/.jpeg files"), err.toString());
    }
}
