package org.itkm.cli;

import picocli.CommandLine.Command;

/** {@code itkm bench}: benchmarks that print figures (never timed unit tests). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks of the kit's hot paths; each prints its figures and checks its", "results."},
        subcommands = {BenchEvaluateCommand.class, BenchDataCommand.class, BenchClusterCommand.class,
            BenchClipCommand.class, BenchMemoryCommand.class, BenchPredictCommand.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
