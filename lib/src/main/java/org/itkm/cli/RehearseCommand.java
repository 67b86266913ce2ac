package org.itkm.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.itkm.bench.prediction.RehearsalReport;
import org.itkm.eval.Protocol;
import org.itkm.eval.RankingMetrics;
import org.itkm.io.AtomicFiles;
import org.itkm.io.ResultsFolderLock;
import org.itkm.train.RunCatalog;
import org.itkm.train.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code itkm rehearse}: the paper profile's schedule at the real data sets' sizes on a CPU (profile
 * {@value #PROFILE}): the pre-trained CLIP evaluated, ITKM(M) trained with capped epochs and steps, and
 * {@code results/rehearsal/report.md} (time, memory, cluster and problem sizes, every protocol).
 */
@Command(name = "rehearse", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Rehearse the paper run on this machine (profile rehearsal): generate",
            "SynthUMS paper-size when absent (the real data sets' identity, camera and",
            "image counts), evaluate the pocket CLIP untrained, train ITKM(M) with the",
            "paper's settings and capped epochs and steps (caps.* keys), and write",
            "results/rehearsal/report.md: time per stage and epoch, memory, cluster",
            "and problem sizes, every protocol. It measures what the paper run costs;",
            "its metrics say nothing about the method (a 64x32 pocket encoder after a",
            "few steps). A finished rehearsal is reused and an interrupted one",
            "resumed; --replace starts a new one."},
        footer = {"", "One process writes results/rehearsal at a time (as train, reproduce and",
            "sweep): a second one is refused, naming the process that holds it.",
            "", "Examples:", "  ./itkm rehearse",
            "  ./itkm rehearse --replace caps.epochsPerStage=1 caps.stepsPerEpoch=0"})
final class RehearseCommand implements Callable<Integer> {
    /** The profile of the rehearsal. */
    static final String PROFILE = "rehearsal";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR", description = "Results root: a folder,"
            + " created if missing; relative to the current folder (default: ${DEFAULT-VALUE})")
    Path results;

    @Option(names = "--replace", description = "Start a new rehearsal even where a finished one exists")
    boolean replace;

    @Parameters(paramLabel = "KEY=VALUE", arity = "0..*", description = "Configuration overrides")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        org.itkm.io.OutputFolder.checkWritableFolder(results, "--results", "results");
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        Workspace ws = new Workspace(results, PROFILE, overrides);
        ws.checkBeforeStart();
        try (ResultsFolderLock lock = ResultsFolderLock.acquire(results.resolve(PROFILE), Invocation.of(spec))) {
            RunCatalog runs = ws.runs(replace).continueWith(Invocation.of(spec, Set.of("--replace")));
            ws.ensureData(out);
            ws.ensureClip(out);
            Map<String, Map<Protocol, RankingMetrics>> pretrained = runs.pretrained();
            out.println("pre-trained CLIP, no ReID training:");
            TrainCommand.print(out, pretrained);
            List<String> setting = List.of("training.mode=M");
            RunCatalog.Finished f = runs.obtain(setting, out);
            TrainCommand.print(out, f.metrics());
            List<Path> finished = runs.finishedRuns(setting);
            Path reported = RehearsalReport.reported(finished, f.dir());
            List<Path> others = finished.stream().filter(p -> !p.equals(reported)).toList();
            Path report = results.resolve(PROFILE).resolve("report.md");
            AtomicFiles.writeString(report, RehearsalReport.of(reported, others));
            out.printf(Locale.ROOT, "%nwrote %s in %.1f min%n", report, (System.nanoTime() - t0) / 60e9);
        }
        return 0;
    }
}
