package org.itkm.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.itkm.io.InvalidInputException;
import org.itkm.io.ReadAccess;

/** A folder of a data set layout whose image files are listed in name order (deterministic). */
final class ImageDirectory {
    private ImageDirectory() {}

    /**
     * Fails with a message naming the folder and what it should hold when it is missing, and with
     * "permission denied" when it cannot be listed (its images would otherwise vanish without a word).
     */
    static Path require(Path dir, String expected) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": " + (Files.exists(dir) ? "not a directory" : "directory not found")
                    + "; expected " + expected);
        }
        ReadAccess.requireFolder(dir, expected);
        return dir;
    }

    /**
     * Files of the folder whose names end with one of the extensions (case-insensitive), sorted by name;
     * a folder or an image the user may not read is an error ("permission denied"), never left out.
     */
    static List<Path> list(Path dir, String... extensions) {
        List<Path> files = ReadAccess.list(dir, "the image folder").stream()
                .filter(p -> Files.isRegularFile(p) && hasExtension(p, extensions)).sorted().toList();
        for (Path f : files) {
            ReadAccess.requireFile(f, "the image");
        }
        return files;
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
