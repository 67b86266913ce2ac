package org.itkm.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.itkm.io.InvalidInputException;

/** A folder of a data set layout whose image files are listed in name order (deterministic). */
final class ImageDirectory {
    private ImageDirectory() {}

    /** Fails with a message naming the folder and what it should hold when it is missing. */
    static Path require(Path dir, String expected) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": " + (Files.exists(dir) ? "not a directory" : "directory not found")
                    + "; expected " + expected);
        }
        return dir;
    }

    /** Files of the folder whose names end with one of the extensions (case-insensitive), sorted by name. */
    static List<Path> list(Path dir, String... extensions) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> Files.isRegularFile(p) && hasExtension(p, extensions)).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot list directory (" + e.getMessage() + ")", e);
        }
    }

    private static boolean hasExtension(Path p, String... extensions) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String e : extensions) {
            if (name.endsWith(e)) {
                return true;
            }
        }
        return false;
    }
}
