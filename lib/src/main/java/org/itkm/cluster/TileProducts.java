package org.itkm.cluster;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.nio.ByteOrder;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The tiles of the product Q G^T, computed on the engine by a thread of their own while the caller
 * scans earlier tiles, and handed over in row-major tile order. For a set against itself only the tiles
 * on and above the diagonal are computed. The producer only multiplies (the engine's threads stay busy);
 * the caller copies each product out in one bulk transfer and frees it. {@link #close} stops and joins
 * the producer.
 */
final class TileProducts implements AutoCloseable {
    /** Rows i0..i1 of Q against rows j0..j1 of G; the product lives in {@code step} until copied. */
    record Tile(int i0, int i1, int j0, int j1, NDManager step, NDArray product) {
        /** Copies the product, row-major, into {@code buf} and frees it. */
        float[] copyAndFree(float[] buf) {
            try (step) {
                product.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer()
                        .get(0, buf, 0, (i1 - i0) * (j1 - j0));
            }
            return buf;
        }
    }

    /** Products computed ahead of the one being scanned. */
    private static final int AHEAD = 2;
    private static final Object END = new Object();

    private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(AHEAD + 1);
    private final Thread worker;

    TileProducts(NDArray qa, NDArray ga, int tile, boolean upperOnly) {
        int n = (int) qa.getShape().get(0);
        int ng = (int) ga.getShape().get(0);
        worker = new Thread(() -> produce(qa, ga, n, ng, tile, upperOnly), "itkm-neighbour-products");
        worker.setDaemon(true);
        worker.start();
    }

    private void produce(NDArray qa, NDArray ga, int n, int ng, int tile, boolean upperOnly) {
        try {
            for (int i0 = 0; i0 < n; i0 += tile) {
                int i1 = Math.min(n, i0 + tile);
                for (int j0 = upperOnly ? i0 : 0; j0 < ng; j0 += tile) {
                    int j1 = Math.min(ng, j0 + tile);
                    NDManager step = qa.getManager().newSubManager();
                    NDArray s;
                    try {
                        NDArray a = qa.get(new NDIndex("{}:{}", i0, i1));
                        a.attach(step);
                        NDArray b = ga.get(new NDIndex("{}:{}", j0, j1));
                        b.attach(step);
                        NDArray bt = b.transpose();
                        bt.attach(step);
                        s = onHost(a.matMul(bt), step);
                    } catch (RuntimeException | Error e) {
                        step.close();
                        throw e;
                    }
                    try {
                        ready.put(new Tile(i0, i1, j0, j1, step, s));
                    } catch (InterruptedException e) {
                        step.close();
                        throw e;
                    }
                }
            }
            ready.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed by the consumer
        } catch (RuntimeException | Error e) {
            ready.offer(e); // at most AHEAD tiles are waiting: there is room
        }
    }

    /** The array in host memory (copied from a GPU), owned by {@code step}. */
    static NDArray onHost(NDArray x, NDManager step) {
        x.attach(step);
        if (!x.getDevice().isGpu()) {
            return x;
        }
        NDArray host = x.toDevice(Device.cpu(), false);
        host.attach(step);
        return host;
    }

    /** The next tile, or null after the last; rethrows a failure of the producer. */
    Tile next() {
        Object o;
        try {
            o = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a product tile", e);
        }
        if (o == END) {
            ready.offer(END); // later calls see the end again
            return null;
        }
        if (o instanceof RuntimeException e) {
            throw e;
        }
        if (o instanceof Error e) {
            throw e;
        }
        return (Tile) o;
    }

    @Override
    public void close() {
        worker.interrupt();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Object o; (o = ready.poll()) != null;) {
            if (o instanceof Tile t) {
                t.step().close();
            }
        }
    }
}
