package org.itkm.train;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.itkm.bench.EncoderMemoryModel;
import org.itkm.clip.ClipConfig;
import org.itkm.config.RunConfig;
import org.itkm.io.InvalidInputException;

/**
 * How many images a training step encodes per pass ({@code training.microBatch}): a fixed number, or for
 * {@code auto} the largest micro-batch whose forward + backward pass fits the device's free memory
 * (a GPU's, or the host's available memory on a CPU) beside the optimiser state still to come and a
 * reserve; the whole batch at once when it all fits.
 *
 * @param images images per pass; 0 = the whole batch
 * @param message what was chosen and why, for the log and the manifest
 */
public record MicroBatchPlan(int images, String message) {
    /** Kept free beside the passes: feature extraction, memories, the allocator's slack (at least 1 GiB). */
    static final double RESERVE_SHARE = 0.10;
    private static final long GIB = 1L << 30;

    /**
     * @param vision the image tower as it runs (its input size)
     * @param visionParameters parameters of the image encoder (their gradients and Adam's two moments are
     *     still to be allocated when a stage starts)
     * @param maxBatch the most images one step of the stage can hold
     */
    static MicroBatchPlan choose(RunConfig config, ClipConfig.Vision vision, long visionParameters, Device device,
            int maxBatch, String stage) {
        var fixed = config.training().fixedMicroBatch();
        if (fixed.isPresent()) {
            int n = fixed.getAsInt();
            return new MicroBatchPlan(n, String.format(Locale.ROOT, "%s: training.microBatch %s", stage,
                    n == 0 || n >= maxBatch ? "0: the whole batch (up to " + maxBatch + " images) per pass"
                            : n + ": " + n + " images per pass, up to " + passes(maxBatch, n) + " passes per step"));
        }
        DeviceMemory memory = DeviceMemory.of(device);
        return fit(vision, visionParameters, memory, maxBatch, stage);
    }

    /** The auto choice for a device with the given memory. */
    public static MicroBatchPlan fit(ClipConfig.Vision vision, long visionParameters, DeviceMemory memory, int maxBatch,
            String stage) {
        double perImage = EncoderMemoryModel.trainingBytesPerImage(vision);
        double optimiser = 3.0 * 4 * visionParameters;
        double reserve = Math.max(GIB, RESERVE_SHARE * memory.totalBytes());
        double room = memory.freeBytes() - optimiser - reserve;
        long fits = room <= 0 ? 0 : (long) Math.floor(room / perImage);
        String budget = String.format(Locale.ROOT, "%s: %.1f GiB free of %.1f GiB; %.1f MiB per image for"
                + " forward + backward of a %dx%d ViT (width %d, %d layers), %.2f GiB for gradients and Adam, %.1f GiB"
                + " reserve", memory.name(), memory.freeBytes() / (double) GIB, memory.totalBytes() / (double) GIB,
                perImage / (1 << 20), vision.inputHeight(), vision.inputWidth(), vision.width(), vision.layers(),
                optimiser / GIB, reserve / GIB);
        if (fits < 1) {
            throw new InvalidInputException(stage + ": not even one image per pass fits (" + budget + "); use a device"
                    + " with more memory, a smaller input size (data.height, data.width), or set training.microBatch");
        }
        if (fits >= maxBatch) {
            return new MicroBatchPlan(0, String.format(Locale.ROOT, "%s: training.microBatch auto: the whole batch"
                    + " (up to %d images) in one pass (%s)", stage, maxBatch, budget));
        }
        int n = (int) fits;
        return new MicroBatchPlan(n, String.format(Locale.ROOT, "%s: training.microBatch auto: %d images per pass,"
                + " up to %d passes per %d-image step (%s)", stage, n, passes(maxBatch, n), maxBatch, budget));
    }

    private static int passes(int batch, int micro) {
        return (batch + micro - 1) / micro;
    }

    /** Free and total memory of a device. */
    public record DeviceMemory(String name, long freeBytes, long totalBytes) {
        static DeviceMemory of(Device device) {
            if (device.isGpu()) {
                MemoryUsage m = CudaUtils.getGpuMemory(device);
                return new DeviceMemory(device.toString(), m.getMax() - m.getUsed(), m.getMax());
            }
            return host(device.toString());
        }

        /** The host's available memory (Linux /proc/meminfo MemAvailable, else the JVM's view of the machine). */
        static DeviceMemory host(String name) {
            long total = -1;
            long available = -1;
            try {
                for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                    if (line.startsWith("MemTotal:")) {
                        total = kib(line);
                    } else if (line.startsWith("MemAvailable:")) {
                        available = kib(line);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux: fall through
            }
            if (total < 0 || available < 0) {
                var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                        .getOperatingSystemMXBean();
                total = os.getTotalMemorySize();
                available = os.getFreeMemorySize();
            }
            return new DeviceMemory(name + " (host memory)", available, total);
        }

        private static long kib(String line) {
            return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
    }
}
