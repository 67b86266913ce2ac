package org.itkm.train;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A run's {@value #FILE} beside its manifest (fast-reid's {@code log.txt}): the set-up of the run (command,
 * configuration, device; the stages add their micro-batch plans) and everything the process writes to
 * {@code System.err} while the run lives, whoever writes it (the kit's stages, DJL, PyTorch's warnings
 * through Java). A resumed run appends to it. Progress bars redrawn in place on a terminal ({@code \r})
 * are logged as their last state, without terminal escapes.
 *
 * <p>{@link #open} replaces {@code System.err} with a stream that writes to both; {@link #close} puts the
 * previous one back. One run at a time per process: the kit trains its runs one after another.
 */
public final class RunLog implements AutoCloseable {
    /** The log's file name in a run folder. */
    public static final String FILE = "run.log";
    private static final Pattern ESCAPE = Pattern.compile("\u001b\\[[0-9;]*[A-Za-z]");

    private final PrintStream previous;
    private final LineSink sink;

    private RunLog(PrintStream previous, LineSink sink) {
        this.previous = previous;
        this.sink = sink;
    }

    /**
     * Opens (creates or appends to) {@code dir/run.log}, writes the set-up header and starts copying
     * {@code System.err} into it.
     *
     * @param setup the set-up lines (configuration, device...), after a line naming the start or resume
     */
    public static RunLog open(Path dir, boolean resumed, List<String> command, List<String> setup) throws IOException {
        OutputStream file = Files.newOutputStream(dir.resolve(FILE), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        LineSink sink = new LineSink(file);
        PrintStream previous = System.err;
        RunLog log = new RunLog(previous, sink);
        log.line("== " + Instant.now() + (resumed ? " resumed" : " started") + ": itkm " + String.join(" ", command));
        setup.forEach(log::line);
        System.setErr(new PrintStream(new Tee(previous, sink), true, StandardCharsets.UTF_8));
        return log;
    }

    /** Writes a line to the log only (not to the console): set-up the console does not show. */
    public void line(String text) {
        try {
            sink.write((text + "\n").getBytes(StandardCharsets.UTF_8));
            sink.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        System.err.flush();
        System.setErr(previous);
        sink.close();
    }

    /** Writes to the console and the log. */
    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final LineSink log;

        Tee(OutputStream console, LineSink log) {
            this.console = console;
            this.log = log;
        }

        @Override
        public void write(int b) throws IOException {
            console.write(b);
            log.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            console.write(b, off, len);
            log.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            console.flush();
            log.flush();
        }
    }

    /** Whole lines to the file: a line's text after its last carriage return, terminal escapes removed. */
    private static final class LineSink extends OutputStream {
        private final OutputStream file;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private boolean closed;

        LineSink(OutputStream file) {
            this.file = file;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            if (closed) {
                return;
            }
            if (b == '\n') {
                String s = line.toString(StandardCharsets.UTF_8);
                line.reset();
                s = ESCAPE.matcher(s.substring(s.lastIndexOf('\r') + 1)).replaceAll("");
                file.write((s + "\n").getBytes(StandardCharsets.UTF_8));
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            if (!closed) {
                file.flush();
            }
        }

        @Override
        public synchronized void close() throws IOException {
            if (!closed) {
                if (line.size() > 0) {
                    write('\n');
                }
                closed = true;
                file.close();
            }
        }
    }
}
