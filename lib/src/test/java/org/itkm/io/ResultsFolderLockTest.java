package org.itkm.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per results folder, with two real processes: a refusal naming the holder, and kill -9 frees it. */
class ResultsFolderLockTest {
    @TempDir
    Path dir;

    /** Starts a JVM that holds the lock of {@code folder}; returns once it says it holds it. */
    static Process holder(Path folder, String command) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), folder.toString(), command)
                .redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        assertTrue(line != null && line.startsWith("held "), "the holder process did not take the lock: " + line);
        return p;
    }

    static void kill9(Process p) throws Exception {
        new ProcessBuilder("kill", "-9", Long.toString(p.pid())).inheritIO().start().waitFor();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the holder survived kill -9");
    }

    @Test
    void aSecondProcessIsRefusedNamingTheHolderAndAKilledHolderDoesNotBlock() throws Exception {
        Path results = dir.resolve("results").resolve("quick");
        Process p = holder(results, "itkm reproduce --profile quick");
        try {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> ResultsFolderLock.acquire(results, "itkm train --profile quick"));
            String m = e.getMessage();
            assertTrue(m.contains(results.toString()), m);
            assertTrue(m.contains("in use by process " + p.pid()), m);
            assertTrue(m.contains("itkm reproduce --profile quick"), m);
            assertTrue(!m.contains("\n"), "one line: " + m);
        } finally {
            kill9(p);
        }
        assertEquals(137, p.exitValue(), "killed by SIGKILL");
        // the lock file is still there, naming the dead holder, but the system released its lock
        assertTrue(Files.readString(results.resolve(ResultsFolderLock.FILE)).contains("pid " + p.pid()));
        try (ResultsFolderLock lock = ResultsFolderLock.acquire(results, "itkm train --profile quick")) {
            assertEquals(results.toAbsolutePath().normalize(), lock.folder());
            assertTrue(Files.readString(results.resolve(ResultsFolderLock.FILE))
                    .contains("pid " + ProcessHandle.current().pid() + "\ncommand itkm train --profile quick\n"));
        }
    }

    @Test
    void aReleasedLockIsFreeForAnotherProcessAndAnotherFolderIsNeverBlocked() throws Exception {
        Path quick = dir.resolve("quick");
        Path smoke = dir.resolve("smoke");
        try (ResultsFolderLock a = ResultsFolderLock.acquire(quick, "test")) {
            Process p = holder(smoke, "notebook 06-table1"); // another folder: free while this one is held
            kill9(p);
        }
        Process p = holder(quick, "notebook 06-table1"); // released on close: another process takes it
        kill9(p);
    }

    @Test
    void withinOneProcessTheHoldIsSharedAndReleasedWithTheLastHandle() throws Exception {
        Path quick = dir.resolve("quick");
        ResultsFolderLock first = ResultsFolderLock.acquire(quick, "notebook 03-stage1");
        ResultsFolderLock again = ResultsFolderLock.acquire(quick, "notebook 03-stage1"); // a cell run twice
        first.close();
        first.close(); // closing a handle twice releases it once
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), quick.toString(), "x")
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "a refused holder exits");
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.exitValue() != 0 && said.contains("in use by process " + ProcessHandle.current().pid()),
                "still held by this process after one of two handles closed: " + said);
        again.close();
        kill9(holder(quick, "x"));
        assertTrue(List.of(Files.readString(quick.resolve(ResultsFolderLock.FILE)).split("\n")).size() == 3);
    }
}
