package org.itkm.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Decodes and transforms batches of images on a fixed number of threads (default: every core) and
 * hands them to DJL as one (B, 3, H, W) float32 array built on a reused direct buffer (DESIGN §1:
 * a fresh buffer per array makes RSS creep). Augmentation randomness comes from (seed, image's
 * position in the batch), so a batch is reproducible whatever the thread schedule.
 */
public final class ImageBatchLoader implements AutoCloseable {
    private final List<Sample> samples;
    private final ImageTransform transform;
    private final ForkJoinPool pool;
    private float[] values = new float[0];
    private ByteBuffer buffer;

    public ImageBatchLoader(List<Sample> samples, ImageTransform transform, int threads) {
        this.samples = List.copyOf(samples);
        this.transform = transform;
        this.pool = new ForkJoinPool(Math.max(1, threads));
    }

    public ImageBatchLoader(List<Sample> samples, ImageTransform transform) {
        this(samples, transform, Runtime.getRuntime().availableProcessors());
    }

    public int threads() {
        return pool.getParallelism();
    }

    /**
     * The transformed images of the given sample indices, CHW each, concatenated. The returned array
     * is reused by the next call.
     */
    public float[] load(int[] indices, long seed) {
        int len = transform.length();
        if (values.length != indices.length * len) {
            values = new float[indices.length * len];
        }
        float[] out = values;
        try {
            pool.submit(() -> IntStream.range(0, indices.length).parallel().forEach(i -> {
                Random rnd = new Random(SeedMix.of(seed, i));
                transform.apply(ImageDecoder.decodeRgb(samples.get(indices[i]).path()), rnd, out, i * len);
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading images", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
        return out;
    }

    /**
     * The batch as a (B, 3, H, W) float32 array in {@code manager}. The array shares the loader's
     * buffer: use it (or copy it) before the next call.
     */
    public NDArray batch(NDManager manager, int[] indices, long seed) {
        float[] v = load(indices, seed);
        int bytes = v.length * Float.BYTES;
        if (buffer == null || buffer.capacity() != bytes) {
            buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        buffer.rewind();
        buffer.asFloatBuffer().put(v);
        InputSize s = transform.size();
        return manager.create(buffer.rewind(), new Shape(indices.length, 3, s.height(), s.width()), DataType.FLOAT32);
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
