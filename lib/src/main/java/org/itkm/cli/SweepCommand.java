package org.itkm.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.itkm.eval.Protocol;
import org.itkm.eval.RankingMetrics;
import org.itkm.io.AtomicFiles;
import org.itkm.io.InvalidInputException;
import org.itkm.io.ResultsFolderLock;
import org.itkm.report.ResultTable;
import org.itkm.run.MetricsLog;
import org.itkm.train.RunCatalog;
import org.itkm.train.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code itkm sweep}: trains every combination of a grid of settings and scores each on the
 * <em>validation</em> identities ({@code eval.split=val}), never on test ones, so that a profile's values
 * can be chosen honestly; writes one table row per combination.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train every combination of --grid values (with the KEY=VALUE settings common to",
            "all) and score each on the validation identities (eval.split=val: SYSU-MM01's",
            "val split, a held-out part of LTCC's and MLR-CUHK03's training identities;",
            "never the test ones). Writes results/<profile>/sweeps/NAME.{md,csv}: the",
            "untrained encoder's scores first, then per setting Rank-1 and mAP of every",
            "protocol, the last epoch's pseudo-label F-score and the training minutes.", "Finished runs are reused."},
        footer = {"", "One process writes results/<profile> at a time: while another train,",
            "reproduce, rehearse, sweep or notebook holds it, sweep is refused, naming",
            "that process (a killed process holds nothing).", "", "Example:", "  ./itkm sweep --profile quick --name cc-vi-lr --grid stage1.lr=3.5e-5,3.5e-4 \\",
            "      training.method=cluster-contrast training.mode=S training.scenario=VI"})
final class SweepCommand implements Callable<Integer> {
    /** The key and value that score runs on validation identities. */
    static final String VALIDATION = "eval.split=val";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--profile", defaultValue = "quick", description = "smoke, quick, rehearsal or paper (${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR", description = "Results root: a folder,"
            + " created if missing; relative to the current folder (default: ${DEFAULT-VALUE})")
    Path results;

    @Option(names = "--name", required = true, description = "The sweep's name: letters, digits, '-' (file names)")
    String name;

    @Option(names = "--grid", required = true, paramLabel = "KEY=V1,V2,...",
            description = "A setting and its values (repeatable: every combination runs); keys set together:"
                    + " KEY1:KEY2=A1:B1,A2:B2")
    List<String> grid = new ArrayList<>();

    @Parameters(paramLabel = "KEY=VALUE", arity = "0..*", description = "Settings common to every run")
    List<String> common = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
            throw new InvalidInputException("--name '" + name + "': expected letters, digits and '-'");
        }
        org.itkm.io.OutputFolder.checkWritableFolder(results, "--results", "results");
        PrintWriter out = spec.commandLine().getOut();
        List<List<String>> combinations = combinations(grid);
        List<String> base = new ArrayList<>(common);
        base.add(VALIDATION);
        Workspace ws = SettingFlags.load(spec, () -> new Workspace(results, profile, base));
        ws.checkBeforeStart();
        try (ResultsFolderLock lock = ResultsFolderLock.acquire(results.resolve(profile), Invocation.of(spec))) {
            sweep(ws, combinations, out);
        }
        return 0;
    }

    /** Trains (or reuses) every combination, then writes the table. */
    private void sweep(Workspace ws, List<List<String>> combinations, PrintWriter out) throws java.io.IOException {
        ws.ensureData(out);
        ws.ensureClip(out);
        RunCatalog runs = ws.runs(false);
        for (List<String> setting : combinations) { // every setting resolves before anything trains
            runs.configOf(setting);
        }
        // the reference every setting must improve on: the untrained encoder on the same validation identities
        Map<String, String> reference = metricsRow("pre-trained encoder, no training", runs.pretrained());
        reference.put("pseudo-label F", "-");
        reference.put("minutes", "0.0");
        reference.put("run", "-");
        ResultTable table = new ResultTable(reference.keySet().toArray(String[]::new));
        table.addRow(reference.values().toArray(String[]::new));
        for (int i = 0; i < combinations.size(); i++) {
            List<String> setting = combinations.get(i);
            out.printf(Locale.ROOT, "sweep %s: %d/%d %s%n", name, i + 1, combinations.size(), String.join(" ", setting));
            out.flush();
            RunCatalog.Finished f = runs.obtain(setting, name + "-" + (i + 1), out);
            table.addRow(row(setting, f).values().toArray(String[]::new));
        }
        Path dir = results.resolve(profile).resolve("sweeps");
        Files.createDirectories(dir);
        String title = "**Sweep " + name + "** (" + profile + " profile, validation identities; common settings: "
                + (common.isEmpty() ? "none" : String.join(" ", common)) + ")\n\n";
        AtomicFiles.writeString(dir.resolve(name + ".md"), title + table.toMarkdown());
        AtomicFiles.writeString(dir.resolve(name + ".csv"), table.toCsv());
        out.println();
        out.print(table.toMarkdown());
        out.println("wrote " + dir.resolve(name + ".{md,csv}"));
    }

    /**
     * Every combination of the grid's values, the first key varying slowest. A grid entry may set keys
     * together: {@code a:b=1:2,3:4} gives {@code a=1 b=2} and {@code a=3 b=4}.
     */
    static List<List<String>> combinations(List<String> grid) {
        List<List<String>> out = new ArrayList<>(List.of(List.of()));
        for (String g : grid) {
            int eq = g.indexOf('=');
            if (eq <= 0 || eq == g.length() - 1) {
                throw new InvalidInputException("--grid '" + g + "': expected KEY=V1,V2,... (e.g. stage1.lr=3.5e-5,3.5e-4)"
                        + " or KEY1:KEY2=A1:B1,A2:B2");
            }
            String[] keys = g.substring(0, eq).split(":");
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : out) {
                for (String v : g.substring(eq + 1).split(",")) {
                    String[] values = v.trim().split(":");
                    if (values.length != keys.length) {
                        throw new InvalidInputException("--grid '" + g + "': value '" + v.trim() + "' has "
                                + values.length + " parts for " + keys.length + " keys; expected KEY=V1,V2,... or"
                                + " KEY1:KEY2=A1:B1,A2:B2");
                    }
                    List<String> s = new ArrayList<>(prefix);
                    for (int k = 0; k < keys.length; k++) {
                        s.add(keys[k] + "=" + values[k]);
                    }
                    next.add(s);
                }
            }
            out = next;
        }
        return out;
    }

    /** The table row of one run: its setting, R1 and mAP per protocol, pseudo-label F, minutes. */
    private static Map<String, String> row(List<String> setting, RunCatalog.Finished f) throws java.io.IOException {
        Map<String, String> row = metricsRow(String.join(" ", setting), f.metrics());
        List<Map<String, String>> log = new MetricsLog(f.dir().resolve("metrics.csv")).rows();
        double seconds = 0;
        double fSum = 0;
        int fCount = 0;
        for (Map<String, String> r : log) {
            seconds += number(r.get("seconds")) + number(r.get("eval_seconds"));
        }
        if (!log.isEmpty()) {
            for (Map.Entry<String, String> e : log.get(log.size() - 1).entrySet()) {
                if (e.getKey().endsWith("_fscore") && !e.getValue().isEmpty()) {
                    fSum += Double.parseDouble(e.getValue());
                    fCount++;
                }
            }
        }
        row.put("pseudo-label F", fCount == 0 ? "-" : String.format(Locale.ROOT, "%.2f", fSum / fCount));
        row.put("minutes", String.format(Locale.ROOT, "%.1f", seconds / 60));
        row.put("run", f.dir().getFileName().toString());
        return row;
    }

    /** The setting's name, then Rank-1 and mAP of every protocol of every data set. */
    private static Map<String, String> metricsRow(String setting, Map<String, Map<Protocol, RankingMetrics>> metrics) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("setting", setting);
        metrics.values().forEach(m -> m.forEach((Protocol p, RankingMetrics r) -> {
            row.put(p.id() + " R1", String.format(Locale.ROOT, "%.1f", r.rank1()));
            row.put(p.id() + " mAP", String.format(Locale.ROOT, "%.1f", r.mAP()));
        }));
        return row;
    }

    private static double number(String s) {
        return s == null || s.isEmpty() ? 0 : Double.parseDouble(s);
    }
}
