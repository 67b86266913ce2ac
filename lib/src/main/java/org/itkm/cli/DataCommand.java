package org.itkm.cli;

import picocli.CommandLine.Command;

/** {@code itkm data}: inspect data sets in the real layouts (and SynthUMS). */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "ReID data sets in their distributed layouts: summaries, baselines.",
        subcommands = {DataSummaryCommand.class, DataBaselineCommand.class})
final class DataCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
