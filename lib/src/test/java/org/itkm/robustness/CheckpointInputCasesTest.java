package org.itkm.robustness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.itkm.clip.HostTensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checkpoints that cannot give sensible features: NaN/Inf weights, a config.json that contradicts its
 * weights in either direction, config values that make no model. Each is one line naming the tensor or the
 * config key, exit 2, and no feature file.
 */
class CheckpointInputCasesTest extends RobustnessCase {
    @TempDir
    static Path shared;
    static Path base;
    static Map<String, HostTensor> weights;

    Path ckpt;
    Path images;
    Path out;

    @BeforeAll
    static void tinyClip() throws Exception {
        base = InputFixtures.huggingFaceClip(shared.resolve("clip"));
        weights = InputFixtures.tensors(base);
    }

    @BeforeEach
    void inputs() throws Exception {
        ckpt = InputFixtures.copy(base, cwd.resolve("clip"));
        images = InputFixtures.images(cwd.resolve("images"), 3);
        out = cwd.resolve("features.npy");
    }

    private Outcome embed() throws Exception {
        snapshot();
        return run("embed", "--checkpoint", ckpt.toString(), "--images", images.toString(), "--out", out.toString());
    }

    @Test
    void nanInAHuggingFaceTensorIsNamedWithItsFile() throws Exception {
        String name = "vision_model.encoder.layers.1.mlp.fc2.weight";
        InputFixtures.writeWeights(ckpt, InputFixtures.poisoned(weights, name, 5, Float.NaN));
        Outcome o = embed();
        assertBadInput(o, ckpt.resolve("model.safetensors").toString(), "'" + name + "'", "non-finite", "NaN");
        assertNothingChangedExcept();
    }

    @Test
    void infinityInATextTensorIsNamedByEmbedText() throws Exception {
        String name = "text_model.encoder.layers.0.self_attn.v_proj.bias";
        InputFixtures.writeWeights(ckpt, InputFixtures.poisoned(weights, name, 0, Float.POSITIVE_INFINITY));
        Path ids = cwd.resolve("ids.txt");
        Files.writeString(ids, "0 5 6 2\n");
        snapshot();
        Outcome o = run("embed-text", "--checkpoint", ckpt.toString(), "--token-ids", ids.toString(), "--out",
                out.toString());
        assertBadInput(o, "'" + name + "'", "Infinity", "expected finite weights");
        assertNothingChangedExcept();
    }

    @Test
    void nanInAnOpenAiArchiveIsNamedUnderOpenAisName() throws Exception {
        Path archive = cwd.resolve("ViT-tiny.pt");
        InputFixtures.openAiArchive(archive, InputFixtures.poisoned(weights, "visual_projection.weight", 3, Float.NaN));
        snapshot();
        Outcome o = run("embed", "--checkpoint", archive.toString(), "--images", images.toString(), "--out",
                out.toString());
        assertBadInput(o, archive.toString(), "'visual.proj'", "NaN");
        assertNothingChangedExcept();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "vision_config.num_hidden_layers, 1, 'holds 2 vision layers', 'vision_model.encoder.layers.1.'",
        "vision_config.num_hidden_layers, 3, 'holds 2 vision layers', 'vision_model.encoder.layers.2.self_attn.q_proj.weight'",
        "text_config.num_hidden_layers, 1, 'holds 2 text layers', 'text_model.encoder.layers.1.'",
        "text_config.num_hidden_layers, 4, 'holds 2 text layers', 'text_model.encoder.layers.2.self_attn.q_proj.weight'",
    })
    void layersMustMatchTheWeightsInBothDirections(String key, String value, String found, String tensor)
            throws Exception {
        InputFixtures.editConfig(ckpt, key, value);
        Outcome o = embed();
        assertBadInput(o, key + " is " + value, found, tensor, "same model");
        assertNothingChangedExcept();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "vision_config.hidden_size, 32, vision_model.embeddings.patch_embedding.weight, 'expected [32, 3, 16, 16]'",
        "vision_config.patch_size, 8, vision_model.embeddings.patch_embedding.weight, 'expected [64, 3, 8, 8]'",
        "vision_config.image_size, 32, vision_model.embeddings.position_embedding.weight, 'expected [5, 64]'",
        "vision_config.intermediate_size, 128, vision_model.encoder.layers.0.mlp.fc1.weight, 'expected [128, 64]'",
        "text_config.vocab_size, 1000, text_model.embeddings.token_embedding.weight, 'expected [1000, 64]'",
        "text_config.max_position_embeddings, 64, text_model.embeddings.position_embedding.weight, 'expected [64, 64]'",
        "projection_dim, 16, visual_projection.weight, 'expected [16, 64]'",
    })
    void sizesThatContradictTheTensorsNameKeyAndTensor(String key, String value, String tensor, String expected)
            throws Exception {
        InputFixtures.editConfig(ckpt, key, value);
        Outcome o = embed();
        assertBadInput(o, key, "'" + tensor + "'", expected, ckpt.resolve("config.json").toString());
        assertNothingChangedExcept();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "vision_config.num_attention_heads | 3 | does not divide vision_config.hidden_size 64",
        "vision_config.patch_size | 0 | expected an integer from 1",
        "vision_config.hidden_size | -4 | expected an integer from 1",
        "text_config.hidden_size | \"abc\" | expected an integer",
        "text_config.layer_norm_eps | 0 | expected a number between 0 and 1",
        "vision_config.image_size | [64] | expected a number or [height, width]",
        "text_config.eos_token_id | 5000 | outside the vocabulary [0, 1024)",
        "itkm_scenarios | 0 | expected an integer from 1 to 1000",
    })
    void configValuesThatMakeNoModelNameTheKey(String key, String value, String expected) throws Exception {
        InputFixtures.editConfig(ckpt, key, value);
        Outcome o = embed();
        assertBadInput(o, ckpt.resolve("config.json").toString(), key, expected);
        assertNothingChangedExcept();
    }

    @Test
    void aTowerSettingThatIsNoObjectIsNamed() throws Exception {
        InputFixtures.editConfig(ckpt, "vision_config", "5");
        assertBadInput(embed(), "vision_config is 5", "expected a JSON object");
        assertNothingChangedExcept();
    }

    @Test
    void aTruncatedWeightsFileIsNamed() throws Exception {
        Path f = ckpt.resolve("model.safetensors");
        InputFixtures.truncate(f);
        assertBadInput(embed(), f.toString(), "not a valid safetensors file", "outside the file");
        assertNothingChangedExcept();
    }

    @Test
    void aConfigThatIsNoJsonIsNamed() throws Exception {
        Files.writeString(ckpt.resolve("config.json"), "{\"vision_config\": {");
        assertBadInput(embed(), ckpt.resolve("config.json").toString(), "as JSON");
        assertNothingChangedExcept();
    }
}
