package org.itkm.train;

import org.itkm.eval.dataset.PseudoLabelDiagnostics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.itkm.config.RunConfig;
import org.itkm.data.Sample;
import org.itkm.clip.ClipModel;
import org.itkm.runtime.OwnedArrays;

/**
 * Stage I, unsupervised homogeneous learning (paper §3.1, Eq. 2-4), and the cluster-contrast baseline
 * (Table 1's "CC"): the loss is the memory contrast of every unit's images against its own cluster
 * memory, summed over units. The supervised upper bound is the baseline with every unit's true
 * identities in place of its clusters ({@link IdentityLabels}). ITKM clusters each homogeneous group of each scenario and routes images
 * through their group's branch (with the scenario embedding from Table 2's M2 on); the baseline
 * clusters each scenario whole and uses branch A only.
 */
public final class HomogeneousTraining extends EncoderTrainingLoop<HomogeneousTraining.NoState> {
    /** Stage I keeps no state besides the clusters. */
    static final class NoState implements AutoCloseable {
        @Override
        public void close() {}
    }

    /**
     * @param stage name in checkpoints and logs ({@code stage1}, or {@code baseline})
     * @param mergeGroups true for the baseline
     * @param scenarioEmbedding whether images get their scenario's embedding
     * @param groundTruth true for the supervised upper bound: true identities in place of clusters
     */
    public record Options(String stage, RunConfig.Stage schedule, boolean mergeGroups, boolean scenarioEmbedding,
            boolean groundTruth) {}

    private HomogeneousTraining(TrainingRun run, ClipModel model, NDManager manager, List<Sample> samples, Options o,
            PseudoLabelDiagnostics diagnostics) {
        super(run, model, manager, samples, o.stage(), o.schedule(), o.mergeGroups(), o.scenarioEmbedding(),
                diagnostics, o.groundTruth() ? new IdentityLabels(samples) : null);
    }

    /**
     * Trains the image encoder in place (resuming from the run's last checkpoint of this stage) and
     * returns the final pseudo-labels: one per sample, local to its unit, -1 for noise.
     */
    public static int[] train(TrainingRun run, ClipModel model, NDManager manager, List<Sample> samples, Options o,
            PseudoLabelDiagnostics diagnostics) throws IOException {
        return new HomogeneousTraining(run, model, manager, samples, o, diagnostics).train();
    }

    @Override
    NoState prepare(EpochClusters clusters, int epoch, Map<String, Object> row) {
        return new NoState();
    }

    @Override
    NDArray loss(NoState state, EpochClusters ec, int[] batch, NDArray features, NDManager step) {
        NDArray total = null;
        for (int u = 0; u < ec.units.size(); u++) {
            int[] pos = positionsOf(ec, u, batch);
            if (pos.length == 0) {
                continue;
            }
            int[] y = new int[pos.length];
            for (int i = 0; i < pos.length; i++) {
                y[i] = ec.labels[batch[pos[i]]];
            }
            NDArray f = features.get(new NDIndex("{}", OwnedArrays.ints(step, pos, new Shape(pos.length))));
            NDArray l = homogeneousContrast(f, ec.memories.get(u), y, step);
            total = total == null ? l : total.add(l);
        }
        return total;
    }

    @Override
    void afterStep(NoState state, EpochClusters ec, int[] batch, float[] features) {
        int dim = model.config().projectionDim();
        for (int u = 0; u < ec.units.size(); u++) {
            int[] pos = positionsOf(ec, u, batch);
            int[] y = new int[pos.length];
            for (int i = 0; i < pos.length; i++) {
                y[i] = ec.labels[batch[pos[i]]];
            }
            ec.memories.get(u).update(rowsOf(features, pos, dim), y);
        }
    }
}
