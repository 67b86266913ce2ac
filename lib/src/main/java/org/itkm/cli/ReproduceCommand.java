package org.itkm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.itkm.config.RunConfig;
import org.itkm.eval.Protocol;
import org.itkm.eval.RankingMetrics;
import org.itkm.report.PaperTable;
import org.itkm.report.TableCaption;
import org.itkm.train.RunCatalog;
import org.itkm.train.Table1Runs;
import org.itkm.train.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code itkm reproduce}: the paper's Table 1 for a profile, end to end: SynthUMS (if absent); from the
 * shipped pocket CLIP (or the configured checkpoint) the supervised upper bound, the cluster-contrast
 * baseline and ITKM(S) per scenario, ITKM(M) jointly ({@link Table1Runs}); every protocol; and {@code results/<profile>/tables/table1.{csv,md}} with the paper's rows beside.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reproduce Table 1 for a profile: generate SynthUMS when absent; from the shipped pocket CLIP",
            "(models/pocket-clip) train the supervised upper bound (true identities), the cluster-contrast",
            "baseline and ITKM(S) on each scenario and ITKM(M) on all jointly,",
            "evaluate every protocol and write results/<profile>/tables/table1.{csv,md} (the paper's rows beside,",
            "labelled \"as reported\"). Runs finished in this checkout are reused and interrupted ones resumed,",
            "so the command can be re-run after a crash or kill (run records committed to git, which have no",
            "checkpoints, are never reused); --fresh starts new runs."},
        footer = {"", "With --profile rehearsal it trains ITKM(M) only, at the real data sets' sizes with the paper's",
            "settings and capped epochs and steps, and writes results/rehearsal/report.md (time per stage and",
            "epoch, memory, cluster and problem sizes, every protocol) instead of Table 1.",
            "", "Ctrl-C or SIGTERM marks the run in progress \"interrupted\" in its manifest.json",
            "and prints the reproduce command that continues it; a run that fails records",
            "\"failed\" and the same command (one that fails before its first checkpoint",
            "is removed, saying so).",
            "", "Examples:", "  ./itkm reproduce --profile quick", "  ./itkm reproduce --profile rehearsal"})
final class ReproduceCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--profile", defaultValue = "quick", description = "smoke, quick, rehearsal or paper (${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR", description = "Results root: a folder,"
            + " created if missing (${DEFAULT-VALUE})")
    Path results;

    @Option(names = "--fresh", description = "Start new runs even where finished ones exist")
    boolean fresh;

    @Parameters(paramLabel = "KEY=VALUE", arity = "0..*", description = "Configuration overrides for every run")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        org.itkm.io.OutputFolder.checkWritableFolder(results, "--results", "results");
        PrintWriter out = spec.commandLine().getOut();
        RunConfig base = RunConfig.load(profile, null, overrides).config();
        long t0 = System.nanoTime();
        Workspace ws = new Workspace(results, profile, overrides);
        ws.checkBeforeStart();
        // an interrupted or failed run is resumed by the same reproduce (without --fresh, which would start anew)
        List<String> again = new ArrayList<>(List.of("itkm", "reproduce"));
        List<String> given = spec.commandLine().getParseResult().originalArgs(); // from "reproduce" on
        given.subList(given.indexOf("reproduce") + 1, given.size()).stream().filter(a -> !a.equals("--fresh"))
                .forEach(a -> again.add(a.matches("[A-Za-z0-9_./=:@%+,-]+") ? a : "'" + a.replace("'", "'\\''") + "'"));
        RunCatalog runs = ws.runs(fresh).continueWith(String.join(" ", again));
        ws.ensureData(out);
        ws.ensureClip(out);
        if (profile.equals("rehearsal")) {
            return rehearse(runs, out, t0);
        }
        Map<String, Map<String, Map<Protocol, RankingMetrics>>> rows = Table1Runs.obtain(runs,
                base.data().scenarios(), out, m -> TrainCommand.print(out, m));
        PaperTable t = Table1Runs.table(TableCaption.of(profile, base), rows);
        Path tables = results.resolve(profile).resolve("tables");
        Files.createDirectories(tables);
        t.write(tables.resolve("table1"));
        out.println();
        out.print(t.toMarkdown());
        out.printf(Locale.ROOT, "%nwrote %s.{csv,md} in %.1f min%n", tables.resolve("table1"),
                (System.nanoTime() - t0) / 60e9);
        return 0;
    }

    /** The rehearsal: the pre-trained CLIP evaluated and ITKM(M) trained at the real sizes, then the report. */
    private int rehearse(RunCatalog runs, PrintWriter out, long t0) throws IOException {
        Map<String, Map<Protocol, RankingMetrics>> pretrained = runs.pretrained();
        out.println("pre-trained CLIP, no ReID training:");
        TrainCommand.print(out, pretrained);
        List<String> setting = List.of("training.mode=M");
        RunCatalog.Finished f = runs.obtain(setting, out);
        TrainCommand.print(out, f.metrics());
        List<Path> finished = runs.finishedRuns(setting);
        Path reported = org.itkm.report.RehearsalReport.reported(finished, f.dir());
        List<Path> others = finished.stream().filter(p -> !p.equals(reported)).toList();
        Path report = results.resolve(profile).resolve("report.md");
        org.itkm.io.AtomicFiles.writeString(report, org.itkm.report.RehearsalReport.of(reported, others));
        out.printf(Locale.ROOT, "%nwrote %s in %.1f min%n", report, (System.nanoTime() - t0) / 60e9);
        return 0;
    }

    private static Map<String, Map<Protocol, RankingMetrics>> runOrReuse(RunCatalog runs, List<String> setting,
            PrintWriter out) throws IOException {
        RunCatalog.Finished f = runs.obtain(setting, out);
        TrainCommand.print(out, f.metrics());
        return f.metrics();
    }
}
