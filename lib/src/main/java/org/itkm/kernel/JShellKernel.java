package org.itkm.kernel;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.SourceCodeAnalysis;

/**
 * The kit's Jupyter kernel: Java cells evaluated by JShell in the kernel's own JVM (so the kit's classes,
 * DJL's engine and static state are shared between cells), on IJava's message handling
 * ({@code jupyter-jvm-basekernel}) and with IJava's display conventions: a cell's last expression is
 * rendered through the {@link #getRenderer() Renderer}, a {@link DisplayData} value is shown as its MIME
 * bundle, and {@link Display#display(Object)} shows a value at once.
 */
public final class JShellKernel extends BaseKernel {
    private static volatile JShellKernel active;
    private volatile String lastDisplayId;

    /** JShell starts in the background: the kernel answers kernel_info while it compiles its start-up. */
    private final java.util.concurrent.CompletableFuture<CellEvaluator> evaluator;
    private final Thread starter;
    private final java.util.concurrent.CountDownLatch shutdownRequested = new java.util.concurrent.CountDownLatch(1);
    private final LanguageInfo languageInfo = new LanguageInfo.Builder("Java")
            .version(Runtime.version().toString())
            .mimetype("text/x-java-source")
            .fileExtension(".java")
            .pygments("java")
            .codemirror("text/x-java")
            .build();

    /** @param classPath the jars and folders cells compile against (normally the JVM's own class path) */
    public JShellKernel(List<String> classPath) {
        evaluator = new java.util.concurrent.CompletableFuture<>();
        starter = new Thread(() -> {
            try {
                evaluator.complete(new CellEvaluator(classPath));
            } catch (Throwable t) {
                evaluator.completeExceptionally(t);
            }
        }, "itkm-jshell-start");
        starter.setDaemon(true);
        active = this;
    }

    /**
     * Starts JShell (compiling its start-up imports takes seconds on a busy machine) on its own thread.
     * {@link KernelMain} calls it once the sockets are bound, so the JVM's first seconds go to answering
     * {@code kernel_info}; the first cell starts it otherwise.
     */
    public synchronized void startJShell() {
        if (starter.getState() == Thread.State.NEW) {
            starter.start();
        }
    }

    /** The JShell evaluator, waiting for its start-up to finish (the first cell may wait a few seconds). */
    private CellEvaluator evaluator() throws CellError {
        startJShell();
        try {
            return evaluator.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new CellError("the kernel's JShell did not start: " + e.getCause(),
                    List.of("the kernel's JShell did not start: " + e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CellError("interrupted", List.of("Interrupted while the kernel's JShell was starting."));
        }
    }

    /** The kernel cells run in (for {@link Display}); a clear error outside a kernel. */
    static JShellKernel active() {
        JShellKernel k = active;
        if (k == null) {
            throw new IllegalStateException("display(...) needs a running ITKM-J kernel (this JVM has none)");
        }
        return k;
    }

    /** Set by {@link Display#display(Object)}: the id of what the running cell displayed last. */
    void displayed(String id) {
        lastDisplayId = id;
    }

    /** A DisplayData is shown as it is; anything else goes through the Renderer (text/plain: toString). */
    DisplayData renderValue(Object value) {
        return value instanceof DisplayData data ? data : getRenderer().render(value);
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        Object value;
        lastDisplayId = null;
        try {
            value = evaluator().eval(code);
        } catch (CellError e) {
            throw e;
        } catch (Throwable t) { // never let an Error reach the channel thread: it would die silently
            throw new CellError("kernel error: " + t, List.of("kernel error: " + t));
        }
        if (value == null || (value instanceof String id && id.equals(lastDisplayId))) {
            return null; // a cell ending with display(x): x is shown already, not its display id as well
        }
        return renderValue(value);
    }

    @Override
    public List<String> formatError(Exception e) {
        if (e instanceof CellError cell) {
            return cell.traceback();
        }
        return super.formatError(e);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) throws CellError {
        List<SourceCodeAnalysis.Documentation> docs =
                evaluator().shell().sourceCodeAnalysis().documentation(code, Math.min(code.length(), at), true);
        if (docs == null || docs.isEmpty()) {
            return null;
        }
        return new DisplayData(docs.stream()
                .map(d -> d.signature() + (d.javadoc() == null ? "" : "\n" + d.javadoc()))
                .collect(Collectors.joining("\n\n")));
    }

    @Override
    public ReplacementOptions complete(String code, int at) throws CellError {
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                evaluator().shell().sourceCodeAnalysis().completionSuggestions(code, at, anchor);
        if (suggestions == null || suggestions.isEmpty()) {
            return null;
        }
        List<String> options = suggestions.stream()
                .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .collect(Collectors.toList());
        return new ReplacementOptions(options, anchor[0], at);
    }

    @Override
    public String isComplete(String code) {
        if (!evaluator.isDone() || evaluator.isCompletedExceptionally()) {
            return IS_COMPLETE_MAYBE;
        }
        SourceCodeAnalysis analysis = evaluator.join().shell().sourceCodeAnalysis();
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(code);
        while (info.completeness() == SourceCodeAnalysis.Completeness.COMPLETE && !info.remaining().isBlank()) {
            info = analysis.analyzeCompletion(info.remaining());
        }
        return switch (info.completeness()) {
            case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> IS_COMPLETE_YES;
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> "    ";
            case UNKNOWN -> IS_COMPLETE_BAD;
        };
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    @Override
    public String getBanner() {
        return "ITKM-J kernel: Java " + Runtime.version() + " (JShell, jupyter-jvm-basekernel)";
    }

    @Override
    public void interrupt() {
        if (evaluator.isDone() && !evaluator.isCompletedExceptionally()) {
            evaluator.join().interrupt();
        }
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        shutdownRequested.countDown();
        if (evaluator.isDone() && !evaluator.isCompletedExceptionally()) {
            CellEvaluator e = evaluator.join();
            e.interrupt();
            e.close();
        }
    }

    /** Counted down when a {@code shutdown_request} arrives. */
    java.util.concurrent.CountDownLatch shutdownRequested() {
        return shutdownRequested;
    }
}
