package org.itkm.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.itkm.io.NpyFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every protocol against the independent NumPy reference (full sort per query; scikit-learn AP where
 * no scores tie; Python's and NumPy's own generators for the random galleries), on the fixtures made
 * by {@code lib/src/test/python/make_eval_fixtures.py}.
 */
class GoldenEvaluationTest {
    static Stream<Arguments> cases() throws IOException, URISyntaxException {
        Path root = Path.of(GoldenEvaluationTest.class.getResource("/golden/eval").toURI());
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.sorted().toList()) {
                JsonArray expected = JsonParser.parseString(Files.readString(dir.resolve("expected.json")))
                        .getAsJsonArray();
                for (JsonElement e : expected) {
                    JsonObject o = e.getAsJsonObject();
                    out.add(Arguments.of(dir.getFileName().toString(), o.get("protocol").getAsString(),
                            o.get("trials").isJsonNull() ? null : o.get("trials").getAsInt(), o.get("seed").getAsLong(),
                            o.getAsJsonObject("metrics"), dir));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1} trials={2} seed={3}")
    @MethodSource("cases")
    void matchesNumpyReference(String name, String protocolId, Integer trials, long seed, JsonObject expected,
            Path dir) {
        Protocol protocol = Protocol.fromId(protocolId);
        LabeledFeatures q = load(dir, "query");
        LabeledFeatures g = load(dir, "gallery");
        RankingMetrics m = ReidEvaluator.evaluate(q, g, protocol,
                trials == null ? protocol.defaultTrials() : trials, seed, null);
        String where = name + " " + protocolId + " trials=" + trials;
        assertEquals(expected.get("queries").getAsInt(), m.queries(), where + " queries");
        assertEquals(expected.get("skipped").getAsInt(), m.skipped(), where + " skipped");
        double tol = 1e-9;
        assertEquals(expected.get("rank1").getAsDouble(), m.rank1(), tol, where + " rank1");
        assertEquals(expected.get("rank5").getAsDouble(), m.rank5(), tol, where + " rank5");
        assertEquals(expected.get("rank10").getAsDouble(), m.rank10(), tol, where + " rank10");
        assertEquals(expected.get("rank20").getAsDouble(), m.rank20(), tol, where + " rank20");
        assertEquals(expected.get("mAP").getAsDouble(), m.mAP(), tol, where + " mAP");
        assertEquals(expected.get("mINP").getAsDouble(), m.mINP(), tol, where + " mINP");
    }

    static LabeledFeatures load(Path dir, String split) {
        Path npy = dir.resolve(split + ".npy");
        Path csv = dir.resolve(split + ".csv");
        return new LabeledFeatures(NpyFile.readFloat32Matrix(npy), ImageLabels.readCsv(csv), npy.toString(),
                csv.toString());
    }
}
