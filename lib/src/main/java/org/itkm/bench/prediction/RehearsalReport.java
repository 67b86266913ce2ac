package org.itkm.bench.prediction;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.itkm.config.RunConfig;
import org.itkm.report.ResultTable;
import org.itkm.run.MetricsLog;

/**
 * The report of a rehearsal run ({@code itkm rehearse}): from its manifest and
 * metrics, where the time went per stage and epoch (feature extraction, clustering, matching, steps,
 * evaluation), memory after every epoch and its peak, the sizes the stages worked at (images and
 * clusters per homogeneous group, CHM's Hungarian problems), the micro-batch choices, the evaluation
 * under every protocol with its query counts, and what the capped epochs and steps imply for the whole
 * schedule on the same machine. Other finished runs of the same setting (e.g. one killed and resumed)
 * are compared result by result.
 */
public final class RehearsalReport {
    private static final Gson GSON = new Gson();
    private static final List<String> PHASES = List.of("extract_seconds", "cluster_seconds", "prepare_seconds",
            "steps_seconds", "eval_seconds", "seconds");

    private RehearsalReport() {}

    /**
     * The run a report is about: the newest of {@code finished} (oldest first) that was never interrupted,
     * whose times per stage are whole, else {@code latest}. A killed and resumed run is compared with it.
     */
    public static Path reported(List<Path> finished, Path latest) throws IOException {
        Path chosen = latest;
        for (Path p : finished) {
            JsonObject m = GSON.fromJson(Files.readString(p.resolve("manifest.json")), JsonObject.class);
            if (!m.has("resumed")) {
                chosen = p;
            }
        }
        return chosen;
    }

    /**
     * The report in Markdown.
     *
     * @param run the run directory reported on
     * @param others other finished runs of the same setting, compared with it
     */
    public static String of(Path run, List<Path> others) throws IOException {
        JsonObject manifest = GSON.fromJson(Files.readString(run.resolve("manifest.json")), JsonObject.class);
        RunConfig c = RunConfig.loadFile(run.resolve("config.yaml")).config();
        List<Map<String, String>> rows = new MetricsLog(run.resolve("metrics.csv")).rows();
        StringBuilder md = new StringBuilder();
        md.append("# Rehearsal of the paper profile: ").append(run.getFileName()).append("\n\n");
        md.append(String.format(Locale.ROOT, "Run `%s`, commit %s, %s, %s, %d CPU cores. Encoder: %s at %dx%d."
                + " Capped at %d epochs per stage and %d steps per epoch of the configured schedules (stage I %d"
                + " epochs, II %d, III %d; %d steps of P %d x K %d per group).%n%n",
                manifest.get("runId").getAsString(), manifest.get("gitCommit").getAsString(),
                manifest.get("engine").getAsString(), manifest.get("device").getAsString(),
                manifest.get("cpuCores").getAsInt(), c.model().checkpoint(), c.data().height(), c.data().width(),
                c.caps().epochsPerStage(), c.caps().stepsPerEpoch(), c.stage1().epochs(), c.stage2().epochs(),
                c.stage3().epochs(), c.sampler().iterationsPerEpoch(), c.sampler().identitiesPerGroup(),
                c.sampler().instancesPerIdentity()));
        md.append("## Time per stage\n\n").append(stageTimes(manifest, rows, c).toMarkdown()).append('\n');
        md.append("## Each epoch: time (s), memory (MiB), clusters per group\n\n").append(epochTable(rows).toMarkdown())
                .append('\n');
        ResultTable matching = matchingTable(rows);
        if (matching.rowCount() > 0) {
            md.append("## Stage III matching: CHM's Hungarian problems (clusters of group A x group B) and IHM\n\n")
                    .append(matching.toMarkdown()).append('\n');
        }
        md.append("## Memory\n\n").append(memory(manifest, rows)).append('\n');
        md.append("## Micro-batches\n\n");
        for (Map.Entry<String, JsonElement> e : manifest.entrySet()) {
            if (e.getKey().startsWith("microBatch-")) {
                md.append("* ").append(e.getValue().getAsString()).append('\n');
            }
        }
        md.append("\n## Evaluation after training, every protocol\n\n").append(results(manifest).toMarkdown())
                .append('\n');
        if (!others.isEmpty()) {
            md.append("## Other runs of the same setting\n\n").append(comparison(run, others)).append('\n');
        }
        return md.toString();
    }

    private static ResultTable stageTimes(JsonObject manifest, List<Map<String, String>> rows, RunConfig c) {
        ResultTable t = new ResultTable("stage", "epochs run", "of", "seconds", "mean s / epoch", "steps / epoch",
                "mean s / step", "this machine, whole schedule (h)");
        JsonObject stages = manifest.getAsJsonObject("stages");
        for (Map.Entry<String, JsonElement> e : stages.entrySet()) {
            String stage = e.getKey();
            JsonObject s = e.getValue().getAsJsonObject();
            List<Map<String, String>> mine = rows.stream().filter(r -> stage.equals(r.get("stage"))).toList();
            int epochs = s.get("epochs").getAsInt();
            double seconds = s.get("seconds").getAsDouble();
            RunConfig.Stage sched = c.schedule(stage) != null ? c.schedule(stage)
                    : new RunConfig.Stage(c.stage1().epochs() + c.stage3().epochs(), 1, 0, List.of(), 1, 0, 1);
            double steps = mean(mine, "steps");
            double stepSeconds = mean(mine, "steps_seconds") / Math.max(1, steps);
            double epochSeconds = seconds / Math.max(1, epochs);
            // the whole schedule here: every epoch's non-step work, and the uncapped number of steps
            int fullSteps = stage.equals("stage2") ? (int) steps : c.sampler().iterationsPerEpoch();
            double perEpochFull = Double.isNaN(stepSeconds) ? epochSeconds
                    : epochSeconds - mean(mine, "steps_seconds") + stepSeconds * fullSteps;
            t.addRow(stage, String.valueOf(epochs), String.valueOf(sched.epochs()), f1(seconds), f1(epochSeconds),
                    f1(steps), f2(stepSeconds), f1(perEpochFull * sched.epochs() / 3600));
        }
        return t;
    }

    private static ResultTable epochTable(List<Map<String, String>> rows) {
        Set<String> groups = new LinkedHashSet<>();
        for (Map<String, String> r : rows) {
            r.keySet().stream().filter(k -> k.endsWith("_clusters")).forEach(k -> groups.add(k.replace("_clusters", "")));
        }
        List<String> cols = new ArrayList<>(List.of("stage", "epoch", "extract", "cluster", "match", "steps", "eval",
                "epoch s", "RSS step 1", "RSS last step", "RSS", "peak RSS"));
        groups.forEach(g -> cols.add(g + " clusters"));
        ResultTable t = new ResultTable(cols.toArray(String[]::new));
        for (Map<String, String> r : rows) {
            List<String> cells = new ArrayList<>(List.of(r.get("stage"), r.get("epoch")));
            for (String p : PHASES) {
                cells.add(r.containsKey(p) ? f1(Double.parseDouble(r.get(p))) : "");
            }
            cells.add(r.getOrDefault("rss_step1_mib", ""));
            cells.add(r.getOrDefault("rss_steps_mib", ""));
            cells.add(r.getOrDefault("rss_mib", ""));
            cells.add(r.getOrDefault("peak_rss_mib", ""));
            for (String g : groups) {
                String n = r.get(g + "_clusters");
                cells.add(n == null ? "" : n + " (" + r.getOrDefault(g + "_noise", "?") + " noise)");
            }
            t.addRow(cells.toArray(String[]::new));
        }
        return t;
    }

    private static ResultTable matchingTable(List<Map<String, String>> rows) {
        ResultTable t = new ResultTable("epoch", "scenario", "problem", "pairs", "agreed", "kept",
                "matched precision", "IHM positives per image");
        for (Map<String, String> r : rows) {
            for (String scenario : List.of("VI", "CC", "CR")) {
                if (!r.containsKey(scenario + "_chm_pairs")) {
                    continue;
                }
                t.addRow(r.get("epoch"), scenario, r.getOrDefault(scenario + "-A_clusters", "?") + " x "
                        + r.getOrDefault(scenario + "-B_clusters", "?"), r.get(scenario + "_chm_pairs"),
                        r.getOrDefault(scenario + "_chm_agreed", ""), r.getOrDefault(scenario + "_chm_kept", ""),
                        f2(num(r, scenario + "_matched_precision")), f2(num(r, scenario + "_instance_positives")));
            }
        }
        return t;
    }

    private static String memory(JsonObject manifest, List<Map<String, String>> rows) {
        double peak = rows.stream().mapToDouble(r -> num(r, "peak_rss_mib")).filter(x -> !Double.isNaN(x)).max()
                .orElse(Double.NaN);
        Map<String, double[]> byStage = new LinkedHashMap<>();
        Map<String, double[]> bySteps = new LinkedHashMap<>(); // RSS after the first step, after the last, steps
        for (Map<String, String> r : rows) {
            double rss = num(r, "rss_mib");
            if (!Double.isNaN(rss)) {
                double[] first = byStage.computeIfAbsent(r.get("stage"), k -> new double[] {rss, rss});
                first[1] = rss;
            }
            double step1 = num(r, "rss_step1_mib");
            double last = num(r, "rss_steps_mib");
            if (!Double.isNaN(step1) && step1 >= 0 && !Double.isNaN(last)) {
                double[] v = bySteps.computeIfAbsent(r.get("stage"), k -> new double[] {step1, last, 0});
                v[1] = last;
                v[2] += num(r, "steps");
            }
        }
        Map<String, List<Integer>> arrays = new LinkedHashMap<>();
        if (manifest.has("rssPerEpoch")) {
            for (JsonElement e : manifest.getAsJsonArray("rssPerEpoch")) {
                JsonObject o = e.getAsJsonObject();
                if (o.has("liveArrays")) {
                    arrays.computeIfAbsent(o.get("stage").getAsString(), k -> new ArrayList<>())
                            .add(o.get("liveArrays").getAsInt());
                }
            }
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "Peak resident memory of the process over the run: **%,.0f MiB** (%.1f GiB).%n", peak, peak / 1024));
        if (manifest.has("jvmOptions")) {
            List<String> opts = new ArrayList<>();
            manifest.getAsJsonArray("jvmOptions").forEach(o -> opts.add(o.getAsString()));
            boolean fixedHeap = opts.stream().anyMatch(o -> o.startsWith("-Xms")) && opts.contains("-XX:+AlwaysPreTouch");
            sb.append(String.format(Locale.ROOT, "JVM options %s, Java heap at most %,d MiB: %s%n%n",
                    opts.isEmpty() ? "(none)" : "`" + String.join(" ", opts) + "`", manifest.get("maxHeapMiB").getAsLong(),
                    fixedHeap ? "the heap is resident from the start, so RSS changes are native memory."
                            : "RSS includes the Java heap, which the JVM grows as it needs; changes mix heap and native"
                                    + " memory."));
        }
        byStage.forEach((stage, v) -> {
            sb.append(String.format(Locale.ROOT, "* %s: RSS after its first epoch %,.0f MiB, after its last %,.0f MiB"
                    + " (%+,.0f)", stage, v[0], v[1], v[1] - v[0]));
            double[] st = bySteps.get(stage);
            if (st != null) {
                sb.append(String.format(Locale.ROOT, "; after its first training step %,.0f MiB, after its last"
                        + " (step %,.0f) %,.0f MiB (%+,.0f)", st[0], st[2], st[1], st[1] - st[0]));
            }
            if (arrays.containsKey(stage)) {
                sb.append("; native arrays held after each epoch ").append(arrays.get(stage));
            }
            sb.append('\n');
        });
        return sb.toString();
    }

    private static ResultTable results(JsonObject manifest) {
        ResultTable t = new ResultTable("data set", "protocol", "queries", "R1", "R5", "mAP", "mINP");
        JsonObject res = manifest.getAsJsonObject("results");
        if (res == null) {
            return t;
        }
        for (Map.Entry<String, JsonElement> d : res.entrySet()) {
            for (Map.Entry<String, JsonElement> p : d.getValue().getAsJsonObject().entrySet()) {
                JsonObject m = p.getValue().getAsJsonObject();
                t.addRow(d.getKey(), p.getKey(), String.valueOf(m.get("queries").getAsInt()),
                        f1(m.get("rank1").getAsDouble()), f1(m.get("rank5").getAsDouble()),
                        f1(m.get("mAP").getAsDouble()), f1(m.get("mINP").getAsDouble()));
            }
        }
        return t;
    }

    private static String comparison(Path run, List<Path> others) throws IOException {
        String mine = Files.readString(run.resolve("results.json"));
        StringBuilder sb = new StringBuilder();
        for (Path o : others) {
            JsonObject m = GSON.fromJson(Files.readString(o.resolve("manifest.json")), JsonObject.class);
            String resumed = m.has("resumed") ? "resumed " + m.getAsJsonArray("resumed").size() + " time(s)"
                    : "never interrupted";
            boolean same = Files.exists(o.resolve("results.json")) && Files.readString(o.resolve("results.json"))
                    .equals(mine);
            sb.append(String.format(Locale.ROOT, "* `%s` (%s): results.json %s this run's%n", o.getFileName(), resumed,
                    same ? "identical to" : "differs from"));
        }
        return sb.toString();
    }

    private static double mean(List<Map<String, String>> rows, String key) {
        return rows.stream().mapToDouble(r -> num(r, key)).filter(x -> !Double.isNaN(x)).average().orElse(Double.NaN);
    }

    private static double num(Map<String, String> r, String key) {
        String v = r.get(key);
        return v == null || v.isEmpty() ? Double.NaN : Double.parseDouble(v);
    }

    private static String f1(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.2f", v);
    }
}
