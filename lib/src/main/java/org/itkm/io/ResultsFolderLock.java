package org.itkm.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * One writer per results folder: a process that trains into {@code results/<profile>} ({@code itkm train},
 * {@code reproduce}, {@code rehearse}, {@code sweep}, a notebook) holds this lock while it runs, and a second
 * process asking for the same folder is refused with one line naming the holder (pid, command, since when).
 *
 * <p>The lock is an operating-system lock ({@link FileChannel#tryLock()}) on the file {@value #FILE} in the
 * folder: the system releases it when the holding process ends, however it ends ({@code kill -9}
 * included), so a lock left by a killed process never blocks the next run. The file itself stays (it is
 * git-ignored); its text (pid, command, start) only names the holder in the refusal.
 *
 * <p>Within one process the lock is re-entrant: asking again for a folder this process holds (a notebook
 * cell run twice, a command that calls another) shares the hold, released when every handle is closed.
 */
public final class ResultsFolderLock implements AutoCloseable {
    /** The lock file's name in the folder. */
    public static final String FILE = ".itkm-lock";

    /** The folders this process holds (absolute, normalised), to share a hold rather than fail on our own lock. */
    private static final Map<Path, Held> HELD = new HashMap<>();

    private final Held held;
    private boolean closed;

    private ResultsFolderLock(Held held) {
        this.held = held;
    }

    /** What this process holds on one folder: the open channel, the system lock and how many handles share it. */
    private static final class Held {
        final Path folder;
        final FileChannel channel;
        final FileLock lock;
        int handles = 1;

        Held(Path folder, FileChannel channel, FileLock lock) {
            this.folder = folder;
            this.channel = channel;
            this.lock = lock;
        }
    }

    /**
     * Takes the lock of {@code folder} (created if missing) for this process.
     *
     * @param command what this process is, in the words a user would recognise (e.g. {@code "itkm reproduce
     *     --profile quick"} or {@code "notebook 06-table1"}): the refusal another process gets names it
     * @throws InvalidInputException when another live process holds it: one line naming the folder, that
     *     process's pid and command, and what to do
     * @throws IOException when the folder or the lock file cannot be made (the system's reason)
     */
    public static ResultsFolderLock acquire(Path folder, String command) throws IOException {
        Path key = folder.toAbsolutePath().normalize();
        synchronized (HELD) {
            Held mine = HELD.get(key);
            if (mine != null) {
                mine.handles++;
                return new ResultsFolderLock(mine);
            }
            Files.createDirectories(key);
            FileChannel ch = FileChannel.open(key.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
                if (lock == null) {
                    String holder = holder(ch);
                    throw new InvalidInputException(folder + " is in use by " + holder + "; one process writes a"
                            + " results folder at a time: wait for it to end or stop it, or use another results"
                            + " folder (--results DIR)");
                }
                String text = "pid " + ProcessHandle.current().pid() + "\ncommand " + oneLine(command) + "\nsince "
                        + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n";
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
                ch.force(false);
            } catch (IOException | RuntimeException e) {
                ch.close(); // also releases a lock taken above
                throw e;
            }
            Held h = new Held(key, ch, lock);
            HELD.put(key, h);
            return new ResultsFolderLock(h);
        }
    }

    /** The folder this lock holds (absolute, normalised). */
    public Path folder() {
        return held.folder;
    }

    /** Releases this handle; the system lock goes when the last handle of this process is closed. */
    @Override
    public void close() throws IOException {
        synchronized (HELD) {
            if (closed) {
                return;
            }
            closed = true;
            if (--held.handles > 0) {
                return;
            }
            HELD.remove(held.folder);
            try {
                held.lock.release();
            } finally {
                held.channel.close();
            }
        }
    }

    /**
     * The holder as the lock file names it, read through the channel that failed to lock (opening the file
     * a second time and closing it could drop a lock this process holds on it):
     * "process 1234 (itkm reproduce --profile quick, since 2026-12-05T13:40:00Z)".
     */
    private static String holder(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4096);
        int n = ch.read(b, 0);
        String text = n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.UTF_8);
        String pid = field(text, "pid");
        String command = field(text, "command");
        String since = field(text, "since");
        if (pid == null) {
            return "another process (it has not written its pid yet)";
        }
        return "process " + pid + " (" + (command == null ? "command unknown" : command)
                + (since == null ? "" : ", since " + since) + ")";
    }

    private static String field(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ")) {
                String v = line.substring(name.length() + 1).trim();
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n]+", " ").trim();
    }
}
