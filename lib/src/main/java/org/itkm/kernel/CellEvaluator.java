package org.itkm.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Evaluates a notebook cell with JShell, in this JVM: the cell is split into complete snippets, run in
 * order, and the value of the last one (an expression, or a variable declared with a value, as in IJava)
 * is returned as an object. The first snippet that does not compile or throws stops the cell with a
 * {@link CellError}.
 */
final class CellEvaluator implements AutoCloseable {
    /** Imports every cell sees, the same set IJava and the jshell tool start with, plus {@code display}. */
    static final List<String> STARTUP = List.of(
            "import java.io.*;", "import java.math.*;", "import java.net.*;", "import java.nio.file.*;",
            "import java.util.*;", "import java.util.concurrent.*;", "import java.util.function.*;",
            "import java.util.prefs.*;", "import java.util.regex.*;", "import java.util.stream.*;",
            "import static " + Display.class.getName() + ".*;");

    private final CellExecutionControl control = new CellExecutionControl();
    private final JShell shell;
    private final SourceCodeAnalysis analysis;

    /** @param classPath the jars and folders cells compile against (the kit, the kernel) */
    CellEvaluator(List<String> classPath) {
        shell = JShell.builder()
                .executionEngine(new CellExecutionControlProvider(control), java.util.Map.of())
                .compilerOptions("-Xlint:none")
                .build();
        for (String entry : classPath) {
            if (!entry.isBlank()) {
                shell.addToClasspath(entry);
            }
        }
        analysis = shell.sourceCodeAnalysis();
        for (String line : STARTUP) {
            for (SnippetEvent e : shell.eval(line)) {
                if (!e.status().isDefined()) {
                    throw new IllegalStateException("kernel start-up snippet does not compile: " + line
                            + " (is the kernel's own jar on the class path?)");
                }
            }
        }
    }

    JShell shell() {
        return shell;
    }

    /** Runs the cell; returns the last snippet's value (null when it has none). */
    Object eval(String code) throws CellError {
        control.beginCell();
        try {
            return evalCell(code);
        } finally {
            control.endCell();
        }
    }

    private Object evalCell(String code) throws CellError {
        Object last = null;
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(code);
        while (info.completeness().isComplete()) {
            last = evalSnippet(info.source());
            info = analysis.analyzeCompletion(info.remaining());
        }
        if (info.completeness() != SourceCodeAnalysis.Completeness.EMPTY) {
            String rest = info.remaining().trim();
            throw new CellError("incomplete code at the end of the cell", List.of("Incomplete input:", rest));
        }
        return last;
    }

    private Object evalSnippet(String source) throws CellError {
        List<SnippetEvent> events = shell.eval(source);
        Object result = null;
        for (SnippetEvent event : events) {
            Snippet.SubKind kind = event.snippet().subKind();
            boolean expression = kind == Snippet.SubKind.OTHER_EXPRESSION_SUBKIND
                    || kind == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                    || kind == Snippet.SubKind.VAR_VALUE_SUBKIND; // a bare variable name
            // only expressions show a value (declarations and statements show nothing)
            result = expression && event.value() != null ? control.takeResult(event.value()).orElse(null) : null;
        }
        control.clearResults();
        if (control.consumeStopped()) {
            throw new CellError("interrupted", List.of("Interrupted: the cell was stopped (Kernel > Interrupt)."));
        }
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            JShellException exception = event.exception();
            if (exception != null) {
                throw runtimeError(exception);
            }
            if (!event.status().isDefined()) {
                throw compileError(event.snippet());
            }
        }
        return result;
    }

    private CellError compileError(Snippet snippet) {
        List<String> lines = new ArrayList<>();
        List<Diag> diags = shell.diagnostics(snippet).filter(Diag::isError).collect(Collectors.toList());
        String first = diags.isEmpty() ? "does not compile" : diags.get(0).getMessage(Locale.ROOT).lines().findFirst().orElse("");
        String[] src = snippet.source().split("\n", -1);
        for (Diag d : diags) {
            int line = lineOf(snippet.source(), (int) d.getStartPosition());
            lines.add("error: " + d.getMessage(Locale.ROOT).lines()
                    .filter(l -> !l.trim().startsWith("location:")).collect(Collectors.joining("\n       ")));
            if (line >= 0 && line < src.length) {
                lines.add("  | " + src[line]);
            }
        }
        if (diags.isEmpty()) {
            if (snippet instanceof jdk.jshell.DeclarationSnippet decl) {
                shell.unresolvedDependencies(decl).forEach(dep -> lines.add("unresolved: " + dep));
            }
            lines.add(0, "does not compile:");
            lines.add("  | " + snippet.source().strip());
        }
        return new CellError("compilation error: " + first, lines);
    }

    private static int lineOf(String source, int position) {
        int line = 0;
        for (int i = 0; i < Math.min(position, source.length()); i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static CellError runtimeError(JShellException exception) {
        List<String> lines = new ArrayList<>();
        String summary;
        if (exception instanceof UnresolvedReferenceException unresolved) {
            summary = "unresolved reference in " + unresolved.getSnippet().source().strip();
            lines.add(summary);
        } else {
            Throwable t = exception;
            String name = t instanceof EvalException ee ? ee.getExceptionClassName() : t.getClass().getName();
            summary = name + (t.getMessage() == null ? "" : ": " + t.getMessage());
            lines.add(summary);
            appendFrames(lines, t);
            for (Throwable cause = t.getCause(); cause != null; cause = cause.getCause()) {
                String causeName = cause instanceof EvalException ee ? ee.getExceptionClassName() : cause.getClass().getName();
                lines.add("Caused by: " + causeName + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
                appendFrames(lines, cause);
            }
        }
        return new CellError(summary, lines);
    }

    /** The stack frames worth reading: the cell's own ({@code REPL.$JShell$...}) and everything above the kernel. */
    private static void appendFrames(List<String> lines, Throwable t) {
        int shown = 0;
        for (StackTraceElement frame : t.getStackTrace()) {
            String cls = frame.getClassName();
            if (cls.startsWith("jdk.internal.reflect") || cls.startsWith("java.lang.reflect")
                    || cls.startsWith(CellExecutionControl.class.getName())) {
                break; // below this: the kernel's machinery
            }
            if (shown++ == 40) {
                lines.add("\t...");
                break;
            }
            lines.add("\tat " + (cls.startsWith("REPL.") ? "cell" + frameSuffix(frame) : frame.toString()));
        }
    }

    private static String frameSuffix(StackTraceElement frame) {
        return frame.getLineNumber() > 0 ? " line " + frame.getLineNumber() : "";
    }

    void interrupt() {
        shell.stop();
    }

    @Override
    public void close() {
        shell.close();
    }
}
