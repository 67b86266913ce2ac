package org.itkm.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;
import org.itkm.io.InvalidInputException;

/**
 * Starts the DJL PyTorch engine the kit runs on, offline, and describes it. The native library comes
 * from the {@code pytorch-native-*} jar on the class path (or {@code PYTORCH_LIBRARY_PATH}); nothing is
 * ever downloaded.
 */
public final class EngineRuntime {
    private EngineRuntime() {}

    /** Forbid DJL's download path before anything touches the engine. */
    public static void forceOffline() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        // DJL's usage telemetry is off by default in 0.32; make sure of it on every machine.
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }

    /** The environment variables (or system properties of the same name) that steer DJL's engine start. */
    static final String[] CACHE_VARIABLES = {"DJL_CACHE_DIR", "ENGINE_CACHE_DIR"};

    private static volatile boolean started;

    /**
     * The PyTorch engine, started if needed. A setting of the environment that keeps it from starting
     * (a DJL_CACHE_DIR that is a file, a PYTORCH_VERSION the kit does not ship, an unknown DJL_DEFAULT_ENGINE)
     * is an {@link InvalidInputException} naming the variable and what is expected, not a trace.
     */
    public static Engine engine() {
        forceOffline();
        if (!started) {
            InvalidInputException bad = checkEnvironment(EngineRuntime::setting);
            if (bad != null) {
                throw bad;
            }
        }
        try {
            Engine e = Engine.getEngine("PyTorch");
            started = true;
            return e;
        } catch (RuntimeException | LinkageError e) {
            InvalidInputException bad = explain(e, EngineRuntime::setting);
            if (bad != null) {
                throw bad;
            }
            throw new IllegalStateException("cannot start the DJL PyTorch engine offline: " + e.getMessage()
                    + ". The native library comes from the pytorch-native-cpu (or -cu124) jar next to itkm.jar;"
                    + " rebuild it (touch pom.xml; ./itkm info), or set PYTORCH_LIBRARY_PATH to a torch/lib directory of"
                    + " PyTorch 2.5.1", e);
        }
    }

    /** A DJL setting: the system property of that name, else the environment variable; null when unset or empty. */
    static String setting(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isEmpty()) {
            v = System.getenv(name);
        }
        return v == null || v.isEmpty() ? null : v;
    }

    /**
     * What is wrong with the engine's cache settings before the engine starts, or null: DJL_CACHE_DIR or
     * ENGINE_CACHE_DIR naming a file, or a folder under a file (the engine extracts its native library there).
     */
    static InvalidInputException checkEnvironment(Function<String, String> settings) {
        for (String name : CACHE_VARIABLES) {
            String value = settings.apply(name);
            if (value == null) {
                continue;
            }
            Path dir;
            try {
                dir = Path.of(value);
            } catch (InvalidPathException e) {
                return new InvalidInputException(name + "=" + value + " is not a valid path; " + expected(name));
            }
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                return new InvalidInputException(name + "=" + value + " is a file; " + expected(name));
            }
            for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
                if (Files.exists(p)) {
                    if (!Files.isDirectory(p)) {
                        return new InvalidInputException(name + "=" + value + " lies under " + p + ", which is a file;"
                                + " " + expected(name));
                    }
                    break;
                }
            }
        }
        return null;
    }

    /**
     * The engine start failure {@code failure} explained by a setting of the environment, or null when none
     * explains it (then it is a fault of the installation or of the kit).
     */
    static InvalidInputException explain(Throwable failure, Function<String, String> settings) {
        String cause = rootMessage(failure);
        for (String name : CACHE_VARIABLES) {
            String value = settings.apply(name);
            if (value == null) {
                continue;
            }
            for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
                if (c instanceof FileSystemException fs && fs.getFile() != null
                        && Path.of(fs.getFile()).toAbsolutePath().startsWith(Path.of(value).toAbsolutePath())) {
                    return new InvalidInputException(name + "=" + value + ": " + reason(fs) + " (" + fs.getFile() + "); "
                            + expected(name), failure);
                }
            }
        }
        String version = settings.apply("PYTORCH_VERSION");
        if (version != null) {
            return new InvalidInputException("PYTORCH_VERSION=" + version + ": the engine cannot start with it offline ("
                    + cause + "); the kit runs on the PyTorch natives it ships with: unset PYTORCH_VERSION", failure);
        }
        String engine = settings.apply("DJL_DEFAULT_ENGINE");
        if (engine == null) {
            engine = settings.apply("ai.djl.default_engine");
        }
        if (engine != null && !engine.equals("PyTorch")) {
            return new InvalidInputException("DJL_DEFAULT_ENGINE=" + engine + ": the engine cannot start (" + cause
                    + "); the kit runs on PyTorch: unset DJL_DEFAULT_ENGINE or set it to PyTorch", failure);
        }
        String library = settings.apply("PYTORCH_LIBRARY_PATH");
        if (library != null) {
            return new InvalidInputException("PYTORCH_LIBRARY_PATH=" + library + ": the engine cannot start with it ("
                    + cause + "); expected a torch/lib folder of PyTorch 2.5.1, or unset it to use the natives the"
                    + " kit ships with", failure);
        }
        return null;
    }

    private static String expected(String name) {
        return "expected a folder the engine can create and write (it extracts its native library there), or unset "
                + name + (name.equals("DJL_CACHE_DIR") ? " (default: ~/.djl.ai)" : " (default: DJL_CACHE_DIR)");
    }

    private static String reason(FileSystemException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException || e instanceof java.nio.file.NotDirectoryException) {
            return "not a folder";
        }
        return e.getReason() == null ? e.getClass().getSimpleName() : e.getReason().toLowerCase(Locale.ROOT);
    }

    /** The message of the innermost cause, first line only. */
    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** The device training and inference use: the first GPU if the engine sees one, else the CPU. */
    public static Device defaultDevice() {
        return engine().defaultDevice();
    }

    /** One line: engine, versions, device. */
    public static String describe() {
        Engine e = engine();
        Device d = e.defaultDevice();
        return String.format(Locale.ROOT, "engine %s %s (DJL %s) on %s%s", e.getEngineName(), e.getVersion(),
                Engine.getDjlVersion(), d, d.isGpu() ? " [" + e.getGpuCount() + " GPU(s)]" : " [CPU, "
                        + Runtime.getRuntime().availableProcessors() + " cores]");
    }
}
