package org.itkm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.itkm.io.InvalidInputException;
import org.itkm.io.IoReasons;

/**
 * How a command that failed is reported: always one line on stderr, never a stack trace.
 * <ul>
 *   <li>bad input ({@link InvalidInputException} anywhere in the cause chain: a file, an option, a layout,
 *       a configuration value) - its message, exit {@value #BAD_INPUT};</li>
 *   <li>a file the system refused (permission denied, no such file, not a folder, read-only file system,
 *       disk full...) - the path and the system's reason, exit {@value #BAD_INPUT};</li>
 *   <li>anything else is a bug in the kit - one line naming it and a file holding the whole trace, exit
 *       {@value #BUG}; with {@code --verbose} the trace is printed too.</li>
 * </ul>
 */
final class FailureReport {
    /** Exit code for bad input or usage. */
    static final int BAD_INPUT = 2;
    /** Exit code for a failure of the kit itself. */
    static final int BUG = 1;

    private FailureReport() {}

    /** Prints the one line for {@code failure} on {@code err}; returns the exit code. */
    static int report(Throwable failure, String command, PrintWriter err) {
        return report(failure, command, err, false);
    }

    /**
     * As {@link #report(Throwable, String, PrintWriter)}; with {@code verbose} (option --verbose) an unexpected
     * failure's full trace is printed on {@code err} too, before the line.
     */
    static int report(Throwable failure, String command, PrintWriter err, boolean verbose) {
        InvalidInputException bad = find(failure, InvalidInputException.class);
        if (bad != null) {
            err.println("error: " + bad.getMessage());
            return BAD_INPUT;
        }
        FileSystemException fs = find(failure, FileSystemException.class);
        if (fs != null) {
            err.println("error: " + describe(fs));
            return BAD_INPUT;
        }
        OutOfMemoryError oom = find(failure, OutOfMemoryError.class);
        if (oom != null) {
            err.println("error: out of Java heap memory (" + oom.getMessage() + "); give the JVM more with"
                    + " ITKM_JAVA_OPTS=-Xmx<size>, e.g. -Xmx16g");
            return BUG;
        }
        Path trace = writeTrace(failure, command);
        if (verbose) {
            failure.printStackTrace(err);
        }
        String what = failure.getClass().getSimpleName() + (failure.getMessage() == null ? ""
                : ": " + firstLine(failure.getMessage()));
        err.println("error: internal error in itkm " + command + " (" + what + "); "
                + (trace != null ? "the full trace is in " + trace : "the trace could not be written")
                + (verbose || trace == null ? "" : "; --verbose prints it") + "; please report it with that file");
        return BUG;
    }

    /** The path and the system's reason, in words: "X: permission denied". */
    static String describe(FileSystemException e) {
        String file = e.getFile() == null ? "" : e.getFile();
        String other = e.getOtherFile() == null ? "" : " (and " + e.getOtherFile() + ")";
        return file + other + ": " + IoReasons.of(e);
    }

    /** The first throwable of type {@code type} in the cause chain (suppressed ones not searched). */
    static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c instanceof UncheckedIOException u && type.isInstance(u.getCause())) {
                return type.cast(u.getCause());
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " ...";
    }

    /** Writes the trace to {@code itkm-error-<time>.txt} in the temporary folder; null if it cannot. */
    private static Path writeTrace(Throwable failure, String command) {
        StringWriter sw = new StringWriter();
        try (PrintWriter pw = new PrintWriter(sw)) {
            pw.println("itkm " + command + " failed at " + LocalDateTime.now());
            pw.println("java " + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch"));
            failure.printStackTrace(pw);
        }
        try {
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            Path f = Files.createTempFile("itkm-error-" + stamp + "-", ".txt");
            Files.writeString(f, sw.toString(), StandardCharsets.UTF_8);
            return f;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
