package org.itkm.cli;

import java.io.PrintWriter;
import org.itkm.io.InvalidInputException;
import org.itkm.runtime.EngineRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code itkm} command line: one subcommand per capability of the kit. */
@Command(name = "itkm", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "ITKM-J: Image-Text Knowledge Modeling for unsupervised multi-scenario person re-identification,",
            "a Java reproducibility kit (DJL + PyTorch). Run a subcommand with --help for its options."},
        subcommands = {InfoCommand.class, EvaluateCommand.class, SynthCommand.class, DataCommand.class,
            EmbedCommand.class, EmbedTextCommand.class, PretrainClipCommand.class, MakeClipCommand.class, ClusterCommand.class,
            TrainCommand.class, ReproduceCommand.class, BenchCommand.class, LabCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 unexpected failure, 2 bad input or usage."})
public final class ItkmCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Exit code for bad input or usage. */
    public static final int EXIT_USER_ERROR = 2;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        EngineRuntime.forceOffline();
        CommandLine cl = new CommandLine(new ItkmCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable t = ex;
            while (t.getCause() != null && !(t instanceof InvalidInputException)) {
                if (t.getCause() instanceof InvalidInputException) {
                    t = t.getCause();
                    break;
                }
                t = t.getCause();
            }
            if (t instanceof InvalidInputException) {
                commandLine.getErr().println("error: " + t.getMessage());
                return EXIT_USER_ERROR;
            }
            commandLine.getErr().println("error: " + ex);
            ex.printStackTrace(commandLine.getErr());
            return 1;
        });
        return cl.execute(args);
    }
}
