package org.itkm.runtime;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of long work on stderr: a live bar redrawn in place on a terminal, one line redrawn in place
 * in a notebook ({@code ITKM_PROGRESS=notebook}, set by the kit's kernel launcher: carriage returns,
 * which classic Notebook and JupyterLab apply to stream output, and no terminal escapes), or a plain
 * line every few seconds when stderr is a file (so logs stay readable). Shows done/total, rate, ETA and
 * an optional status text (loss, epoch...).
 *
 * <pre>{@code
 * try (ConsoleProgress p = new ConsoleProgress("synth VI", images)) {
 *     for (...) { ...; p.step(1); }
 * }
 * }</pre>
 */
public final class ConsoleProgress implements AutoCloseable {
    private static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;
    private static final long LIVE_INTERVAL_NANOS = 100_000_000L;
    private static final long NOTEBOOK_INTERVAL_NANOS = 500_000_000L;
    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean live;
    private final boolean notebook;
    private final long start = System.nanoTime();
    private long done;
    private long lastDraw;
    private String status = "";
    private boolean closed;
    private String lastLine;
    private int drawnWidth;

    public ConsoleProgress(String label, long total) {
        this(label, total, System.err, "notebook".equals(System.getenv("ITKM_PROGRESS")) ? Style.NOTEBOOK
                : System.console() != null && !"false".equals(System.getenv("ITKM_LIVE_PROGRESS")) ? Style.TERMINAL
                : Style.PLAIN);
    }

    public ConsoleProgress(String label, long total, PrintStream out, boolean live) {
        this(label, total, out, live ? Style.TERMINAL : Style.PLAIN);
    }

    public ConsoleProgress(String label, long total, PrintStream out, Style style) {
        this.label = label;
        this.total = total;
        this.out = out;
        this.live = style != Style.PLAIN;
        this.notebook = style == Style.NOTEBOOK;
    }

    /** How the bar is drawn. */
    public enum Style {
        /** one line redrawn with {@code \r} and an erase-to-end escape, ten times a second */
        TERMINAL,
        /** one line redrawn with {@code \r} (padded over the previous one, no escapes), twice a second */
        NOTEBOOK,
        /** a new line every few seconds (files, CI logs) */
        PLAIN
    }

    /** Advances by n units. */
    public synchronized void step(long n) {
        done += n;
        maybeDraw(false);
    }

    /** Sets the absolute count. */
    public synchronized void set(long value) {
        done = value;
        maybeDraw(false);
    }

    /** Text shown after the bar, e.g. {@code "loss 3.21"}. */
    public synchronized void status(String text) {
        status = text == null ? "" : text;
        maybeDraw(false);
    }

    public synchronized long done() {
        return done;
    }

    private void maybeDraw(boolean force) {
        long now = System.nanoTime();
        long interval = notebook ? NOTEBOOK_INTERVAL_NANOS : live ? LIVE_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS;
        if (!force && now - lastDraw < interval && done < total) {
            return;
        }
        lastDraw = now;
        String line = render(now);
        if (force && !live && lastLine != null && done >= total && lastLine.contains(" " + done + "/" + total + " ")) {
            return; // closing after the final count was already printed: not the same line twice
        }
        lastLine = line;
        if (notebook) {
            String drawn = line + " ".repeat(Math.max(0, drawnWidth - line.length())); // cover a longer previous draw
            drawnWidth = drawn.length();
            out.print("\r" + drawn);
        } else if (live) {
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
    }

    String render(long now) {
        double secs = (now - start) / 1e9;
        double rate = secs > 0 ? done / secs : 0;
        StringBuilder sb = new StringBuilder(label).append(' ');
        if (total > 0) {
            int width = 24;
            int filled = (int) Math.min(width, width * done / Math.max(1, total));
            sb.append('[').append("=".repeat(filled)).append(filled < width ? ">" : "")
                    .append(" ".repeat(Math.max(0, width - filled - 1))).append("] ");
            sb.append(String.format(Locale.ROOT, "%3d%% %d/%d", (int) (100 * done / Math.max(1, total)), done, total));
            if (rate > 0 && done < total) {
                sb.append(" ETA ").append(clock((total - done) / rate));
            }
        } else {
            sb.append(done);
        }
        sb.append(String.format(Locale.ROOT, " %.1f/s %s", rate, clock(secs)));
        if (!status.isEmpty()) {
            sb.append(' ').append(status);
        }
        return sb.toString();
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        maybeDraw(true);
        if (live) {
            out.println();
        }
    }
}
