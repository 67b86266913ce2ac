package org.itkm.train;

import ai.djl.ndarray.NDArray;
import java.util.Random;
import org.itkm.io.FloatMatrix;
import org.itkm.match.ClusterMatching;
import org.itkm.match.TextRepresentationUpdate;

/**
 * The algorithm pieces of a run that can come from elsewhere: the course labs ({@code org.itkm.lab}) train
 * with a student's homogeneous contrast loss, separation loss, DRU, CHM or IHM in their place, without a
 * copy of the trainer. {@link #KIT} is what every other run uses. Only the piece itself is replaced: where
 * it is applied, to which rows and with which weight stays the trainer's. A null piece is the kit's own,
 * run by the trainer's unchanged code, so a run without hooks is byte-identical to one before they existed.
 */
public record AlgorithmHooks(HomogeneousContrast homogeneous, Separation separation, TextUpdate textUpdate,
        ClusterMatcher clusterMatching, InstanceMatcher instanceMatching) {

    /** Eq. 3-4: scalar loss of B×D features against a C×D memory; row i's positive is {@code labels[i]} (-1: skipped). */
    @FunctionalInterface
    public interface HomogeneousContrast {
        NDArray loss(NDArray features, NDArray memory, int[] labels, float temperature);
    }

    /** Eq. 8: scalar hinge of B×D text representations of the given scenarios, margin m. */
    @FunctionalInterface
    public interface Separation {
        NDArray loss(NDArray text, int[] scenario, float margin);
    }

    /** Eq. 9-11 ({@link TextRepresentationUpdate#update}). */
    @FunctionalInterface
    public interface TextUpdate {
        TextRepresentationUpdate.Result update(FloatMatrix instanceText, int[] labels, int clusters,
                double topProportion, double updateRate);
    }

    /** Eq. 13-14 ({@link ClusterMatching#match}). */
    @FunctionalInterface
    public interface ClusterMatcher {
        ClusterMatching.Result match(FloatMatrix imageA, FloatMatrix imageB, FloatMatrix textA, FloatMatrix textB,
                double keepProbability, Random rng);
    }

    /** IHM: per image of one group, its positive set in the other group (ascending rows). */
    @FunctionalInterface
    public interface InstanceMatcher {
        int[][] positives(FloatMatrix image, FloatMatrix otherImage, FloatMatrix text, FloatMatrix otherText, int k);
    }

    /** Every piece the kit's own: the trainer's code paths, unchanged (byte-identical runs). */
    public static final AlgorithmHooks KIT = new AlgorithmHooks(null, null, null, null, null);

    /** Whether nothing is replaced. */
    public boolean isKit() {
        return homogeneous == null && separation == null && textUpdate == null && clusterMatching == null
                && instanceMatching == null;
    }

    public AlgorithmHooks withHomogeneous(HomogeneousContrast h) {
        return new AlgorithmHooks(h, separation, textUpdate, clusterMatching, instanceMatching);
    }

    public AlgorithmHooks withSeparation(Separation s) {
        return new AlgorithmHooks(homogeneous, s, textUpdate, clusterMatching, instanceMatching);
    }

    public AlgorithmHooks withTextUpdate(TextUpdate u) {
        return new AlgorithmHooks(homogeneous, separation, u, clusterMatching, instanceMatching);
    }

    public AlgorithmHooks withClusterMatching(ClusterMatcher c) {
        return new AlgorithmHooks(homogeneous, separation, textUpdate, c, instanceMatching);
    }

    public AlgorithmHooks withInstanceMatching(InstanceMatcher i) {
        return new AlgorithmHooks(homogeneous, separation, textUpdate, clusterMatching, i);
    }
}
