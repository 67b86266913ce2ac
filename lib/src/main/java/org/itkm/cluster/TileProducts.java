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
 * scans earlier tiles, and handed over in row-major tile order as host float arrays (one bulk copy
 * each). For a set against itself only the tiles on and above the diagonal are computed. Only the
 * producer thread touches engine arrays; {@link #close} stops and joins it.
 */
final class TileProducts implements AutoCloseable {
    /** Rows i0..i1 of Q against rows j0..j1 of G, row-major in {@code values}. */
    record Tile(int i0, int i1, int j0, int j1, float[] values) {}

    /** Buffers in flight: one being scanned, up to two computed ahead. */
    private static final int BUFFERS = 3;
    private static final Object END = new Object();

    private final BlockingQueue<float[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final Thread worker;

    TileProducts(NDArray qa, NDArray ga, int tile, boolean upperOnly) {
        int n = (int) qa.getShape().get(0);
        int ng = (int) ga.getShape().get(0);
        for (int b = 0; b < BUFFERS; b++) {
            free.add(new float[Math.min(tile, n) * Math.min(tile, ng)]);
        }
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
                    float[] buf = free.take();
                    try (NDManager step = qa.getManager().newSubManager()) {
                        NDArray a = qa.get(new NDIndex("{}:{}", i0, i1));
                        a.attach(step);
                        NDArray b = ga.get(new NDIndex("{}:{}", j0, j1));
                        b.attach(step);
                        NDArray bt = b.transpose();
                        bt.attach(step);
                        NDArray s = onHost(a.matMul(bt), step);
                        s.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer()
                                .get(0, buf, 0, (i1 - i0) * (j1 - j0));
                    }
                    ready.put(new Tile(i0, i1, j0, j1, buf));
                }
            }
            ready.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed by the consumer
        } catch (RuntimeException | Error e) {
            ready.offer(e);
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

    /** Gives a scanned tile's buffer back for the next product. */
    void release(Tile t) {
        free.add(t.values());
    }

    @Override
    public void close() {
        worker.interrupt();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
