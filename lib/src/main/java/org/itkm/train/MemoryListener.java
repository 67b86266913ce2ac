package org.itkm.train;

import org.itkm.runtime.ProcessMemory;

/** The process's resident ({@code rss_mib}) and peak ({@code peak_rss_mib}) memory at the epoch's end. */
final class MemoryListener implements EpochListener {
    @Override
    public void epochEnded(EpochEnd end) {
        end.row().put("rss_mib", ProcessMemory.rssMiB());
        end.row().put("peak_rss_mib", ProcessMemory.peakRssMiB());
    }
}
