package org.itkm.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.itkm.cli.ItkmCli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The robustness suite's harness: a command run as a careless or hostile user would, in a temporary folder
 * {@code root/parent/cwd} whose current folder and parent hold sentinel files, then checked for what the kit
 * promises: the exit code, one line on stderr naming the input and what was expected, no stack trace,
 * nothing changed outside the requested output, no partial output left behind.
 *
 * <p>{@link #run} executes the CLI in this JVM (fast; every path must then be absolute, since the JVM's
 * current folder is the build's); {@link #runIn} starts {@code itkm} as a process in a given current folder
 * (for the cases about relative paths, ".", "" and the current folder, environment variables and signals).
 *
 * <p>A case: prepare inputs under {@link #cwd}, call {@link #snapshot()}, run the command, then
 * {@link #assertBadInput} (or {@link #assertSucceeded}) and {@link #assertNothingChangedExcept}.
 */
public abstract class RobustnessCase {
    @TempDir
    protected Path root;
    /** The current folder of {@link #runIn}, with sentinel files; its parent has one too. */
    protected Path cwd;
    protected Path parent;
    private Map<String, String> before;

    /** What a command did. */
    public record Outcome(int exit, String out, String err) {
        /** stderr's non-blank lines. */
        public List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    @BeforeEach
    void sentinels() throws IOException {
        parent = root.resolve("parent");
        cwd = parent.resolve("cwd");
        Files.createDirectories(cwd.resolve("keep"));
        Files.writeString(parent.resolve("sentinel.txt"), "the parent's file\n");
        Files.writeString(cwd.resolve("sentinel.txt"), "the current folder's file\n");
        Files.writeString(cwd.resolve("keep").resolve("nested.txt"), "a nested file\n");
        snapshot();
    }

    private final List<Path> readOnly = new ArrayList<>();

    /**
     * Makes {@code dir} read-only (r-x) for the case, and skips the case where that is not enforced (tests
     * run as root: root may write anywhere). Write permission is given back after the case.
     */
    protected void makeReadOnly(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        readOnly.add(dir);
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(dir),
                "permissions are not enforced for this user (root): " + dir + " is still writable");
    }

    @org.junit.jupiter.api.AfterEach
    void writableAgain() throws IOException {
        for (Path d : readOnly) {
            Files.setPosixFilePermissions(d, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        readOnly.clear();
    }

    /** Records the state of everything under {@link #root}; later assertions compare with it. */
    protected void snapshot() throws IOException {
        before = tree(root);
    }

    /** {@code command} followed by {@code more}: a case's fixed arguments and its own. */
    protected static String[] args(String[] command, String... more) {
        String[] all = Arrays.copyOf(command, command.length + more.length);
        System.arraycopy(more, 0, all, command.length, more.length);
        return all;
    }

    /** Runs {@code itkm args} in this JVM; every path argument must be absolute. */
    protected Outcome run(String... args) {
        for (String a : args) {
            if (a.startsWith("./") || a.equals(".") || a.startsWith("../")) {
                fail("in-process runs resolve relative paths against the build folder; use runIn for " + a);
            }
        }
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        PrintStream sysOut = System.out;
        PrintStream sysErr = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        int code;
        try {
            // some messages (warnings, progress) go to System.err directly: capture those too
            System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
            code = ItkmCli.execute(args, new PrintWriter(o, true), new PrintWriter(e, true));
        } finally {
            System.setOut(sysOut);
            System.setErr(sysErr);
        }
        return new Outcome(code, capturedOut.toString(StandardCharsets.UTF_8) + o,
                capturedErr.toString(StandardCharsets.UTF_8) + e);
    }

    /** Runs {@code itkm args} as a process in {@code dir} (environment: the launcher's, plus {@code env}). */
    protected Outcome runIn(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Process p = start(dir, env, args);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("itkm " + String.join(" ", args) + " did not finish in 5 minutes");
        }
        return outcomeOf(p, dir);
    }

    protected Outcome runIn(Path dir, String... args) throws IOException, InterruptedException {
        return runIn(dir, Map.of(), args);
    }

    /** Starts {@code itkm args} as a process in {@code dir}; stdout and stderr go to files read by {@link #outcomeOf}. */
    protected Process start(Path dir, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "org.itkm.cli.ItkmCli"));
        cmd.addAll(Arrays.asList(args));
        Path logs = Files.createDirectories(root.resolve("process-logs"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(logs.resolve("out.txt").toFile()).redirectError(logs.resolve("err.txt").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** What a finished process of {@link #start} printed. */
    protected Outcome outcomeOf(Process p, Path dir) throws IOException {
        Path logs = root.resolve("process-logs");
        Outcome o = new Outcome(p.exitValue(), Files.readString(logs.resolve("out.txt")),
                Files.readString(logs.resolve("err.txt")));
        Files.delete(logs.resolve("out.txt"));
        Files.delete(logs.resolve("err.txt"));
        Files.delete(logs);
        return o;
    }

    /**
     * Exit 2, no stack trace, and exactly one line starting {@code error: } - the last one on stderr (progress
     * before the failure may precede it) - containing every fragment (case-insensitive).
     */
    protected static void assertBadInput(Outcome o, String... fragments) {
        assertEquals(2, o.exit(), "expected exit 2 (bad input); " + o);
        assertOneErrorLine(o, fragments);
    }

    /** Exit 0 and no stack trace. */
    protected static void assertSucceeded(Outcome o) {
        assertEquals(0, o.exit(), "expected success; " + o);
        assertNoTrace(o);
    }

    /** Exactly one {@code error:} line, the last one, with every fragment; no trace. */
    protected static void assertOneErrorLine(Outcome o, String... fragments) {
        assertNoTrace(o);
        List<String> lines = o.errLines();
        List<String> errors = lines.stream().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(1, errors.size(), "expected one error line; " + o);
        assertEquals(errors.get(0), lines.get(lines.size() - 1), "the error must be the last line; " + o);
        String line = errors.get(0).toLowerCase(Locale.ROOT);
        for (String f : fragments) {
            assertTrue(line.contains(f.toLowerCase(Locale.ROOT)), "the error should mention '" + f + "'; " + o);
        }
    }

    protected static void assertNoTrace(Outcome o) {
        for (String l : (o.out() + "\n" + o.err()).lines().toList()) {
            assertFalse(l.startsWith("\tat ") || l.startsWith("Caused by: ") || l.startsWith("Exception in thread"),
                    "a stack trace was printed; " + o);
        }
    }

    /**
     * Nothing under {@link #root} changed since {@link #snapshot()} except under the given outputs (which
     * may have been created), and no partial output (a {@code .partial} folder, a {@code .writing-} checkpoint,
     * a {@code .tmp} file) was left anywhere.
     */
    protected void assertNothingChangedExcept(Path... outputs) throws IOException {
        Map<String, String> after = tree(root);
        List<String> changed = new ArrayList<>();
        for (String k : union(before.keySet(), after.keySet())) {
            if (Arrays.stream(outputs).anyMatch(out -> root.resolve(k).normalize().startsWith(out.normalize()))) {
                continue;
            }
            if (!java.util.Objects.equals(before.get(k), after.get(k))) {
                changed.add(k + (before.containsKey(k) ? after.containsKey(k) ? " (changed)" : " (deleted)" : " (created)"));
            }
        }
        assertTrue(changed.isEmpty(), "changed outside the requested output: " + changed);
        assertNoPartials();
    }

    /** No partial output anywhere under {@link #root} (but what was there at the {@link #snapshot()}). */
    protected void assertNoPartials() throws IOException {
        List<String> partial = tree(root).keySet().stream().filter(k -> !before.containsKey(k)).filter(k -> {
            String name = Path.of(k).getFileName().toString();
            return name.endsWith(".partial") || name.startsWith(".writing-") || name.endsWith(".tmp");
        }).toList();
        assertTrue(partial.isEmpty(), "partial output left behind: " + partial);
    }

    private static List<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.TreeSet<String> u = new java.util.TreeSet<>(a);
        u.addAll(b);
        return List.copyOf(u);
    }

    /** Relative path -> size and a hash of the content (files), "dir" (folders), for every entry. */
    private static Map<String, String> tree(Path top) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(top)) {
            for (Path p : s.toList()) {
                String k = top.relativize(p).toString();
                if (k.isEmpty() || k.startsWith("process-logs")) {
                    continue;
                }
                if (p.getFileName().toString().equals(org.itkm.io.ResultsFolderLock.FILE)) {
                    continue; // a results folder's lock file names the process that last held it: not an output
                }
                m.put(k, Files.isDirectory(p) ? "dir" : Files.size(p) + ":" + Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return m;
    }
}
