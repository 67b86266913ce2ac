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
 *       is removed, with a line on stderr saying so; anything else under that name is left alone and
 *       reported. Stopped by Ctrl-C or SIGTERM, a command removes its staging folder itself
 *       ({@link ExitCleanup});</li>
 *   <li>an earlier output is replaced by moving it aside ({@code .<name>.replaced}), moving the new one
 *       into place, then deleting the old one: killed in between, the next run puts the earlier output
 *       back (if nothing is under the final name) or finishes deleting it;</li>
 *   <li>folders made by a version of the kit that wrote no marker are recognised by a file only the
 *       command writes (synth's {@code synthums.json}: the {@code legacyFile} of
 *       {@link #prepare(String, Path, boolean, String, List, String)}).</li>
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
    private static final String ASIDE_SUFFIX = ".replaced";

    private final String command;
    private final Path target;
    private final Path staging;
    private final String legacyFile;
    private boolean committed;

    private OutputFolder(String command, Path target, Path staging, String legacyFile) {
        this.command = command;
        this.target = target;
        this.staging = staging;
        this.legacyFile = legacyFile;
    }

    /**
     * Checks that {@code command} may make {@code target} and creates its staging folder (with the marker).
     *
     * @param option the option that named the target, for messages ("--out")
     * @param replace whether the user asked to replace an earlier output of the command (--replace)
     * @param inputs the command's inputs: the target may not be one, contain one, or lie inside one
     */
    public static OutputFolder prepare(String command, Path target, boolean replace, String option, List<Path> inputs) {
        return prepare(command, target, replace, option, inputs, null);
    }

    /**
     * {@link #prepare(String, Path, boolean, String, List)} for a command whose earlier versions wrote no
     * marker: a folder holding {@code legacyFile} (a file only that command writes) also counts as its
     * earlier output.
     */
    public static OutputFolder prepare(String command, Path target, boolean replace, String option, List<Path> inputs,
            String legacyFile) {
        Path abs = check(command, target, replace, option, inputs, legacyFile);
        Path staging = stagingOf(abs);
        try {
            if (recoverAside(command, abs, legacyFile)) {
                check(command, target, replace, option, inputs, legacyFile); // it is back: --replace applies to it
            }
            if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
                if (!madeBy(staging, command) && !barelyStarted(staging)) {
                    throw new InvalidInputException(staging + ": exists and was not made by itkm " + command
                            + "; it is where " + option + " " + target + " is written before it is complete:"
                            + " move it away or choose another " + option);
                }
                FileTrees.delete(staging); // the unfinished output of an interrupted earlier run
                note("note: removed " + staging + ", the unfinished output of an interrupted earlier itkm " + command);
            }
            Files.createDirectories(abs.getParent());
            ExitCleanup.register(staging, "interrupted: removed the unfinished output " + staging + "; " + target
                    + (Files.exists(abs, LinkOption.NOFOLLOW_LINKS) ? " is as it was" : " was not created"));
            Files.createDirectory(staging);
            Files.writeString(staging.resolve(MARKER), "command=" + command + "\ncreated=" + Instant.now() + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            ExitCleanup.unregister(staging);
            throw new UncheckedIOException(e);
        }
        return new OutputFolder(command, abs, staging, legacyFile);
    }

    /**
     * A staging folder killed before its marker was complete: empty, or holding nothing but the marker (nothing
     * of anyone's is lost by removing it).
     */
    private static boolean barelyStarted(Path staging) throws IOException {
        if (!Files.isDirectory(staging, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> s = Files.list(staging)) {
            return s.allMatch(p -> p.getFileName().toString().equals(MARKER)
                    && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS));
        }
    }

    /** The hidden sibling a target is written into: {@code .<name>.partial}. */
    public static Path stagingOf(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        return abs.resolveSibling("." + abs.getFileName() + STAGING_SUFFIX);
    }

    private static Path asideOf(Path abs) {
        return abs.resolveSibling("." + abs.getFileName() + ASIDE_SUFFIX);
    }

    /**
     * An earlier output left aside by a replacement that was killed: put back (returns true), or deleted when
     * the new output is in place.
     */
    private static boolean recoverAside(String command, Path abs, String legacyFile) throws IOException {
        Path aside = asideOf(abs);
        if (!Files.isDirectory(aside, LinkOption.NOFOLLOW_LINKS) || !isEarlierOutput(aside, command, legacyFile)) {
            return false;
        }
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            FileTrees.delete(aside);
            note("note: removed " + aside + ", the earlier output an interrupted itkm " + command + " had replaced");
            return false;
        }
        Files.move(aside, abs, StandardCopyOption.ATOMIC_MOVE);
        note("note: put back " + abs + ", the earlier output an interrupted itkm " + command + " was replacing");
        return true;
    }

    private static void note(String line) {
        System.err.println(line);
        System.err.flush();
    }

    /**
     * The checks of {@link #prepare} alone: throws an {@link InvalidInputException} naming the option, the
     * folder and what to do when {@code command} may not write {@code target}; returns the absolute target.
     */
    public static Path check(String command, Path target, boolean replace, String option, List<Path> inputs) {
        return check(command, target, replace, option, inputs, null);
    }

    /** {@link #check(String, Path, boolean, String, List)} with a legacy file (see {@link #prepare}). */
    public static Path check(String command, Path target, boolean replace, String option, List<Path> inputs,
            String legacyFile) {
        if (target.toString().isBlank()) {
            throw new InvalidInputException(option + " is empty; expected the folder to create");
        }
        Path abs = target.toAbsolutePath().normalize();
        Path real = canonical(abs);
        Path cwd = canonical(Path.of("").toAbsolutePath().normalize());
        if (abs.getParent() == null || real.getParent() == null) {
            throw new InvalidInputException(option + " " + target + ": the root folder cannot be an output");
        }
        if (cwd.startsWith(real)) {
            throw new InvalidInputException(option + " " + target + " is " + (cwd.equals(abs) ? "the current folder"
                    : "a parent of the current folder") + "; expected a new folder (e.g. " + option + " "
                    + defaultName(command) + ")");
        }
        KitHome.find().map(OutputFolder::canonical).filter(h -> h.startsWith(real)).ifPresent(h -> {
            throw new InvalidInputException(option + " " + target + " holds the kit itself (" + h + ");"
                    + " expected a new folder");
        });
        for (Path in : inputs) {
            if (in == null || in.toString().isBlank()) {
                continue;
            }
            Path i = canonical(in.toAbsolutePath().normalize());
            if (i.startsWith(real) || real.startsWith(i)) {
                throw new InvalidInputException(option + " " + target + (i.equals(real) ? " is"
                        : i.startsWith(real) ? " holds" : " lies inside") + " an input of this command (" + in
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
                if (!isEarlierOutput(abs, command, legacyFile)) {
                    throw new InvalidInputException(option + " " + target + " exists, is not empty and was not made by"
                            + " itkm " + command + " (no " + MARKER + "); it is never replaced: choose a new folder");
                }
                if (!replace) {
                    throw new InvalidInputException(option + " " + target + " holds an earlier output of itkm " + command
                            + "; add --replace to replace it, or choose another folder");
                }
            }
        }
        requireWritableFolderFor(abs, option, target);
        return abs;
    }

    /**
     * Checks a folder a command writes into without owning it as a whole (the results root of train and
     * reproduce: {@code --results}): not empty, a folder if it exists, not under a regular file, and one the
     * user may write in (or create). Returns it absolute.
     */
    public static Path checkWritableFolder(Path target, String option, String example) {
        if (target.toString().isBlank()) {
            throw new InvalidInputException(option + " is empty; expected a folder, e.g. " + option + " " + example);
        }
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            if (!Files.isDirectory(abs)) {
                throw new InvalidInputException(option + " " + target + " is a file, not a folder; expected a folder,"
                        + " e.g. " + option + " " + example);
            }
            if (!Files.isWritable(abs)) {
                throw new InvalidInputException(option + " " + target + ": permission denied: cannot write in it;"
                        + " expected a folder you may write in");
            }
            return abs;
        }
        requireWritableFolderFor(abs, option, target);
        return abs;
    }

    /**
     * The nearest existing ancestor of {@code abs} must be a folder the user may write in: a path under a
     * regular file, or in a folder without write permission, is an {@link InvalidInputException} naming
     * {@code option} and {@code given}.
     */
    static void requireWritableFolderFor(Path abs, String option, Path given) {
        Path p = abs.getParent();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return;
        }
        if (!Files.isDirectory(p)) {
            throw new InvalidInputException(option + " " + given + ": " + p + " is a file, not a folder; expected a"
                    + " path in a folder");
        }
        if (!Files.isWritable(p)) {
            throw new InvalidInputException(option + " " + given + ": permission denied: cannot create entries in " + p
                    + "; expected a folder you may write in");
        }
    }

    /**
     * {@code abs} with symbolic links resolved as far as it exists (the rest appended as given), so that two
     * names of one folder compare equal.
     */
    public static Path canonical(Path abs) {
        Path p = abs.toAbsolutePath().normalize();
        Path rest = null;
        while (p != null) {
            try {
                Path r = p.toRealPath();
                return rest == null ? r : r.resolve(rest).normalize();
            } catch (IOException e) {
                Path name = p.getFileName();
                if (name == null) {
                    break;
                }
                rest = rest == null ? name : name.resolve(rest);
                p = p.getParent();
            }
        }
        return abs.toAbsolutePath().normalize();
    }

    /** Whether {@code dir} carries the marker of {@code command}, or (legacy) holds {@code legacyFile}. */
    static boolean isEarlierOutput(Path dir, String command, String legacyFile) {
        return madeBy(dir, command)
                || legacyFile != null && Files.isRegularFile(dir.resolve(legacyFile), LinkOption.NOFOLLOW_LINKS);
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

    /**
     * Moves the complete output into place, replacing the earlier output the checks allowed (moved aside,
     * then deleted once the new one is in place); returns the target.
     */
    public Path commit() throws IOException {
        if (committed) {
            return target;
        }
        Path aside = asideOf(target);
        ExitCleanup.locked(() -> {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                // checked again: the folder may have changed since prepare()
                if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)
                        || !isEmpty(target) && !isEarlierOutput(target, command, legacyFile)) {
                    throw new InvalidInputException(target + " changed while itkm " + command + " ran and is no longer"
                            + " its output; the new output is kept in " + staging);
                }
                FileTrees.delete(aside);
                Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
            ExitCleanup.unregister(staging);
        });
        FileTrees.delete(aside);
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
            ExitCleanup.unregister(staging);
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
            case "make-pocket-clip" -> "models/pocket-clip";
            default -> "out/" + command.replace(' ', '-');
        };
    }
}
