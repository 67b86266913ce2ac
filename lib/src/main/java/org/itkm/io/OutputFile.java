package org.itkm.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A file a command writes ({@code embed --out F.npy}, {@code cluster --out labels.txt}), checked before the
 * command does any work: not empty, not a folder (".", an existing folder), not under a regular file, not
 * one of the command's inputs, in a folder the user may write in, and, when a file of that name exists,
 * replaced only when it is of the kind the command writes (so that a typo never overwrites a notebook or a
 * source file). The file itself is then written with {@link AtomicFiles}: an interruption leaves the old
 * file or nothing.
 */
public final class OutputFile {
    private OutputFile() {}

    /** What an existing file must look like to be replaced, and its name in messages ("a .npy file"). */
    public record Kind(String description, String example, Predicate<Path> matches) {}

    /** A NumPy .npy file: one that starts with the .npy magic (or is empty). */
    public static final Kind NPY = new Kind("a .npy file", "features.npy", p -> startsWith(p, new byte[] {
        (byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}));

    /** A labels file: one integer per line (or empty). */
    public static final Kind LABELS = new Kind("a labels file (one integer per line)", "labels.txt",
            OutputFile::integerLines);

    /**
     * Checks {@code target} as the output file named by {@code option}; returns it absolute. Every failure is
     * an {@link InvalidInputException} naming the option, the value and what was expected.
     *
     * @param inputs the command's inputs by option name ("--features" -> F.npy): the target may be none of them
     */
    public static Path check(Path target, String option, Map<String, Path> inputs, Kind kind) {
        if (target.toString().isBlank()) {
            throw new InvalidInputException(option + " is empty; expected a file to write, e.g. " + option + " "
                    + kind.example());
        }
        Path abs = target.toAbsolutePath().normalize();
        Path real = OutputFolder.canonical(abs);
        if (Files.isDirectory(abs)) {
            boolean cwd = real.equals(OutputFolder.canonical(Path.of("").toAbsolutePath()));
            throw new InvalidInputException(option + " " + target + " is " + (cwd ? "the current folder" : "a folder")
                    + "; expected a file, e.g. " + option + " " + target.resolve(kind.example()));
        }
        for (Map.Entry<String, Path> in : inputs.entrySet()) {
            Path p = in.getValue();
            if (p == null || p.toString().isBlank()) {
                continue;
            }
            if (OutputFolder.canonical(p.toAbsolutePath()).equals(real) || sameFile(p, abs)) {
                throw new InvalidInputException(option + " " + target + " is also " + in.getKey() + ", an input of this"
                        + " command; expected a new file name (the input is never overwritten)");
            }
        }
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException(option + " " + target + " exists and is not a regular file; expected"
                        + " a new file name or " + kind.description() + " to replace");
            }
            if (!kind.matches().test(abs)) {
                throw new InvalidInputException(option + " " + target + " exists and is not " + kind.description()
                        + "; it is never overwritten: choose another name (expected e.g. " + kind.example() + ")");
            }
        }
        OutputFolder.requireWritableFolderFor(abs, option, target);
        return abs;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean startsWith(Path p, byte[] magic) {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] head = in.readNBytes(magic.length);
            return head.length == 0 || Arrays.equals(head, magic);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean integerLines(Path p) {
        try {
            if (Files.size(p) > (256L << 20)) {
                return false;
            }
            return Files.readAllLines(p, StandardCharsets.UTF_8).stream().map(String::trim)
                    .allMatch(l -> l.isEmpty() || l.matches("-?\\d+"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
