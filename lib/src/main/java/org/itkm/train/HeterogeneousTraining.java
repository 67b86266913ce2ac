package org.itkm.train;

import org.itkm.runtime.Scalars;

import org.itkm.eval.dataset.PseudoLabelDiagnostics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.itkm.cluster.MomentumMemory;
import org.itkm.cluster.NearestNeighbors;
import org.itkm.config.RunConfig;
import org.itkm.data.Group;
import org.itkm.data.Sample;
import org.itkm.io.FloatMatrix;
import org.itkm.io.NpyFile;
import org.itkm.loss.Positives;
import org.itkm.loss.TextGuidedContrastLoss;
import org.itkm.match.ClusterMatching;
import org.itkm.match.InstanceMatching;
import org.itkm.match.LinearAssignment;
import org.itkm.match.ProgressiveGraphMatching;
import org.itkm.match.TextRepresentationUpdate;
import org.itkm.clip.ClipModel;
import org.itkm.runtime.OwnedArrays;

/**
 * Stage III, unsupervised heterogeneous learning (paper §3.3, Eq. 9-17): every epoch re-cluster each
 * homogeneous group, update the text representations with DRU, match clusters across the two groups of
 * each scenario (CHM, or PGM for Table 2's M1-M4), find instance-level positives across groups (IHM, or
 * a CNL-style image-only search for M6), and train on {@code L_hom + L_CHM + L_IHM + λ·L_text}.
 *
 * <p>Without DRU (M1-M3) the text loss uses the offline Stage II representations indexed by the Stage I
 * pseudo-labels, as CCLNet does; PGM's cross-group loss has weight 0.25 and alternates direction by
 * epoch (reference C.5); CHM's applies in both directions with weight 1 (Eq. 14).
 */
public final class HeterogeneousTraining extends EncoderTrainingLoop<HeterogeneousTraining.EpochState> {
    private static final double PGM_CROSS_WEIGHT = 0.25;

    /** One epoch's matching and text state. */
    static final class EpochState implements AutoCloseable {
        final FloatMatrix[] clusterText;
        final int[][] textTargets;
        final int[] partner;
        final int[][] clusterMap;
        final int[][][] instancePositives;
        final MomentumMemory[] instanceMemories;
        final double[] crossWeight;

        EpochState(int units) {
            clusterText = new FloatMatrix[units];
            textTargets = new int[units][];
            partner = new int[units];
            Arrays.fill(partner, -1);
            clusterMap = new int[units][];
            instancePositives = new int[units][][];
            instanceMemories = new MomentumMemory[units];
            crossWeight = new double[units];
        }

        @Override
        public void close() {
            for (MomentumMemory m : instanceMemories) {
                if (m != null) {
                    m.close();
                }
            }
        }
    }

    private final RunConfig.Ablation ablation;
    private final TextRepresentations offline;
    private final int[] stageOneLabels;
    private final FloatMatrix[] instanceText;
    private final TextGuidedContrastLoss textLoss;
    /** Eq. 17's terms as metrics.csv columns: homogeneous, CHM, IHM, text (λ-weighted). */
    private final LossTerms terms = new LossTerms("stage3", TERMS);
    /** The terms' column suffixes and names, in column order. */
    static final Map<String, String> TERMS = termNames();

    private HeterogeneousTraining(TrainingRun run, ClipModel model, NDManager manager, List<Sample> samples,
            TextRepresentations offline, int[] stageOneLabels, RunConfig.Ablation ablation,
            PseudoLabelDiagnostics diagnostics) {
        super(run, model, manager, samples, "stage3", run.config().stage3(), false, ablation.scenarioEmbedding(),
                diagnostics, null);
        this.ablation = ablation;
        this.offline = offline;
        this.stageOneLabels = stageOneLabels;
        this.textLoss = new TextGuidedContrastLoss(config.loss().temperature());
        this.instanceText = new FloatMatrix[units.size()];
        for (int u = 0; u < units.size(); u++) { // u_n initialised as the offline cluster text of n's Stage I cluster
            instanceText[u] = TextRepresentationUpdate.fromOffline(offline.unit(u), select(stageOneLabels,
                    units.get(u).rows()));
        }
    }

    /** Trains the Stage I encoder in place into the ITKM model; returns the last epoch's pseudo-labels. */
    public static int[] train(TrainingRun run, ClipModel model, NDManager manager, List<Sample> samples,
            TextRepresentations offline, int[] stageOneLabels, RunConfig.Ablation ablation,
            PseudoLabelDiagnostics diagnostics) throws IOException {
        return new HeterogeneousTraining(run, model, manager, samples, offline, stageOneLabels, ablation, diagnostics)
                .train();
    }

    @Override
    EpochState prepare(EpochClusters ec, int epoch, Map<String, Object> row) {
        terms.startEpoch(epoch);
        RunConfig.Loss l = config.loss();
        EpochState st = new EpochState(units.size());
        for (int u = 0; u < units.size(); u++) {
            int[] y = select(ec.labels, units.get(u).rows());
            if (ablation.dru()) {
                AlgorithmHooks.TextUpdate dru = run.hooks().textUpdate();
                TextRepresentationUpdate.Result r = dru != null
                        ? dru.update(instanceText[u], y, ec.clusters.get(u).clusters(), l.druTopProportion(), l.druUpdateRate())
                        : TextRepresentationUpdate.update(instanceText[u], y, ec.clusters.get(u).clusters(),
                                l.druTopProportion(), l.druUpdateRate());
                instanceText[u] = r.instanceText();
                st.clusterText[u] = r.clusterText();
                st.textTargets[u] = y;
            } else { // offline text: Stage I's clusters and labels
                st.clusterText[u] = offline.unit(u);
                st.textTargets[u] = select(stageOneLabels, units.get(u).rows());
            }
        }
        Random rng = new Random(run.seeds().seedFor(stage, epoch, "chm"));
        NearestNeighbors neighbours = new NearestNeighbors(manager.getDevice(), 2048);
        for (int a = 0; a < units.size(); a++) {
            TrainingUnit ua = units.get(a);
            int b = partnerOf(a);
            if (ua.group() != Group.A || b < 0) {
                continue;
            }
            st.partner[a] = b;
            st.partner[b] = a;
            FloatMatrix ca = ec.clusters.get(a).centroids();
            FloatMatrix cb = ec.clusters.get(b).centroids();
            String name = ua.scenario().name();
            switch (ablation.clusterMatching()) {
                case CHM -> {
                    AlgorithmHooks.ClusterMatcher chm = run.hooks().clusterMatching();
                    ClusterMatching.Result m = chm != null
                            ? chm.match(ca, cb, st.clusterText[a], st.clusterText[b], l.chmKeepProbability(), rng)
                            : ClusterMatching.match(ca, cb, st.clusterText[a], st.clusterText[b], l.chmKeepProbability(), rng);
                    st.clusterMap[a] = m.bOfA();
                    st.clusterMap[b] = m.aOfB();
                    st.crossWeight[a] = 1;
                    st.crossWeight[b] = 1;
                    row.put(name + "_chm_pairs", m.imagePairs());
                    row.put(name + "_chm_agreed", m.agreedPairs());
                    row.put(name + "_chm_kept", m.kept().size());
                }
                case PGM -> {
                    ProgressiveGraphMatching.Result m = ProgressiveGraphMatching.match(ca, cb);
                    st.clusterMap[a] = m.bOfA();
                    st.clusterMap[b] = m.aOfB();
                    boolean towardsA = epoch % 2 == 1; // PGM alternates: odd epochs B learns A's memory
                    st.crossWeight[a] = towardsA ? 0 : PGM_CROSS_WEIGHT;
                    st.crossWeight[b] = towardsA ? PGM_CROSS_WEIGHT : 0;
                }
                case NONE -> { }
            }
            if (ablation.clusterMatching() == RunConfig.ClusterMatching.CHM) {
                // how often each of CHM's two spaces alone pairs clusters of one person (ground truth stays in
                // the diagnostics): the image centroids' and the cluster texts' one-to-one assignments
                scoreAssignment(ec, ua, units.get(b), ca, cb, row, name + "_chm_image_");
                scoreAssignment(ec, ua, units.get(b), st.clusterText[a], st.clusterText[b], row, name + "_chm_text_");
            }
            if (st.clusterMap[a] != null) {
                diagnostics.score(mergedUnit(ua, units.get(b)).samples(samples), combinedLabels(ec, a, b, st.clusterMap[b]))
                        .forEach((k, x) -> row.put(name + "_matched_" + k, x));
            }
            if (ablation.instanceMatching() != RunConfig.InstanceMatching.NONE) {
                FloatMatrix fa = ec.features.get(a);
                FloatMatrix fb = ec.features.get(b);
                AlgorithmHooks.InstanceMatcher ihm = run.hooks().instanceMatching();
                boolean textToo = ablation.instanceMatching() == RunConfig.InstanceMatching.IHM;
                InstanceMatching.Result m = ihm != null && textToo
                        ? new InstanceMatching.Result(ihm.positives(fa, fb, instanceText[a], instanceText[b], l.ihmK()),
                                ihm.positives(fb, fa, instanceText[b], instanceText[a], l.ihmK()))
                        : textToo ? InstanceMatching.match(fa, fb, instanceText[a], instanceText[b], l.ihmK(), neighbours)
                        : InstanceMatching.match(fa, fb, fa, fb, l.ihmK(), neighbours); // CNL-style: image space only
                st.instancePositives[a] = m.aToB();
                st.instancePositives[b] = m.bToA();
                if (epoch == config.caps().epochs(schedule, 1) - 1) {
                    writePositiveSets(ua, units.get(b), m.bToA());
                }
                st.instanceMemories[a] = MomentumMemory.ofInstances(fa, manager.getDevice(),
                        (float) l.memoryMomentum(), (float) l.temperature());
                st.instanceMemories[b] = MomentumMemory.ofInstances(fb, manager.getDevice(),
                        (float) l.memoryMomentum(), (float) l.temperature());
                row.put(name + "_instance_positives", Arrays.stream(m.aToB()).mapToInt(p -> p.length).average()
                        .orElse(0));
                diagnostics.scorePositives(ua.samples(samples), units.get(b).samples(samples), m.aToB(), m.bToA())
                        .forEach((k, x) -> row.put(name + "_instance_" + k, x));
            }
        }
        return st;
    }

    /**
     * The last epoch's instance-level positive sets of group B images (anchor, then its positives in A),
     * {@code instance-positives-<scenario>.tsv} in the run directory, for Fig. 6.
     */
    private void writePositiveSets(TrainingUnit a, TrainingUnit b, int[][] bToA) {
        StringBuilder sb = new StringBuilder("anchor\tpositives\n");
        for (int i = 0; i < bToA.length; i++) {
            sb.append(samples.get(b.rows()[i]).path());
            sb.append('\t');
            for (int j = 0; j < bToA[i].length; j++) {
                sb.append(j > 0 ? "|" : "").append(samples.get(a.rows()[bToA[i][j]]).path());
            }
            sb.append('\n');
        }
        try {
            run.writes().run(() -> {
                org.itkm.io.AtomicFiles.writeString(run.dir().resolve("instance-positives-" + a.scenario() + ".tsv"),
                        sb.toString());
                return null;
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Scores the one-to-one assignment of A's clusters to B's by cosine of the given representations as
     * cross-group positive sets (every image of cluster a paired with every image of its partner in B), so
     * that its {@code precision} is the share of cross-group pairs that show one person. It solves the
     * assignment again rather than reading CHM's: a lab's CHM (the hook) returns only the kept pairs, and one
     * small assignment per scenario and epoch costs nothing beside the epoch.
     */
    private void scoreAssignment(EpochClusters ec, TrainingUnit ua, TrainingUnit ub, FloatMatrix x, FloatMatrix y,
            Map<String, Object> row, String prefix) {
        int[] la = select(ec.labels, ua.rows());
        int[] lb = select(ec.labels, ub.rows());
        int[] bOfA = LinearAssignment.maximize(ClusterMatching.cosines(x, y), x.rows(), y.rows()).columnOfRow(x.rows());
        int[] size = new int[y.rows()];
        for (int c : lb) {
            if (c >= 0) {
                size[c]++;
            }
        }
        int[][] membersOfB = new int[y.rows()][];
        for (int c = 0; c < y.rows(); c++) {
            membersOfB[c] = new int[size[c]];
        }
        int[] filled = new int[y.rows()];
        for (int i = 0; i < lb.length; i++) {
            if (lb[i] >= 0) {
                membersOfB[lb[i]][filled[lb[i]]++] = i;
            }
        }
        int[][] aToB = new int[la.length][];
        for (int i = 0; i < la.length; i++) {
            int partner = la[i] < 0 ? -1 : bOfA[la[i]];
            aToB[i] = partner < 0 ? new int[0] : membersOfB[partner];
        }
        diagnostics.scorePositives(ua.samples(samples), ub.samples(samples), aToB, new int[lb.length][0])
                .forEach((k, v) -> row.put(prefix + k, v));
    }

    /** The unit of the other group of the same scenario, or -1. */
    private int partnerOf(int u) {
        for (int v = 0; v < units.size(); v++) {
            if (v != u && units.get(v).scenario() == units.get(u).scenario()) {
                return v;
            }
        }
        return -1;
    }

    /** Both groups of a scenario as one unit (rows of A then B), for the matched-label diagnostics. */
    private static TrainingUnit mergedUnit(TrainingUnit a, TrainingUnit b) {
        int[] rows = new int[a.rows().length + b.rows().length];
        System.arraycopy(a.rows(), 0, rows, 0, a.rows().length);
        System.arraycopy(b.rows(), 0, rows, a.rows().length, b.rows().length);
        return new TrainingUnit(a.scenario(), Group.A, rows);
    }

    /** A's labels, and B's clusters relabelled to their matched A cluster (unmatched: fresh labels). */
    private static int[] combinedLabels(EpochClusters ec, int a, int b, int[] aOfB) {
        int[] la = ec.clusters.get(a).labels();
        int[] lb = ec.clusters.get(b).labels();
        int next = ec.clusters.get(a).clusters();
        int[] fresh = new int[ec.clusters.get(b).clusters()];
        for (int c = 0; c < fresh.length; c++) {
            fresh[c] = aOfB[c] >= 0 ? aOfB[c] : next++;
        }
        int[] out = new int[la.length + lb.length];
        System.arraycopy(la, 0, out, 0, la.length);
        for (int i = 0; i < lb.length; i++) {
            out[la.length + i] = lb[i] < 0 ? -1 : fresh[lb[i]];
        }
        return out;
    }

    @Override
    NDArray loss(EpochState st, EpochClusters ec, int[] batch, NDArray features, NDManager step) {
        NDArray total = null;
        float lambda = (float) config.loss().textWeight();
        terms.startStep();
        for (int u = 0; u < units.size(); u++) {
            int[] pos = positionsOf(ec, u, batch);
            if (pos.length == 0) {
                continue;
            }
            int[] within = new int[pos.length];
            int[] y = new int[pos.length];
            int[] yText = new int[pos.length];
            for (int i = 0; i < pos.length; i++) {
                within[i] = ec.positionIn(u, batch[pos[i]]);
                y[i] = ec.labels[batch[pos[i]]];
                yText[i] = st.textTargets[u][within[i]];
            }
            NDArray f = features.get(new NDIndex("{}", OwnedArrays.ints(step, pos, new Shape(pos.length))));
            NDArray l = terms.add("hom", homogeneousContrast(f, ec.memories.get(u), y, step));
            int v = st.partner[u];
            if (v >= 0 && st.clusterMap[u] != null && st.crossWeight[u] > 0) {
                int[] t = new int[pos.length];
                for (int i = 0; i < pos.length; i++) {
                    t[i] = y[i] < 0 ? -1 : st.clusterMap[u][y[i]];
                }
                l = l.add(terms.add("chm", Scalars.mul(memoryLoss.compute(f, ec.memories.get(v).matrix(),
                        Positives.oneHot(step, t, ec.memories.get(v).rows())), (float) st.crossWeight[u])));
            }
            if (v >= 0 && st.instancePositives[u] != null) {
                int[][] sets = new int[pos.length][];
                for (int i = 0; i < pos.length; i++) {
                    sets[i] = st.instancePositives[u][within[i]];
                }
                l = l.add(terms.add("ihm", memoryLoss.compute(f, st.instanceMemories[v].matrix(),
                        Positives.fromSets(step, sets, st.instanceMemories[v].rows()))));
            }
            if (lambda > 0 && st.clusterText[u].rows() > 0) {
                FloatMatrix inst = instanceRows(u, within, yText, st);
                l = l.add(terms.add("text", Scalars.mul(textLoss.compute(f, OwnedArrays.floats(step, inst.data(),
                        new Shape(inst.rows(), inst.cols())), OwnedArrays.floats(step, st.clusterText[u].data(),
                                new Shape(st.clusterText[u].rows(), st.clusterText[u].cols())),
                        Positives.oneHot(step, yText, st.clusterText[u].rows())), lambda)));
            }
            total = total == null ? l : total.add(l);
        }
        return total;
    }

    @Override
    List<EpochListener> stageListeners() {
        return List.of(terms);
    }

    private static Map<String, String> termNames() {
        Map<String, String> t = new java.util.LinkedHashMap<>();
        t.put("hom", "homogeneous (Eq. 3-4)");
        t.put("chm", "cross-group cluster (CHM, Eq. 13-14; PGM for M1-M4)");
        t.put("ihm", "cross-group instance (IHM, Eq. 15-16; CNL-style for M6)");
        t.put("text", "text-guided (Eq. 12, times loss.textWeight)");
        return t;
    }

    /** u_n of the batch images: DRU's instance representations, or the offline text of the Stage I cluster. */
    private FloatMatrix instanceRows(int u, int[] within, int[] yText, EpochState st) {
        if (ablation.dru()) {
            return instanceText[u].selectRows(within);
        }
        int d = st.clusterText[u].cols();
        float[] out = new float[within.length * d];
        for (int i = 0; i < within.length; i++) {
            if (yText[i] >= 0) {
                System.arraycopy(st.clusterText[u].data(), yText[i] * d, out, i * d, d);
            }
        }
        return new FloatMatrix(within.length, d, out);
    }

    @Override
    void afterStep(EpochState st, EpochClusters ec, int[] batch, float[] features) {
        int dim = model.config().projectionDim();
        for (int u = 0; u < units.size(); u++) {
            int[] pos = positionsOf(ec, u, batch);
            int[] y = new int[pos.length];
            int[] within = new int[pos.length];
            for (int i = 0; i < pos.length; i++) {
                y[i] = ec.labels[batch[pos[i]]];
                within[i] = ec.positionIn(u, batch[pos[i]]);
            }
            float[] rows = rowsOf(features, pos, dim);
            ec.memories.get(u).update(rows, y);
            if (st.instanceMemories[u] != null) {
                st.instanceMemories[u].update(rows, within);
            }
        }
    }

    @Override
    void saveExtra(EpochState st, Path dir) throws IOException {
        for (int u = 0; u < units.size(); u++) {
            NpyFile.write(dir.resolve("instance-text-" + units.get(u).name() + ".npy"), instanceText[u]);
        }
    }

    @Override
    void restoreExtra(Path dir) throws IOException {
        for (int u = 0; u < units.size(); u++) {
            Path f = dir.resolve("instance-text-" + units.get(u).name() + ".npy");
            if (Files.exists(f)) {
                instanceText[u] = NpyFile.readFloat32Matrix(f);
            }
        }
    }
}
