package org.itkm.io;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one door through which a run writes its records (manifest, metrics, checkpoints, results), so that
 * a shutdown (SIGINT, SIGTERM) can wait for the write in progress to complete and then keep every later
 * one out: the run's folder is left with whole files only, and the record of the interruption is the
 * last thing written. Reentrant: a write may make other writes through the same gate.
 */
public final class WriteGate {
    /** A write that may fail with an I/O error. */
    @FunctionalInterface
    public interface Write<T> {
        T run() throws IOException;
    }

    private final ReentrantLock lock = new ReentrantLock();

    /** Runs one write; waits while another thread writes, and for ever once the gate is closed. */
    public <T> T write(Write<T> w) throws IOException {
        lock.lock();
        try {
            return w.run();
        } finally {
            lock.unlock();
        }
    }

    /** {@link #write(Write)} for a write without a result. */
    public void run(Write<?> w) throws IOException {
        write(w);
    }

    /**
     * Waits up to {@code seconds} for the write in progress, then holds the gate for the calling thread
     * (a shutdown hook) and never opens it again: that thread may still write, no other can.
     *
     * @return whether the gate was closed in time (false: a write was still in progress)
     */
    public boolean closeForShutdown(long seconds) {
        try {
            return lock.tryLock(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
