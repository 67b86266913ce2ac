package org.itkm.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Unfinished output removed when the JVM is stopped (Ctrl-C = SIGINT, SIGTERM, {@code System.exit}) while a
 * command writes it: a staging folder, a temporary file, a temporary data set. A kill -9 runs no hook; what
 * it leaves carries a marker and is removed by the next run of the command instead.
 *
 * <p>{@link #register} before writing, {@link #unregister} once the output is in place (or removed).
 * {@link #locked} runs a step that must not race with the hook (moving the finished output into place).
 */
public final class ExitCleanup {
    private static final Object LOCK = new Object();
    /** Path -> the line printed on stderr when the hook removes it (null: removed silently). */
    private static final Map<Path, String> PENDING = new LinkedHashMap<>();
    private static boolean hooked;
    private static volatile boolean stopping;

    private ExitCleanup() {}

    /** Removes {@code path} (a file or a folder tree) if the JVM stops before {@link #unregister}. */
    public static void register(Path path, String message) {
        synchronized (LOCK) {
            if (!hooked) {
                Runtime.getRuntime().addShutdownHook(new Thread(ExitCleanup::run, "itkm-exit-cleanup"));
                hooked = true;
            }
            PENDING.put(path.toAbsolutePath().normalize(), message);
        }
    }

    public static void unregister(Path path) {
        synchronized (LOCK) {
            PENDING.remove(path.toAbsolutePath().normalize());
        }
    }

    /**
     * Whether the JVM is stopping (the hook has started): long-running writers check it before each file,
     * so that nothing is written into a folder the hook is removing.
     */
    public static boolean stopping() {
        return stopping;
    }

    /** Runs {@code step} while the hook cannot run (it waits for the step to finish). */
    public static <E extends Exception> void locked(Step<E> step) throws E {
        synchronized (LOCK) {
            step.run();
        }
    }

    /** A step that may throw. */
    @FunctionalInterface
    public interface Step<E extends Exception> {
        void run() throws E;
    }

    private static void run() {
        stopping = true;
        synchronized (LOCK) {
            for (Map.Entry<Path, String> e : PENDING.entrySet()) {
                Path p = e.getKey();
                if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                boolean removed = false;
                // the command's threads may still be finishing a file in it: try again until it stays gone
                for (int attempt = 0; attempt < 10 && !removed; attempt++) {
                    try {
                        FileTrees.delete(p);
                        pause(30);
                        removed = !Files.exists(p, LinkOption.NOFOLLOW_LINKS);
                    } catch (IOException | RuntimeException ex) {
                        pause(30);
                    }
                }
                if (e.getValue() != null) {
                    System.err.println(removed ? e.getValue() : "interrupted: could not remove " + p
                            + " completely; the next run of the command removes it");
                    System.err.flush();
                }
            }
            PENDING.clear();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }
}
