package org.itkm.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.itkm.io.TreeFingerprint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecordsTest {
    @TempDir
    Path dir;

    @Test
    void metricsLogGrowsColumnsAndSurvivesReopen() throws IOException {
        Path f = dir.resolve("metrics.csv");
        MetricsLog log = new MetricsLog(f);
        log.append(Map.of("stage", "stage1", "epoch", 0));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("stage", "stage1");
        row.put("epoch", 1);
        row.put("loss", 2.0 / 3);
        row.put("rank1", Double.NaN);
        log.append(row);
        List<String> lines = Files.readAllLines(f);
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).startsWith("stage,epoch") || lines.get(0).startsWith("epoch,stage"), lines.get(0));
        assertTrue(lines.get(2).contains("0.666667"), lines.get(2));
        assertTrue(lines.get(2).contains("nan"), lines.get(2));
        MetricsLog again = new MetricsLog(f);
        assertEquals(2, again.rows().size());
        again.retain(r -> r.get("epoch").equals("0"));
        again.append(Map.of("stage", "stage1", "epoch", 1, "loss", 0.5));
        assertEquals("0.5", again.rows().get(1).get("loss"));
        assertEquals(3, Files.readAllLines(f).size());
    }

    @Test
    void manifestRecordsEnvironmentStagesAndStatus() throws IOException {
        Path f = dir.resolve("manifest.json");
        RunManifest m = RunManifest.start(f, "r1", List.of("train", "--profile", "smoke"), Map.of("seed", 3), 3,
                dir);
        m.recordEpoch("stage1", 0, 1.5, 10);
        m.recordEpoch("stage1", 1, 2.0, 10);
        m.finish("finished", null);
        JsonObject j = JsonParser.parseString(Files.readString(f)).getAsJsonObject();
        assertEquals("finished", j.get("status").getAsString());
        assertEquals(3.5, j.getAsJsonObject("stages").getAsJsonObject("stage1").get("seconds").getAsDouble(), 1e-9);
        assertEquals(2, j.getAsJsonArray("rssPerEpoch").size());
        assertTrue(j.get("engine").getAsString().startsWith("PyTorch 2.5.1"));
        RunManifest again = RunManifest.reopen(f);
        assertEquals("running", again.toJson().get("status").getAsString());
        assertEquals(1, again.toJson().getAsJsonArray("resumed").size());
    }

    @Test
    void fingerprintSeesRenamesAndContentOfSmallFiles() throws IOException {
        Files.createDirectories(dir.resolve("d/a"));
        Files.writeString(dir.resolve("d/a/x.txt"), "1,2,3");
        Files.write(dir.resolve("d/a/img.png"), new byte[100]);
        String a = TreeFingerprint.of(dir.resolve("d"));
        assertEquals(a, TreeFingerprint.of(dir.resolve("d")));
        Files.writeString(dir.resolve("d/a/x.txt"), "1,2,4");
        String b = TreeFingerprint.of(dir.resolve("d"));
        assertNotEquals(a, b);
        Files.move(dir.resolve("d/a/img.png"), dir.resolve("d/a/img2.png"));
        assertNotEquals(b, TreeFingerprint.of(dir.resolve("d")));
        assertTrue(b.endsWith("(2 files)"));
    }
}
