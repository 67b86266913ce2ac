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

    private static long statusField(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
