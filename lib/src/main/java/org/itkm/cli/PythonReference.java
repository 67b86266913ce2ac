package org.itkm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.itkm.io.FileTrees;

/**
 * A Python reference implementation run by a benchmark in the same run: the script (a class-path
 * resource of the kit) is copied into a temporary working directory, which also takes the benchmark's
 * input files, and its last output line (a JSON object) is the result. The directory is deleted on close.
 */
final class PythonReference implements AutoCloseable {
    private final Path dir;
    private final Path script;

    private PythonReference(Path dir, Path script) {
        this.dir = dir;
        this.script = script;
    }

    /** Copies the resource {@code name} next to {@code anchor} into a new working directory. */
    static PythonReference open(Class<?> anchor, String name) throws IOException {
        Path dir = Files.createTempDirectory("itkm-reference");
        org.itkm.io.ExitCleanup.register(dir, null); // Ctrl-C or SIGTERM: no working directory left behind
        Path script = dir.resolve(name);
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name + " next to " + anchor.getName());
            }
            Files.copy(in, script);
        }
        return new PythonReference(dir, script);
    }

    /** The working directory, for the script's input and output files. */
    Path dir() {
        return dir;
    }

    /**
     * Runs {@code python script args...}; returns the last output line, printed as {@code label line},
     * or null after printing why it failed ({@code hint} says what may be missing).
     */
    String run(String python, List<String> args, long timeoutMinutes, String label, String hint, PrintWriter out)
            throws InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES) || p.exitValue() != 0) {
                out.println(label + " reference failed (" + hint + "): " + text);
                return null;
            }
            String last = text.substring(text.lastIndexOf('\n') + 1);
            out.println(label + " " + last);
            return last;
        } catch (IOException e) {
            out.println(label + " reference not run: " + e.getMessage());
            return null;
        }
    }

    /** A number of the result's JSON line; an error when it is missing. */
    static double field(String json, String key) {
        double v = fieldOrNaN(json, key);
        if (Double.isNaN(v) && !json.contains("\"" + key + "\"")) {
            throw new IllegalStateException("no " + key + " in " + json);
        }
        return v;
    }

    /** A number of the result's JSON line, or NaN when it is missing. */
    static double fieldOrNaN(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\\s*([-0-9.eE+]+)").matcher(json);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    @Override
    public void close() throws IOException {
        FileTrees.delete(dir);
        org.itkm.io.ExitCleanup.unregister(dir);
    }
}
