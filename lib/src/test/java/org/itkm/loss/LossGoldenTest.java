package org.itkm.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.itkm.runtime.EngineRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Loss values and gradients against PyTorch autograd (lib/src/test/python/make_loss_fixtures.py). */
class LossGoldenTest {
    static JsonObject golden;

    @BeforeAll
    static void load() throws IOException {
        EngineRuntime.engine();
        try (InputStream in = LossGoldenTest.class.getResourceAsStream("/golden/loss/losses.json")) {
            golden = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    @Test
    void clusterContrastWithNoiseRowSkipped() {
        JsonObject c = golden.getAsJsonObject("clusterContrast");
        check(c, "features", m -> {
            NDArray memory = matrix(m, c, "memory");
            int[] labels = ints(c, "labels");
            return f -> new MemoryContrastLoss(c.get("tau").getAsDouble()).compute(f, memory,
                    Positives.oneHot(m, labels, (int) memory.getShape().get(0)));
        });
    }

    @Test
    void instanceContrastWithMultiplePositives() {
        JsonObject c = golden.getAsJsonObject("instanceContrast");
        check(c, "features", m -> {
            NDArray memory = matrix(m, c, "memory");
            NDArray positives = matrix(m, c, "positives");
            return f -> new MemoryContrastLoss(c.get("tau").getAsDouble()).compute(f, memory, positives);
        });
    }

    @Test
    void imageTextSupCon() {
        JsonObject c = golden.getAsJsonObject("supcon");
        check(c, "text", m -> {
            NDArray image = matrix(m, c, "image");
            int[] labels = ints(c, "labels");
            return t -> new ImageTextSupConLoss(c.get("temperature").getAsDouble(), false).compute(image, t,
                    Positives.sameLabel(m, labels, labels));
        });
    }

    @Test
    void scenarioSeparation() {
        JsonObject c = golden.getAsJsonObject("separation");
        check(c, "text", m -> t -> new ScenarioSeparationLoss(c.get("margin").getAsDouble()).compute(t,
                ints(c, "scenario")));
    }

    @Test
    void textGuidedContrast() {
        JsonObject c = golden.getAsJsonObject("textGuided");
        check(c, "features", m -> {
            NDArray u = matrix(m, c, "instanceText");
            NDArray clusters = matrix(m, c, "clusterText");
            int[] labels = ints(c, "labels");
            return f -> new TextGuidedContrastLoss(c.get("tau").getAsDouble()).compute(f, u, clusters,
                    Positives.oneHot(m, labels, (int) clusters.getShape().get(0)));
        });
    }

    @Test
    void singleScenarioBatchHasNoSeparationLoss() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray t = m.randomNormal(new Shape(4, 3));
            assertEquals(0f, new ScenarioSeparationLoss(0.1).compute(t, new int[] {2, 2, 2, 2}).getFloat(), 0f);
        }
    }

    private void check(JsonObject c, String input, Function<NDManager, Function<NDArray, NDArray>> lossOf) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = matrix(m, c, input);
            x.setRequiresGradient(true);
            Function<NDArray, NDArray> loss = lossOf.apply(m);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.apply(x);
                assertEquals(c.get("loss").getAsDouble(), l.getFloat(), 1e-4 * Math.max(1, c.get("loss").getAsDouble()));
                gc.backward(l);
            }
            float[] grad = x.getGradient().toFloatArray();
            JsonArray expected = c.getAsJsonArray("grad");
            int cols = expected.get(0).getAsJsonArray().size();
            for (int i = 0; i < grad.length; i++) {
                double e = expected.get(i / cols).getAsJsonArray().get(i % cols).getAsDouble();
                assertEquals(e, grad[i], 1e-4 * Math.max(1, Math.abs(e)), "gradient " + i);
            }
        }
    }

    static NDArray matrix(NDManager m, JsonObject c, String key) {
        JsonArray rows = c.getAsJsonArray(key);
        int cols = rows.get(0).getAsJsonArray().size();
        float[] v = new float[rows.size() * cols];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < cols; j++) {
                v[i * cols + j] = rows.get(i).getAsJsonArray().get(j).getAsFloat();
            }
        }
        return m.create(v, new Shape(rows.size(), cols));
    }

    static int[] ints(JsonObject c, String key) {
        JsonArray a = c.getAsJsonArray(key);
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsInt();
        }
        return v;
    }
}
