package org.itkm.cli;

import picocli.CommandLine.Command;

/** {@code itkm lab}: the course lab notebooks ({@code notebooks/labs/}). */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Course labs: make the student form of the lab notebooks.",
        subcommands = {LabStudentCommand.class})
final class LabCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
