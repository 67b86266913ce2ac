package org.itkm.io;

import java.nio.file.Path;

/**
 * A second process for {@link ResultsFolderLockTest}: takes the lock of {@code args[0]} as command
 * {@code args[1]}, prints "held" and waits to be killed.
 */
public final class LockHolder {
    private LockHolder() {}

    public static void main(String[] args) throws Exception {
        ResultsFolderLock lock = ResultsFolderLock.acquire(Path.of(args[0]), args[1]);
        System.out.println("held " + lock.folder());
        System.out.flush();
        Thread.sleep(600_000);
    }
}
