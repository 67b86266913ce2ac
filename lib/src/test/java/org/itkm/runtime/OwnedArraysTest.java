package org.itkm.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Arrays made from Java values own a copy, and the direct buffer the copy came through is freed at once:
 * native memory does not pile up until the next garbage collection (it did by up to a GiB in Stage III).
 */
class OwnedArraysTest {
    private static long directBytes() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(p -> p.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }

    @Test
    void valuesSurviveTheirBufferAndTheBuffersAreFreedAtOnce() {
        float[] values = new float[256 * 1024]; // 1 MiB
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        try (NDManager m = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            NDArray kept = OwnedArrays.floats(m, values, new Shape(values.length));
            long before = directBytes();
            for (int i = 0; i < 200; i++) { // 200 MiB through direct buffers
                try (NDManager step = m.newSubManager()) {
                    OwnedArrays.floats(step, values, new Shape(512, 512));
                    OwnedArrays.ints(step, new int[1024], new Shape(1024));
                    OwnedArrays.longs(step, new long[1024], new Shape(1024));
                }
            }
            long grown = directBytes() - before;
            assertTrue(grown < (1 << 20), "direct buffer memory grew by " + grown + " bytes over 200 copies");
            for (int k = 0; k < 50; k++) { // reuse of the freed memory must not reach the array
                ByteBuffer b = ByteBuffer.allocateDirect(4 * values.length);
                b.asFloatBuffer().put(new float[values.length]);
            }
            assertArrayEquals(values, kept.toFloatArray());
        }
    }

    @Test
    void freeingIgnoresWhatItCannotFree() {
        DirectBuffers.free(null);
        DirectBuffers.free(ByteBuffer.allocate(16)); // a heap buffer
        ByteBuffer d = ByteBuffer.allocateDirect(64);
        DirectBuffers.free(d.slice()); // a view: left to the collector
        d.putInt(0, 7);
        assertTrue(d.getInt(0) == 7);
    }
}
