package org.itkm.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The one place the kit asks whether an input folder or file can be read, so that one the user cannot read
 * is an error naming it ("permission denied") instead of a folder that looks empty or absent: a camera
 * folder of mode 000 made its images vanish from the data set without a word.
 *
 * <p>The checks ask the system ({@link Files#isReadable}, {@link Files#isExecutable}); as root every
 * check passes whatever the mode. {@link #refuseForTesting} is the seam that lets a test refuse paths as
 * a mode-000 folder or file would, as root too.
 */
public final class ReadAccess {
    private static final Predicate<Path> NONE = p -> false;
    private static volatile Predicate<Path> refused = NONE;

    private ReadAccess() {}

    /**
     * Fails unless {@code dir} can be listed and entered: "{@code dir}: permission denied (cannot list
     * {@code what})". A folder that does not exist is left to the caller's own message.
     */
    public static void requireFolder(Path dir, String what) {
        if (isRefused(dir) || Files.isDirectory(dir) && !(Files.isReadable(dir) && Files.isExecutable(dir))) {
            throw denied(dir, "cannot list " + what);
        }
    }

    /** Fails unless {@code file} can be read: "{@code file}: permission denied (cannot read {@code what})". */
    public static void requireFile(Path file, String what) {
        if (isRefused(file) || Files.exists(file) && !Files.isReadable(file)) {
            throw denied(file, "cannot read " + what);
        }
    }

    /**
     * The entries of a folder that {@link #requireFolder} accepts, in the system's order; an I/O failure is
     * an error naming the folder and the reason.
     */
    public static List<Path> list(Path dir, String what) {
        requireFolder(dir, what);
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            IOException io = e instanceof IOException x ? x : ((java.io.UncheckedIOException) e).getCause();
            throw new InvalidInputException(dir + ": " + IoReasons.of(io) + " (cannot list " + what + ")", e);
        }
    }

    /** The error for a path the user may not read. */
    public static InvalidInputException denied(Path path, String doing) {
        return new InvalidInputException(path + ": permission denied (" + doing + "); make it readable, e.g."
                + " chmod -R u+rX " + path);
    }

    private static boolean isRefused(Path p) {
        Predicate<Path> r = refused;
        return r != NONE && (r.test(p) || r.test(p.toAbsolutePath().normalize()));
    }

    /**
     * For tests: until the returned handle is closed, every path {@code refuse} accepts is treated as a
     * folder or file of mode 000 (root is refused too). One at a time.
     */
    public static Refusal refuseForTesting(Predicate<Path> refuse) {
        Objects.requireNonNull(refuse);
        synchronized (ReadAccess.class) {
            if (refused != NONE) {
                throw new IllegalStateException("a refusal is already in place");
            }
            refused = refuse;
        }
        return new Refusal();
    }

    /** Ends a {@link #refuseForTesting} refusal. */
    public static final class Refusal implements AutoCloseable {
        private Refusal() {}

        @Override
        public void close() {
            refused = NONE;
        }
    }
}
