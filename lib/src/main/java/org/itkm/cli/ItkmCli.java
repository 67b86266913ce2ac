package org.itkm.cli;

import java.io.PrintWriter;
import org.itkm.runtime.EngineRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code itkm} command line: one subcommand per capability of the kit. */
@Command(name = "itkm", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"ITKM-J: Image-Text Knowledge Modeling for unsupervised multi-scenario person",
            "re-identification, a Java reproducibility kit (DJL + PyTorch). Run a subcommand",
            "with --help for its options."},
        subcommands = {InfoCommand.class, EvaluateCommand.class, SynthCommand.class, DataCommand.class,
            EmbedCommand.class, EmbedTextCommand.class, PretrainClipCommand.class, MakePocketClipCommand.class,
            MakeClipCommand.class, ClusterCommand.class, TrainCommand.class, ReproduceCommand.class,
            RehearseCommand.class, SweepCommand.class, SeedStudyCommand.class, BenchCommand.class, LabCommand.class,
            ExportCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Relative paths (options and KEY=VALUE settings) are taken from the current",
            "folder. One process writes a results folder at a time. Exit codes: 0",
            "success, 1 unexpected failure (one line naming the file with the full",
            "trace; --verbose prints it), 2 bad input or usage (one line).",
            "Documentation: docs/command-line.md."})
public final class ItkmCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = VERBOSE, scope = CommandLine.ScopeType.INHERIT,
            description = "On an unexpected failure, also print its full trace on stderr")
    boolean verboseOption;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Exit code for bad input or usage. */
    public static final int EXIT_USER_ERROR = FailureReport.BAD_INPUT;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the CLI with the given streams; returns the exit code. Every failure is one line on {@code err}
     * ({@link FailureReport}): bad input and usage errors exit 2, failures of the kit 1.
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        EngineRuntime.forceOffline();
        CommandLine cl = new CommandLine(new ItkmCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            String name = c.getCommandSpec().qualifiedName();
            String retired = retired(ex);
            c.getErr().println("error: " + (retired != null ? retired : ex.getMessage().replace('\n', ' ').trim())
                    + " (see " + name + " --help)");
            return FailureReport.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) ->
                FailureReport.report(ex, commandLine.getCommandSpec().qualifiedName(" ").replaceFirst("^itkm ", ""),
                        commandLine.getErr(), verbose(parseResult)));
        try {
            return cl.execute(args);
        } catch (Throwable t) { // an Error (out of memory, a native library that fails to load): still one line
            return FailureReport.report(t, args.length > 0 ? args[0] : "", err, java.util.Arrays.asList(args)
                    .contains(VERBOSE));
        }
    }

    /** The option that prints the trace of an unexpected failure. */
    static final String VERBOSE = "--verbose";

    /** Whether --verbose was given, before the command or after it. */
    static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    /** For an unknown option that is an old spelling of one the command has: the error naming the new one. */
    private static String retired(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            for (String arg : u.getUnmatched()) {
                String m = RetiredSpellings.message(ex.getCommandLine().getCommandSpec().name(), arg);
                if (m != null) {
                    return m;
                }
            }
        }
        return null;
    }
}
