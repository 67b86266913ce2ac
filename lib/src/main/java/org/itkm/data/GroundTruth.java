package org.itkm.data;

import java.util.List;
import org.itkm.eval.ImageLabels;

/**
 * The only way to read a {@link Sample}'s identity and clothes: for evaluation (query/gallery labels)
 * and diagnostics (pseudo-label F-score, t-SNE colouring). Unsupervised training code must never call
 * it; keeping it a separate, explicitly imported type makes any such use visible.
 */
public final class GroundTruth {
    private GroundTruth() {}

    public static int pid(Sample s) {
        return s.pid;
    }

    /** The clothes id, or {@link Sample#NO_CLOTHES}. */
    public static int clothes(Sample s) {
        return s.clothes;
    }

    /** Person ids in order. */
    public static int[] pids(List<Sample> samples) {
        return samples.stream().mapToInt(s -> s.pid).toArray();
    }

    /**
     * Evaluation labels (pid, camera, clothes) in order; clothes are null when any sample has none.
     */
    public static ImageLabels labels(List<Sample> samples) {
        int[] pids = pids(samples);
        int[] cams = samples.stream().mapToInt(Sample::camid).toArray();
        boolean allClothes = !samples.isEmpty() && samples.stream().allMatch(s -> s.clothes != Sample.NO_CLOTHES);
        int[] clothes = allClothes ? samples.stream().mapToInt(s -> s.clothes).toArray() : null;
        return new ImageLabels(pids, cams, clothes);
    }
}
