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
    /** Shutdown hooks that write files themselves (a run recording its interruption): their files are theirs. */
    private static final java.util.Set<Thread> HOOK_WRITERS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static boolean hooked;
    private static volatile boolean stopping;

    private ExitCleanup() {}

    /**
     * A shutdown hook that writes files (with {@link AtomicFiles}) while this one removes unfinished output:
     * hooks run concurrently, so the temporary files it registers are left to it, not removed under it.
     */
    public static Thread writingHook(Runnable body, String name) {
        Thread t = new Thread(body, name);
        HOOK_WRITERS.add(t);
        return t;
    }

    /** Forgets a hook made by {@link #writingHook} that was removed before it ran. */
    public static void forgetHook(Thread hook) {
        HOOK_WRITERS.remove(hook);
    }

    /** Removes {@code path} (a file or a folder tree) if the JVM stops before {@link #unregister}. */
    public static void register(Path path, String message) {
        if (HOOK_WRITERS.contains(Thread.currentThread())) {
            return; // written by a hook during shutdown: it completes or removes the file itself
        }
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

    /** Whether the hook would remove {@code path} if the JVM stopped now. */
    static boolean pending(Path path) {
        synchronized (LOCK) {
            return PENDING.containsKey(path.toAbsolutePath().normalize());
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
