package org.itkm.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.itkm.config.RunConfig;
import org.itkm.data.EvaluationSplit;
import org.itkm.eval.Protocol;
import org.itkm.eval.RankingMetrics;
import org.itkm.runtime.EngineRuntime;
import org.itkm.io.InvalidInputException;
import org.itkm.io.ResultsFolderLock;
import org.itkm.train.ClipSource;
import org.itkm.run.RunResults;
import org.itkm.train.TrainingData;
import org.itkm.train.RunCatalog;
import org.itkm.train.TrainingPipeline;
import org.itkm.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code itkm train}: one method, trained and evaluated, recorded under results/<profile>/runs/. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train ITKM (Stage I -> II -> III), the cluster-contrast baseline or its",
            "supervised upper bound (true identities in place of clusters), single-scenario",
            "(S) or multi-scenario (M), evaluate every scenario's protocols, and record the",
            "run in results/<profile>/runs/<run-id>/ (manifest.json, metrics.csv,",
            "config.yaml, checkpoints/). Settings: the profile, then --config FILE, then",
            "key=value overrides (e.g. stage1.epochs=5, loss.chmKeepProbability=0.3,",
            "training.variant=M4); see lib/src/main/resources/org/itkm/config/."},
        footer = {"", "Every epoch ends with a checkpoint, checkpoints/<stage>-eNNNN/, whose files'",
            "SHA-256 sums are in its SHA256SUMS: a resume checks them and names a",
            "truncated or altered file.",
            "Ctrl-C or SIGTERM: the write in progress completes, manifest.json says",
            "status \"interrupted\" with the command that continues the run, and that",
            "command is printed (a run stopped before its first checkpoint is removed",
            "instead: nothing to resume). A run that fails records status \"failed\",",
            "the message and the same command (failing before its first checkpoint,",
            "it is removed, saying so).",
            "",
            "--resume RUN_DIR continues an interrupted, killed (kill -9 leaves status",
            "\"running\") or failed run from its last complete checkpoint, with the",
            "configuration and data it was started with:",
            "  - it takes no settings: --profile, --mode, --scenario, --method,",
            "    --variant, --config and KEY=VALUE are refused (the run's own",
            "    config.yaml is used);",
            "  - a config.yaml edited since the run started is refused, naming the keys",
            "    that differ (old -> new); so are data whose fingerprints changed and a",
            "    damaged checkpoint;",
            "  - a finished run is never rewritten: the command says it is finished,",
            "    prints its results (results.json) and exits 0 without touching a file.",
            "The pocket CLIP is looked up in the run's own results root (RUN_DIR/../../..).",
            "",
            "One process writes results/<profile> at a time: while another train,",
            "reproduce, rehearse, sweep or notebook holds it, train is refused, naming",
            "that process (a killed process holds nothing).",
            "", "Examples:", "  ./itkm train --profile quick --mode M",
            "  ./itkm train --profile quick --mode S --scenario VI",
            "  ./itkm train --profile quick --method cluster-contrast",
            "  ./itkm train --profile quick --method supervised --mode S --scenario VI",
            "  ./itkm train --resume results/quick/runs/20261121-130000-itkm-M"})
final class TrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--profile", defaultValue = "quick", description = "smoke, quick, rehearsal or paper (${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--mode", description = "S (one scenario) or M (all jointly); default from the profile (M)")
    String mode;

    @Option(names = "--scenario", description = "VI, CC or CR (with --mode S)")
    String scenario;

    @Option(names = "--method", description = "itkm, cluster-contrast, or supervised (the upper bound: the"
            + " baseline trained on true identities; default itkm)")
    String method;

    @Option(names = "--variant", description = "Table 2 row M1..M7 (default M7 = ITKM)")
    String variant;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file of settings layered on the profile")
    Path config;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue an unfinished run from its last"
            + " complete checkpoint with its own configuration (no other settings allowed; a finished run is left"
            + " untouched, exit 0; see below)")
    Path resume;

    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR", description = "Results root: a folder,"
            + " created if missing; relative to the current folder (default: ${DEFAULT-VALUE})")
    Path results;

    @Parameters(paramLabel = "KEY=VALUE", arity = "0..*", description = "Configuration overrides")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        org.itkm.io.OutputFolder.checkWritableFolder(results, "--results", "results");
        var err = spec.commandLine().getErr();
        if (resume != null) {
            refuseSettings();
            TrainingRun.State state = TrainingRun.inspect(resume);
            if (state.finished()) {
                err.println(resume + ": the run is finished" + (state.when() == null ? "" : " (" + state.when() + ")")
                        + "; nothing to resume and nothing changed; its results are in "
                        + resume.resolve("results.json"));
                err.flush();
                Map<String, Map<Protocol, RankingMetrics>> done = RunResults.read(resume);
                if (done != null) {
                    print(spec.commandLine().getOut(), done);
                }
                return 0;
            }
            Path root = resultsRootOf(resume);
            String profileOfRun = RunConfig.loadFile(resume.resolve("config.yaml")).config().profile();
            try (ResultsFolderLock lock = ResultsFolderLock.acquire(root.resolve(profileOfRun), Invocation.of(spec))) {
                TrainingRun run = TrainingRun.resume(resume);
                err.println(state.resumeNote());
                return execute(run, root);
            }
        }
        RunConfig.Loaded loaded = SettingFlags.load(spec, () -> RunConfig.load(profile, config,
                allOverrides(overrides, mode, scenario, method, variant)));
        // a missing or stale CLIP, an input size it cannot take, SynthUMS other than configured: fail before
        // making a run directory (or the results folder)
        ClipSource.check(loaded.config());
        TrainingData.checkSynthProvenance(loaded.config());
        try (ResultsFolderLock lock = ResultsFolderLock.acquire(results.resolve(loaded.config().profile()),
                Invocation.of(spec))) {
            TrainingRun run = TrainingRun.start(results, RunCatalog.runName(loaded.config()), loaded, commandLine());
            return execute(run, results);
        }
    }

    /** Trains {@code run} (results root {@code root}) and prints its metrics. */
    private int execute(TrainingRun run, Path root) throws Exception {
        var err = spec.commandLine().getErr();
        err.println(EngineRuntime.describe());
        err.println("run directory: " + run.dir());
        TrainingPipeline.Outcome out = RunCatalog.execute(run, root);
        if (run.config().eval().split() == EvaluationSplit.VAL) {
            err.println("evaluated on validation identities (eval.split=val), held out of training: not test figures");
        }
        print(spec.commandLine().getOut(), out.metrics());
        return 0;
    }

    /** --resume continues a run as it was started: any setting besides it would be ignored, so it is refused. */
    private void refuseSettings() {
        var pr = spec.commandLine().getParseResult();
        List<String> given = new ArrayList<>();
        for (String o : List.of("--profile", "--mode", "--scenario", "--method", "--variant", "--config")) {
            if (pr.hasMatchedOption(o)) {
                given.add(o);
            }
        }
        if (!overrides.isEmpty()) {
            given.add(String.join(" ", overrides));
        }
        if (!given.isEmpty()) {
            throw new InvalidInputException("--resume continues a run with the configuration it was started with"
                    + " (its config.yaml), so it takes no settings, but got " + String.join(", ", given)
                    + "; resume without them, or start a new run with them (without --resume)");
        }
    }

    /**
     * The results root of a run folder {@code <root>/<profile>/runs/<id>} (where its pocket CLIP is), or
     * --results for a folder laid out otherwise; an explicit --results that is not the run's is refused.
     */
    private Path resultsRootOf(Path runDir) {
        Path abs = runDir.toAbsolutePath().normalize();
        String profileOfRun = RunConfig.loadFile(runDir.resolve("config.yaml")).config().profile();
        Path derived = abs.getParent() != null && abs.getParent().getParent() != null
                && abs.getParent().getParent().getFileName() != null
                && abs.getParent().getParent().getFileName().toString().equals(profileOfRun)
                ? abs.getParent().getParent().getParent() : null;
        boolean explicit = spec.commandLine().getParseResult().hasMatchedOption("--results");
        if (derived == null) {
            return results;
        }
        if (explicit && !results.toAbsolutePath().normalize().equals(derived)) {
            throw new InvalidInputException("--results " + results + " is not the results root of " + runDir + " ("
                    + derived + "); a resumed run keeps its own: leave --results out");
        }
        return derived;
    }

    static List<String> allOverrides(List<String> overrides, String mode, String scenario, String method,
            String variant) {
        List<String> all = new ArrayList<>();
        if (mode != null) {
            all.add("training.mode=" + mode);
        }
        if (scenario != null) {
            all.add("training.scenario=" + scenario);
        }
        if (method != null) {
            all.add("training.method=" + method);
        }
        if (variant != null) {
            all.add("training.variant=" + variant);
        }
        all.addAll(overrides);
        return all;
    }

    private List<String> commandLine() {
        return spec.commandLine().getParseResult().originalArgs();
    }

    static void print(java.io.PrintWriter out, Map<String, Map<Protocol, RankingMetrics>> metrics) {
        out.printf(Locale.ROOT, "%-12s %-13s %7s %7s %7s %7s %7s%n", "data set", "protocol", "R1", "R5", "R10", "mAP",
                "mINP");
        metrics.forEach((d, m) -> m.forEach((p, r) -> out.printf(Locale.ROOT, "%-12s %-13s %7.2f %7.2f %7.2f %7.2f %7.2f%n",
                d, p.id(), r.rank1(), r.rank5(), r.rank10(), r.mAP(), r.mINP())));
        out.flush();
    }
}
