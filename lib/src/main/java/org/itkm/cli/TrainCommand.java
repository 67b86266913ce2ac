package org.itkm.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.itkm.config.RunConfig;
import org.itkm.eval.Protocol;
import org.itkm.eval.RankingMetrics;
import org.itkm.runtime.EngineRuntime;
import org.itkm.train.ClipSource;
import org.itkm.train.RunCatalog;
import org.itkm.train.TrainingPipeline;
import org.itkm.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code itkm train}: one method, trained and evaluated, recorded under results/<profile>/runs/. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train ITKM (Stage I -> II -> III) or the cluster-contrast baseline, single-scenario (S) or",
            "multi-scenario (M), evaluate every scenario's protocols, and record the run in",
            "results/<profile>/runs/<run-id>/ (manifest.json, metrics.csv, config.yaml, checkpoints/).",
            "Settings: the profile, then --config FILE, then key=value overrides (e.g. stage1.epochs=5,",
            "loss.chmKeepProbability=0.3, training.variant=M4); see lib/src/main/resources/org/itkm/config/."},
        footer = {"", "Examples:", "  ./itkm train --profile quick --mode M",
            "  ./itkm train --profile quick --mode S --scenario VI",
            "  ./itkm train --profile quick --method cluster-contrast",
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

    @Option(names = "--method", description = "itkm or cluster-contrast (default itkm)")
    String method;

    @Option(names = "--variant", description = "Table 2 row M1..M7 (default M7 = ITKM)")
    String variant;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file of settings layered on the profile")
    Path config;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Resume an interrupted run from its last"
            + " complete checkpoint (other options are ignored: the run's config.yaml is used)")
    Path resume;

    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR", description = "Results root: a folder,"
            + " created if missing (${DEFAULT-VALUE})")
    Path results;

    @Parameters(paramLabel = "KEY=VALUE", arity = "0..*", description = "Configuration overrides")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        org.itkm.io.OutputFolder.checkWritableFolder(results, "--results", "results");
        TrainingRun run;
        if (resume != null) {
            run = TrainingRun.resume(resume);
        } else {
            RunConfig.Loaded loaded = RunConfig.load(profile, config, allOverrides(overrides, mode, scenario, method,
                    variant));
            ClipSource.resolve(loaded.config(), results); // a missing or stale CLIP: fail before making a run directory
            run = TrainingRun.start(results, RunCatalog.runName(loaded.config()), loaded, commandLine());
        }
        var err = spec.commandLine().getErr();
        err.println(EngineRuntime.describe());
        err.println("run directory: " + run.dir());
        TrainingPipeline.Outcome out = RunCatalog.execute(run, results);
        print(spec.commandLine().getOut(), out.metrics());
        return 0;
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
