package org.itkm.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;

/**
 * Connects a kernel to the five Jupyter sockets in the one safe order: every message handler is
 * registered <em>before</em> the sockets are bound and their channel threads start. (rapaio-jupyter-kernel
 * 3.0.1 binds first and fills its handler map afterwards; a {@code kernel_info_request} that arrives in
 * between is dropped or kills the shell thread, and the notebook page waits for a reply that never comes.)
 */
public final class KernelServer {
    private final JupyterConnection connection;

    private KernelServer(JupyterConnection connection) {
        this.connection = connection;
    }

    /** Registers {@code kernel}'s handlers on a new connection for {@code props}, then binds its sockets. */
    public static KernelServer start(KernelConnectionProperties props, BaseKernel kernel) throws Exception {
        return open(new JupyterConnection(props), kernel);
    }

    /** The ordering itself (tests pass a connection that records what it saw when it was connected). */
    static KernelServer open(JupyterConnection connection, BaseKernel kernel) {
        kernel.becomeHandlerForConnection(connection); // 1. handlers
        connection.connect();                          // 2. sockets and channel threads
        return new KernelServer(connection);
    }

    /**
     * Blocks until a {@code shutdown_request} (or {@link #close()}) has closed the sockets. A cell still
     * running on the shell thread does not hold this up longer than {@code graceMillis} after the
     * shutdown was requested.
     */
    public void awaitShutdown(java.util.concurrent.CountDownLatch shutdownRequested, long graceMillis)
            throws InterruptedException {
        Thread waiter = new Thread(connection::waitUntilClose, "itkm-kernel-close");
        waiter.setDaemon(true);
        waiter.start();
        while (waiter.isAlive()) {
            if (shutdownRequested.await(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                waiter.join(graceMillis);
                return;
            }
        }
    }

    public void close() {
        connection.close();
    }
}
