package org.itkm.train;

import org.itkm.eval.dataset.EncoderFeatures;

import org.itkm.eval.dataset.PseudoLabelDiagnostics;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.itkm.cluster.JaccardDbscan;
import org.itkm.cluster.MomentumMemory;
import org.itkm.cluster.PseudoLabels;
import org.itkm.config.RunConfig;
import org.itkm.data.Sample;
import org.itkm.io.FloatMatrix;
import org.itkm.clip.ClipModel;

/**
 * One epoch's pseudo-labels: every unit's features from the current encoder, its k-reciprocal Jaccard
 * + DBSCAN clustering (for the supervised upper bound: its true identities), and its cluster memory
 * (mean-initialised; closed with the epoch). Shared by Stage I, Stage III, the baseline and the bound.
 */
final class EpochClusters implements AutoCloseable {
    final List<TrainingUnit> units;
    final List<FloatMatrix> features = new ArrayList<>();
    final List<PseudoLabels> clusters = new ArrayList<>();
    final List<MomentumMemory> memories = new ArrayList<>();
    /** Pseudo-label per training sample (local to its unit), -1 for noise. */
    final int[] labels;

    private EpochClusters(List<TrainingUnit> units, int samples) {
        this.units = units;
        this.labels = new int[samples];
        Arrays.fill(labels, -1);
    }

    /**
     * Extracts, clusters (or, with {@code identities}, labels by true identity) and builds memories; logs
     * clusters, noise and the diagnostics into {@code row}.
     */
    static EpochClusters build(ClipModel model, Device device, List<Sample> samples, List<TrainingUnit> units,
            boolean mergeGroups, boolean scenarioEmbedding, RunConfig c, PseudoLabelDiagnostics diagnostics,
            IdentityLabels identities, Map<String, Object> row) {
        EpochClusters e = new EpochClusters(units, samples.size());
        JaccardDbscan dbscan = new JaccardDbscan(c.cluster().k1(), c.cluster().k2(), c.cluster().eps(),
                c.cluster().minSamples(), new org.itkm.cluster.NearestNeighbors(device, 2048));
        double extracting = 0;
        double clustering = 0;
        try {
            for (TrainingUnit u : units) {
                long t0 = System.nanoTime();
                FloatMatrix f = EncoderFeatures.of(model, device, u.samples(samples), mergeGroups ? 0 : u.group().index(),
                        scenarioEmbedding ? u.scenarioIndex() : -1, 128);
                long t1 = System.nanoTime();
                PseudoLabels pl = identities == null ? dbscan.cluster(f) : PseudoLabels.of(identities.of(u), f);
                extracting += (t1 - t0) / 1e9;
                clustering += (System.nanoTime() - t1) / 1e9;
                e.features.add(f);
                e.clusters.add(pl);
                e.memories.add(MomentumMemory.ofClusters(pl, device, (float) c.loss().memoryMomentum(),
                        (float) c.loss().temperature()));
                int[] l = pl.labels();
                for (int i = 0; i < l.length; i++) {
                    e.labels[u.rows()[i]] = l[i];
                }
                row.put(u.name() + "_clusters", pl.clusters());
                row.put(u.name() + "_noise", pl.noise());
                diagnostics.score(u.samples(samples), l).forEach((k, x) -> row.put(u.name() + "_" + k, x));
            }
            row.put("extract_seconds", extracting);
            row.put("cluster_seconds", clustering);
            return e;
        } catch (RuntimeException ex) {
            e.close();
            throw ex;
        }
    }

    /** Index of the unit holding training sample {@code row}, or -1. */
    int unitOf(int row) {
        for (int u = 0; u < units.size(); u++) {
            if (Arrays.binarySearch(units.get(u).rows(), row) >= 0) {
                return u;
            }
        }
        return -1;
    }

    /** Position of training sample {@code row} within unit u. */
    int positionIn(int u, int row) {
        return Arrays.binarySearch(units.get(u).rows(), row);
    }

    /** Sample rows of the units with at least P clusters (the others sit the epoch out). */
    int[] trainableRows(int p) {
        List<Integer> rows = new ArrayList<>();
        for (int u = 0; u < units.size(); u++) {
            if (clusters.get(u).clusters() >= p) {
                for (int r : units.get(u).rows()) {
                    rows.add(r);
                }
            }
        }
        return rows.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    @Override
    public void close() {
        memories.forEach(MomentumMemory::close);
    }
}
