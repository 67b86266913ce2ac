package org.itkm.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process (Linux /proc), for benchmarks and run manifests. */
public final class ProcessMemory {
    private ProcessMemory() {}

    /** Current resident set size in MiB, or -1 where /proc is not available. */
    public static long rssMiB() {
        return statusField("VmRSS:");
    }

    /** Peak resident set size in MiB since the process started, or -1. */
    public static long peakRssMiB() {
        return statusField("VmHWM:");
    }

    /**
     * Resets the peak resident set size to the current one (Linux: {@code 5} written to
     * /proc/self/clear_refs), so that {@link #peakRssMiB()} measures the peak of what follows.
     *
     * @return false where the kernel does not allow it (the peak then stays the process's)
     */
    public static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Peak resident set size in KiB since the start or the last {@link #resetPeak()}, or -1. */
    public static long peakRssKiB() {
        return statusFieldKiB("VmHWM:");
    }

    /** Current resident set size in KiB, or -1. */
    public static long rssKiB() {
        return statusFieldKiB("VmRSS:");
    }

    private static long statusField(String key) {
        long kib = statusFieldKiB(key);
        return kib < 0 ? -1 : kib / 1024;
    }

    private static long statusFieldKiB(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
