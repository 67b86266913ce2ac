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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;

/**
 * Decodes and transforms batches of images on a fixed number of threads (default: every core) and
 * hands them to DJL as one (B, 3, H, W) float32 array built on a reused direct buffer (DESIGN §1:
 * a fresh buffer per array makes RSS creep). Augmentation randomness comes from (seed, image's
 * position in the batch), so a batch is reproducible whatever the thread schedule.
 *
 * <p>Decoded images are kept in memory up to a byte budget (first come, first kept), so later epochs
 * only augment: decoding is most of the per-image cost for small person crops.
 */
public final class ImageBatchLoader implements AutoCloseable {
    private final List<Sample> samples;
    private final ImageTransform transform;
    private final ForkJoinPool pool;
    private final AtomicReferenceArray<RgbImage> cache;
    private final AtomicLong cacheBudget;
    private float[] values = new float[0];
    // one image's values per pool thread (batch(): transformed there, then copied into the engine's buffer)
    private final ThreadLocal<float[]> scratch = ThreadLocal.withInitial(() -> new float[0]);
    // two direct buffers used in turn: a batch stays valid while the next one is loaded (prefetch)
    private final ByteBuffer[] buffers = new ByteBuffer[2];
    private int next;

    /** Default budget for decoded images: a quarter of the maximum heap. */
    public static long defaultCacheBytes() {
        return Runtime.getRuntime().maxMemory() / 4;
    }

    /**
     * @param threads decoding threads
     * @param cacheBytes how many bytes of decoded images to keep (0 = decode every time)
     */
    public ImageBatchLoader(List<Sample> samples, ImageTransform transform, int threads, long cacheBytes) {
        this.samples = List.copyOf(samples);
        this.transform = transform;
        this.pool = new ForkJoinPool(Math.max(1, threads));
        this.cache = new AtomicReferenceArray<>(samples.size());
        this.cacheBudget = new AtomicLong(Math.max(0, cacheBytes));
    }

    public ImageBatchLoader(List<Sample> samples, ImageTransform transform, int threads) {
        this(samples, transform, threads, defaultCacheBytes());
    }

    public ImageBatchLoader(List<Sample> samples, ImageTransform transform) {
        this(samples, transform, Runtime.getRuntime().availableProcessors());
    }

    /** The images it loads, by index. */
    public List<Sample> samples() {
        return samples;
    }

    public ImageTransform transform() {
        return transform;
    }

    /** The decoded image of one sample (from the cache when it holds it). */
    RgbImage image(int index) {
        RgbImage img = cache.get(index);
        if (img != null) {
            return img;
        }
        img = RgbImage.read(samples.get(index).path());
        if (cacheBudget.addAndGet(-img.bytes()) >= 0) {
            cache.set(index, img); // a racing duplicate decode only costs time: both are equal
        } else {
            cacheBudget.addAndGet(img.bytes());
        }
        return img;
    }

    public int threads() {
        return pool.getParallelism();
    }

    /**
     * The transformed images of the given sample indices, CHW each, concatenated. The returned array
     * is reused by the next call.
     */
    public synchronized float[] load(int[] indices, long seed) {
        return fill(indices, seed);
    }

    /** Transforms the images into {@code values} on the pool's threads. */
    private float[] fill(int[] indices, long seed) {
        int len = transform.length();
        if (values.length != indices.length * len) {
            values = new float[indices.length * len];
        }
        float[] out = values;
        run(indices.length, i -> transform.apply(image(indices[i]), new Random(SeedMix.of(seed, i)), out, i * len));
        return out;
    }

    /**
     * Transforms the images straight into the engine's buffer: each thread transforms one image into its
     * own small scratch array (it stays in the core's cache) and copies it to the image's place, so no
     * batch-sized intermediate array is written and read back.
     */
    private void fill(int[] indices, long seed, ByteBuffer target) {
        int len = transform.length();
        run(indices.length, i -> {
            float[] one = scratch.get();
            if (one.length != len) {
                one = new float[len];
                scratch.set(one);
            }
            transform.apply(image(indices[i]), new Random(SeedMix.of(seed, i)), one, 0);
            // an absolute bulk put: threads write disjoint ranges, no shared position
            target.asFloatBuffer().put(i * len, one, 0, len);
        });
    }

    /** Runs {@code perImage} for 0 .. n-1 on the pool's threads and waits. */
    private void run(int n, java.util.function.IntConsumer perImage) {
        try {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(perImage)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading images", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * The batch as a (B, 3, H, W) float32 array in {@code manager}. The PyTorch engine wraps a direct
     * buffer without copying, so the array shares one of the loader's two buffers: it stays valid
     * through the next call (a prefetched batch) and is overwritten by the call after that.
     */
    public synchronized NDArray batch(NDManager manager, int[] indices, long seed) {
        int bytes = indices.length * transform.length() * Float.BYTES;
        ByteBuffer buffer = buffers[next];
        if (buffer == null || buffer.capacity() != bytes) {
            buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
            buffers[next] = buffer;
        }
        next = 1 - next;
        buffer.rewind();
        fill(indices, seed, buffer);
        InputSize s = transform.size();
        return manager.create(buffer.rewind(), new Shape(indices.length, 3, s.height(), s.width()), DataType.FLOAT32);
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
