package org.itkm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trajectory of torch.optim.Adam (make_optimizer_fixtures.py), and save/restore mid-way. */
class AdamOptimizerTest {
    @TempDir
    Path dir;

    @Test
    void followsTorchAdamAndResumesExactly() throws IOException {
        JsonObject g;
        try (InputStream in = getClass().getResourceAsStream("/golden/optimizer/adam.json")) {
            g = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        }
        JsonArray lrs = g.getAsJsonArray("lrs");
        float[] straight;
        float[] resumed;
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> p = params(m, g);
            try (AdamOptimizer adam = new AdamOptimizer(m, g.get("weightDecay").getAsDouble())) {
                for (int s = 0; s < lrs.size(); s++) {
                    step(m, g, p, adam, lrs.get(s).getAsDouble());
                }
            }
            straight = p.get("w").toFloatArray();
            assertClose(flat(g.getAsJsonArray("w")), straight);
            assertClose(flat(g.getAsJsonArray("b")), p.get("b").toFloatArray());
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> p = params(m, g);
            Path state = dir.resolve("adam.state");
            try (AdamOptimizer adam = new AdamOptimizer(m, g.get("weightDecay").getAsDouble())) {
                for (int s = 0; s < 3; s++) {
                    step(m, g, p, adam, lrs.get(s).getAsDouble());
                }
                adam.save(state);
            }
            try (AdamOptimizer adam = new AdamOptimizer(m, g.get("weightDecay").getAsDouble())) {
                adam.load(state);
                for (int s = 3; s < lrs.size(); s++) {
                    step(m, g, p, adam, lrs.get(s).getAsDouble());
                }
            }
            resumed = p.get("w").toFloatArray();
        }
        assertArrayEquals(straight, resumed);
    }

    @Test
    void anOptimiserThatMadeNoStepSavesAStateThatLoads() throws IOException {
        JsonObject g;
        try (InputStream in = getClass().getResourceAsStream("/golden/optimizer/adam.json")) {
            g = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        }
        Path state = dir.resolve("adam.state");
        try (NDManager m = NDManager.newBaseManager()) {
            try (AdamOptimizer adam = new AdamOptimizer(m, 0)) { // an epoch without a batch: no step
                adam.save(state);
            }
            assertEquals(4, java.nio.file.Files.size(state), "an empty index and nothing else");
            Map<String, NDArray> p = params(m, g);
            float[] straight;
            try (AdamOptimizer adam = new AdamOptimizer(m, g.get("weightDecay").getAsDouble())) {
                adam.load(state);
                assertEquals(0, adam.parametersWithMoments());
                step(m, g, p, adam, 0.01); // and it steps from there as a fresh one does
                straight = p.get("w").toFloatArray();
            }
            // the 8 bytes earlier kits wrote for it (an empty NDList's encoding after the empty index) load too
            java.nio.file.Files.write(state, new byte[] {0, 0, 0, 0, 0, 0, 0, 0});
            try (AdamOptimizer adam = new AdamOptimizer(m, 0)) {
                adam.load(state);
                assertEquals(0, adam.parametersWithMoments());
            }
            Map<String, NDArray> q = params(m, g);
            try (AdamOptimizer adam = new AdamOptimizer(m, g.get("weightDecay").getAsDouble())) {
                step(m, g, q, adam, 0.01);
            }
            assertArrayEquals(straight, q.get("w").toFloatArray());
        }
    }

    @Test
    void aStateShorterThanItsIndexIsAnIoErrorNamingTheFile() throws IOException {
        Path state = dir.resolve("adam.state");
        java.nio.file.Files.write(state, new byte[] {0, 0, 1, 0, 'x'});
        try (NDManager m = NDManager.newBaseManager(); AdamOptimizer adam = new AdamOptimizer(m, 0)) {
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> adam.load(state));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(state.toString()), e.getMessage());
        }
    }

    private static void step(NDManager m, JsonObject g, Map<String, NDArray> p, AdamOptimizer adam, double lr) {
        try (NDManager step = m.newSubManager()) {
            NDArray x = matrix(step, g.getAsJsonArray("x"));
            NDArray target = matrix(step, g.getAsJsonArray("target"));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = x.matMul(p.get("w")).add(p.get("b")).sub(target).square().mean();
                gc.backward(loss);
            }
            adam.step(p, lr);
        }
    }

    private static Map<String, NDArray> params(NDManager m, JsonObject g) {
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put("w", matrix(m, g.getAsJsonObject("start").getAsJsonArray("w")));
        float[] b = flat(g.getAsJsonObject("start").getAsJsonArray("b"));
        p.put("b", m.create(b));
        p.values().forEach(a -> a.setRequiresGradient(true));
        return p;
    }

    private static NDArray matrix(NDManager m, JsonArray rows) {
        int cols = rows.get(0).getAsJsonArray().size();
        return m.create(flat(rows), new Shape(rows.size(), cols));
    }

    private static float[] flat(JsonArray a) {
        java.util.List<Float> out = new java.util.ArrayList<>();
        for (var e : a) {
            if (e.isJsonArray()) {
                for (var x : e.getAsJsonArray()) {
                    out.add(x.getAsFloat());
                }
            } else {
                out.add(e.getAsFloat());
            }
        }
        float[] v = new float[out.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = out.get(i);
        }
        return v;
    }

    private static void assertClose(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5, "element " + i);
        }
    }
}
