package org.itkm.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A folder a command makes as a whole ({@code make-clip --out}, {@code synth --out}, {@code lab student
 * --out}, the pocket CLIP...): written into a hidden sibling {@code .<name>.partial} and moved into place
 * only when complete, so an interruption never leaves a half-written folder under the final name, and
 * marked with a file {@value #MARKER} naming the command that made it.
 *
 * <p>The rules, so that no command deletes what it did not make:
 * <ul>
 *   <li>the target may not be empty (""), the current folder, a folder holding a {@code .git} entry (a
 *       repository), an ancestor of the current folder or of the kit's home, nor an input of the command or
 *       inside one (or hold one);</li>
 *   <li>an existing target is replaced only when it is an empty folder or carries this command's marker,
 *       and (for a non-empty one) only when the user asked to replace it;</li>
 *   <li>a staging sibling left by an interrupted earlier run of the same command (it carries the marker)
 *       is removed; anything else under that name is left alone and reported.</li>
 * </ul>
 *
 * <p>Usage:
 * <pre>{@code
 * try (OutputFolder out = OutputFolder.prepare("make-clip", dir, replace, "--out", List.of())) {
 *     write(out.staging());
 *     out.commit();            // the old folder (if any) is replaced only now
 * }                            // not committed (an exception): the staging folder is removed
 * }</pre>
 */
public final class OutputFolder implements AutoCloseable {
    /** The file in every folder a command made whole: {@code command=<name>} and when. */
    public static final String MARKER = ".itkm-output";
    private static final String STAGING_SUFFIX = ".partial";

    private final String command;
    private final Path target;
    private final Path staging;
    private boolean committed;

    private OutputFolder(String command, Path target, Path staging) {
        this.command = command;
        this.target = target;
        this.staging = staging;
    }

    /**
     * Checks that {@code command} may make {@code target} and creates its staging folder (with the marker).
     *
     * @param option the option that named the target, for messages ("--out")
     * @param replace whether the user asked to replace an earlier output of the command (--replace)
     * @param inputs the command's inputs: the target may not be one, contain one, or lie inside one
     */
    public static OutputFolder prepare(String command, Path target, boolean replace, String option, List<Path> inputs) {
        Path abs = check(command, target, replace, option, inputs);
        Path staging = abs.resolveSibling("." + abs.getFileName() + STAGING_SUFFIX);
        try {
            if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
                if (!madeBy(staging, command)) {
                    throw new InvalidInputException(staging + ": exists and was not made by itkm " + command
                            + "; it is where " + option + " " + target + " is written before it is complete:"
                            + " move it away or choose another " + option);
                }
                FileTrees.delete(staging); // the unfinished output of an interrupted earlier run
            }
            Files.createDirectories(abs.getParent());
            Files.createDirectory(staging);
            Files.writeString(staging.resolve(MARKER), "command=" + command + "\ncreated=" + Instant.now() + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new OutputFolder(command, abs, staging);
    }

    /**
     * The checks of {@link #prepare} alone: throws an {@link InvalidInputException} naming the option, the
     * folder and what to do when {@code command} may not write {@code target}; returns the absolute target.
     */
    public static Path check(String command, Path target, boolean replace, String option, List<Path> inputs) {
        if (target.toString().isBlank()) {
            throw new InvalidInputException(option + " is empty; expected the folder to create");
        }
        Path abs = target.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        if (abs.getParent() == null) {
            throw new InvalidInputException(option + " " + target + ": the root folder cannot be an output");
        }
        if (cwd.startsWith(abs)) {
            throw new InvalidInputException(option + " " + target + " is " + (cwd.equals(abs) ? "the current folder"
                    : "a parent of the current folder") + "; expected a new folder (e.g. " + option + " "
                    + defaultName(command) + ")");
        }
        home().filter(h -> h.startsWith(abs)).ifPresent(h -> {
            throw new InvalidInputException(option + " " + target + " holds the kit itself (" + h + ");"
                    + " expected a new folder");
        });
        for (Path in : inputs) {
            if (in == null || in.toString().isBlank()) {
                continue;
            }
            Path i = in.toAbsolutePath().normalize();
            if (i.startsWith(abs) || abs.startsWith(i)) {
                throw new InvalidInputException(option + " " + target + (i.equals(abs) ? " is"
                        : i.startsWith(abs) ? " holds" : " lies inside") + " an input of this command (" + in
                        + "); expected a folder apart from the inputs");
            }
        }
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException(option + " " + target + " exists and is not a folder; expected a"
                        + " folder to create");
            }
            if (Files.exists(abs.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException(option + " " + target + " is a repository (it holds .git); expected a"
                        + " new folder");
            }
            if (!isEmpty(abs)) {
                if (!madeBy(abs, command)) {
                    throw new InvalidInputException(option + " " + target + " exists, is not empty and was not made by"
                            + " itkm " + command + " (no " + MARKER + "); it is never replaced: choose a new folder");
                }
                if (!replace) {
                    throw new InvalidInputException(option + " " + target + " holds an earlier output of itkm " + command
                            + "; add --replace to replace it, or choose another folder");
                }
            }
        }
        return abs;
    }

    /** Whether {@code dir} carries the marker of {@code command}. */
    public static boolean madeBy(Path dir, String command) {
        Path m = dir.resolve(MARKER);
        if (!Files.isRegularFile(m, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            return Files.readAllLines(m, StandardCharsets.UTF_8).contains("command=" + command);
        } catch (IOException e) {
            return false;
        }
    }

    /** The folder to write into. */
    public Path staging() {
        return staging;
    }

    /** The final folder (absolute). */
    public Path target() {
        return target;
    }

    /** Moves the complete output into place, replacing the earlier output the checks allowed; returns the target. */
    public Path commit() throws IOException {
        if (committed) {
            return target;
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            // checked again: the folder may have changed since prepare()
            if (!isEmpty(target) && !madeBy(target, command)) {
                throw new InvalidInputException(target + " changed while itkm " + command + " ran and is no longer"
                        + " its output; the new output is kept in " + staging);
            }
            FileTrees.delete(target);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
        return target;
    }

    /** Removes the staging folder unless the output was committed. */
    @Override
    public void close() {
        if (!committed) {
            try {
                FileTrees.delete(staging);
            } catch (IOException e) {
                System.err.println("warning: could not remove the unfinished output " + staging + ": " + e.getMessage());
            }
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String defaultName(String command) {
        return switch (command) {
            case "make-clip" -> "clip/random-vit-b-16";
            case "synth" -> "data/synthums";
            case "pretrain-clip" -> "clip/pocket";
            default -> "out/" + command.replace(' ', '-');
        };
    }

    /** The kit's checkout ({@code ITKM_HOME}, else the folder the jar was built in), when known. */
    private static Optional<Path> home() {
        String env = System.getenv("ITKM_HOME");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env).toAbsolutePath().normalize());
        }
        try {
            Path code = Path.of(OutputFolder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // lib/target/itkm.jar or lib/target/classes: the checkout is three levels up
            Path p = code.toAbsolutePath().normalize();
            for (int i = 0; i < 3 && p != null; i++) {
                p = p.getParent();
            }
            return p != null && Files.isDirectory(p.resolve("lib")) ? Optional.of(p) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
