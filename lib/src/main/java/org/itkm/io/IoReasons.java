package org.itkm.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Why reading a file failed, in the words an error line uses: "permission denied", "no such file or folder",
 * "not a folder", or the system's own reason ("is a directory"). A {@link FileSystemException}'s message is
 * often the bare path, which would repeat the path and hide the reason.
 */
public final class IoReasons {
    private IoReasons() {}

    /** The reason of an I/O failure, lower case, without the path. */
    public static String of(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "not UTF-8 text";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof java.nio.file.DirectoryNotEmptyException) {
            return "folder not empty";
        }
        if (e instanceof FileSystemException fs) {
            if (fs.getReason() != null) {
                return fs.getReason().toLowerCase(Locale.ROOT);
            }
            return fs.getClass().getSimpleName();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.toLowerCase(Locale.ROOT);
    }
}
