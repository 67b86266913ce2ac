package org.itkm.run;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.itkm.eval.Protocol;
import org.itkm.eval.RankingMetrics;
import org.itkm.io.AtomicFiles;

/** A finished run's evaluation, {@code results.json} in its directory: data set → protocol → metrics. */
public final class RunResults {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .create();
    public static final String FILE = "results.json";

    private RunResults() {}

    public static void write(Path runDir, Map<String, Map<Protocol, RankingMetrics>> metrics) throws IOException {
        Map<String, Map<String, RankingMetrics>> out = new LinkedHashMap<>();
        metrics.forEach((d, m) -> {
            Map<String, RankingMetrics> per = new LinkedHashMap<>();
            m.forEach((p, r) -> per.put(p.id(), r));
            out.put(d, per);
        });
        AtomicFiles.writeString(runDir.resolve(FILE), GSON.toJson(out) + "\n");
    }

    /** The results of a finished run, or null when it has none (not finished). */
    public static Map<String, Map<Protocol, RankingMetrics>> read(Path runDir) throws IOException {
        Path f = runDir.resolve(FILE);
        if (!Files.exists(f)) {
            return null;
        }
        Map<String, Map<String, RankingMetrics>> in = GSON.fromJson(Files.readString(f),
                new TypeToken<Map<String, Map<String, RankingMetrics>>>() {}.getType());
        Map<String, Map<Protocol, RankingMetrics>> out = new LinkedHashMap<>();
        in.forEach((d, m) -> {
            Map<Protocol, RankingMetrics> per = new LinkedHashMap<>();
            m.forEach((p, r) -> per.put(Protocol.fromId(p), r));
            out.put(d, per);
        });
        return out;
    }
}
