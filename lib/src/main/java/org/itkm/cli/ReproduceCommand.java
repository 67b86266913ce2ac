package org.itkm.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.itkm.config.RunConfig;
import org.itkm.eval.Protocol;
import org.itkm.eval.RankingMetrics;
import org.itkm.io.InvalidInputException;
import org.itkm.io.ResultsFolderLock;
import org.itkm.report.PaperTable;
import org.itkm.report.Table1Runs;
import org.itkm.report.TableCaption;
import org.itkm.train.RunCatalog;
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
        description = {"Reproduce Table 1 for a profile: generate SynthUMS when absent; from the",
            "shipped pocket CLIP (models/pocket-clip) train the supervised upper bound",
            "(true identities), the cluster-contrast baseline and ITKM(S) on each",
            "scenario and ITKM(M) on all jointly, evaluate every protocol and write",
            "results/<profile>/tables/table1.{csv,md} (the paper's rows beside,",
            "labelled \"as reported\"). Runs finished in this checkout are reused and",
            "interrupted ones resumed, so the command can be re-run after a crash or",
            "kill (run records committed to git, which have no checkpoints, are never",
            "reused); --replace starts new runs. The rehearsal of the paper profile",
            "at the real sizes is its own command: itkm rehearse."},
        footer = {"", "One process writes results/<profile> at a time: a second train,",
            "reproduce, rehearse, sweep or notebook on it is refused, naming the",
            "process that holds it (a killed process holds nothing).",
            "", "Ctrl-C or SIGTERM marks the run in progress \"interrupted\" in its",
            "manifest.json and prints the reproduce command that continues it; a run",
            "that fails records \"failed\" and the same command (one that fails before",
            "its first checkpoint is removed, saying so).",
            "", "Examples:", "  ./itkm reproduce                      (profile quick)",
            "  ./itkm reproduce --profile smoke", "  ./itkm reproduce --replace stage1.epochs=2"})
final class ReproduceCommand implements Callable<Integer> {
    /** The profiles whose Table 1 reproduce makes (the rehearsal has its own command). */
    static final List<String> PROFILES = List.of("smoke", "quick", "paper");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--profile", defaultValue = "quick", description = "smoke, quick or paper (default:"
            + " ${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR", description = "Results root: a folder,"
            + " created if missing; relative to the current folder (default: ${DEFAULT-VALUE})")
    Path results;

    @Option(names = "--replace", description = "Start new runs even where finished ones exist")
    boolean replace;

    @Parameters(paramLabel = "KEY=VALUE", arity = "0..*", description = "Configuration overrides for every run")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (profile.equals(RehearseCommand.PROFILE)) {
            throw new InvalidInputException("--profile " + profile + ": the rehearsal has its own command, itkm"
                    + " rehearse; reproduce makes Table 1 with profile " + String.join(", ", PROFILES.subList(0, 2)) + " or "
                    + PROFILES.get(2));
        }
        org.itkm.io.OutputFolder.checkWritableFolder(results, "--results", "results");
        PrintWriter out = spec.commandLine().getOut();
        RunConfig base = SettingFlags.load(spec, () -> RunConfig.load(profile, null, overrides).config());
        long t0 = System.nanoTime();
        Workspace ws = new Workspace(results, profile, overrides);
        ws.checkBeforeStart();
        try (ResultsFolderLock lock = ResultsFolderLock.acquire(results.resolve(profile), Invocation.of(spec))) {
            // an interrupted or failed run is resumed by the same reproduce (without --replace, which starts anew)
            RunCatalog runs = ws.runs(replace).continueWith(Invocation.of(spec, Set.of("--replace")));
            ws.ensureData(out);
            ws.ensureClip(out);
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
        }
        return 0;
    }
}
