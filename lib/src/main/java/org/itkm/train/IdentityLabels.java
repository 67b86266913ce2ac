package org.itkm.train;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.itkm.data.GroundTruth;
import org.itkm.data.Sample;

/**
 * The supervised upper bound's "clusters": each training unit's true identities, numbered 0..C-1 in order
 * of first appearance. In VI and CC a unit is the whole scenario, so an identity spans both modalities or
 * every outfit, as a perfect clustering would make it. This is the one place training reads
 * {@link GroundTruth}, and only {@code training.method=supervised} creates it (the unsupervised stages are
 * checked not to read identities by a test that scrambles them).
 */
final class IdentityLabels {
    private final int[] pids;

    IdentityLabels(List<Sample> samples) {
        this.pids = GroundTruth.pids(samples);
    }

    /** A label per row of the unit: its identity, renumbered densely within the unit. */
    int[] of(TrainingUnit unit) {
        Map<Integer, Integer> dense = new HashMap<>();
        int[] rows = unit.rows();
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = dense.computeIfAbsent(pids[rows[i]], k -> dense.size());
        }
        return out;
    }
}
