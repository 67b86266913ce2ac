package org.itkm.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jshell.execution.DirectExecutionControl;

/**
 * Runs JShell snippets in this JVM, on one long-lived worker thread, and keeps each snippet's value as an
 * object (not only its string form) so the kernel can render it (a {@code DisplayData} value is shown as
 * its MIME bundle). {@link #stop()} interrupts the running snippet; code that ignores the interrupt is
 * stopped after a grace period where the JVM still allows it (Java 17-19), else left running on its own
 * thread while a fresh worker thread takes the next cells.
 */
final class CellExecutionControl extends DirectExecutionControl {
    private static final Object NULL = new Object();
    private static final long STOP_GRACE_MILLIS = 2000;
    private static final AtomicInteger WORKERS = new AtomicInteger();

    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Object lock = new Object();
    private volatile boolean cellActive;
    private Worker worker;

    /**
     * The value an expression snippet produced, taken once by its key (the string JShell reports as the
     * snippet's value); empty when {@code key} is not one (a statement, a declaration).
     */
    java.util.Optional<Object> takeResult(String key) {
        Object value = results.remove(key);
        return value == null ? java.util.Optional.empty() : java.util.Optional.of(value == NULL ? NULL : value)
                .map(v -> v == NULL ? null : v);
    }

    /** Drops the values nobody took (statements are invoked too, but JShell reports no value for them). */
    void clearResults() {
        results.clear();
    }

    /** True once after {@link #stop()} stopped the cell (while it compiled or ran). */
    boolean consumeStopped() {
        return stopped.getAndSet(false);
    }

    /** A cell starts: a stop from now on stops it, also while JShell still compiles it. */
    void beginCell() {
        stopped.set(false);
        cellActive = true;
    }

    void endCell() {
        cellActive = false;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        if (stopped.get()) {
            throw new StoppedException(); // stopped while compiling: run nothing more of this cell
        }
        Worker w;
        synchronized (lock) {
            if (worker == null || !worker.isAlive() || worker.abandoned) {
                worker = new Worker();
                worker.start();
            }
            w = worker;
        }
        Object value = w.execute(doitMethod);
        String key = UUID.randomUUID().toString();
        results.put(key, value == null ? NULL : value);
        return key;
    }

    /** A bare variable name as an expression: JShell asks for the variable's value; keep the object. */
    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException,
            InternalException {
        Object value;
        try {
            java.lang.reflect.Field field = findClass(className).getDeclaredField(varName);
            field.setAccessible(true);
            value = field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return super.varValue(className, varName);
        }
        String key = UUID.randomUUID().toString();
        results.put(key, value == null ? NULL : value);
        return key;
    }

    @Override
    public void stop() {
        Worker w;
        synchronized (lock) {
            w = worker;
        }
        if (cellActive || (w != null && w.busy())) {
            stopped.set(true);
        }
        if (w != null && w.busy()) {
            w.interruptTask(STOP_GRACE_MILLIS);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (worker != null) {
                worker.shutdown();
            }
        }
        super.close();
    }

    /** The thread cells run on: the same one for every cell, so thread-local state (DJL, PyTorch) persists. */
    private static final class Worker extends Thread {
        private Method task;
        private Object result;
        private Throwable failure;
        private boolean done;
        private boolean exit;
        private volatile boolean running;
        private volatile boolean stopRequested;
        private volatile boolean abandoned;

        Worker() {
            super("itkm-cell-" + WORKERS.incrementAndGet());
            setDaemon(true);
            setContextClassLoader(CellExecutionControl.class.getClassLoader());
        }

        boolean busy() {
            return running;
        }

        synchronized Object execute(Method doitMethod) throws Exception {
            stopRequested = false;
            running = true; // busy from the hand-over on, so a stop in between is not lost
            task = doitMethod;
            done = false;
            result = null;
            failure = null;
            notifyAll();
            while (!done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoppedException();
                }
                if (abandoned && !done) {
                    throw new StoppedException();
                }
            }
            if (failure != null) {
                if (failure instanceof InvocationTargetException ite) {
                    throw ite;
                }
                throw new InvocationTargetException(failure);
            }
            return result;
        }

        @Override
        public void run() {
            while (true) {
                Method m;
                synchronized (this) {
                    while (task == null && !exit) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            // an interrupt aimed at a finished cell: nothing to stop
                        }
                    }
                    if (exit) {
                        return;
                    }
                    m = task;
                    task = null;
                }
                Object value = null;
                Throwable error = null;
                try {
                    if (stopRequested) {
                        throw new InvocationTargetException(new InterruptedException("stopped before it started"));
                    }
                    value = m.invoke(null);
                } catch (InvocationTargetException e) {
                    error = e;
                } catch (Throwable t) {
                    error = t;
                } finally {
                    running = false;
                    Thread.interrupted(); // a late interrupt must not leak into the next cell
                }
                synchronized (this) {
                    result = value;
                    failure = error;
                    done = true;
                    notifyAll();
                }
                if (abandoned) {
                    return;
                }
            }
        }

        void interruptTask(long graceMillis) {
            stopRequested = true;
            interrupt();
            long deadline = System.currentTimeMillis() + graceMillis;
            while (running && System.currentTimeMillis() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (!running) {
                return;
            }
            forceStop();
            synchronized (this) {
                if (running) { // still running: let it finish alone, the next cell gets a fresh worker
                    abandoned = true;
                    notifyAll();
                }
            }
        }

        @SuppressWarnings({"deprecation", "removal"})
        private void forceStop() {
            try {
                stop(); // Thread.stop: works on Java 17-19, throws UnsupportedOperationException from Java 20
                long deadline = System.currentTimeMillis() + 1000;
                while (running && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
            } catch (UnsupportedOperationException | InterruptedException e) {
                // left running; the caller abandons this worker
            }
        }

        synchronized void shutdown() {
            exit = true;
            notifyAll();
        }
    }
}
