package org.itkm.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * Frees a direct buffer's native memory at once, when its contents have been copied elsewhere.
 *
 * <p>Why: a direct buffer's memory is returned only after a garbage collection finds the buffer
 * unreachable. The trainers copy small host arrays (positive masks, instance text representations,
 * indices) into tensors through a fresh direct buffer several times a step; with a large, quiet Java heap
 * the collector runs rarely, and those buffers piled up in native memory between collections (+1 GiB of
 * RSS over Stage III's 200 steps at the real data sets' sizes with a fixed 4 GiB heap). Freed here, the
 * process's native memory stays flat whatever the heap does. Uses {@code sun.misc.Unsafe.invokeCleaner}
 * (module jdk.unsupported, there since Java 9); where it is missing, the buffer is left to the collector.
 */
public final class DirectBuffers {
    private static final MethodHandle INVOKE_CLEANER = invokeCleaner();

    private DirectBuffers() {}

    /**
     * Releases {@code buffer}'s memory now. Only for a buffer made by {@link ByteBuffer#allocateDirect} (not a
     * slice or view) that nothing reads again: no array may still be backed by it.
     */
    public static void free(ByteBuffer buffer) {
        if (INVOKE_CLEANER == null || buffer == null || !buffer.isDirect()) {
            return;
        }
        try {
            INVOKE_CLEANER.invoke(buffer);
        } catch (Throwable t) {
            // a slice or duplicate has no cleaner of its own: the collector frees the original
        }
    }

    private static MethodHandle invokeCleaner() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field f = unsafeClass.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            Object unsafe = f.get(null);
            return MethodHandles.lookup().findVirtual(unsafeClass, "invokeCleaner",
                    MethodType.methodType(void.class, ByteBuffer.class)).bindTo(unsafe);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
