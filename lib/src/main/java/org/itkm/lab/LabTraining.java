package org.itkm.lab;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.itkm.eval.Protocol;
import org.itkm.eval.RankingMetrics;
import org.itkm.io.FileTrees;
import org.itkm.match.ClusterMatching;
import org.itkm.report.ResultTable;
import org.itkm.train.AlgorithmHooks;
import org.itkm.train.RunCatalog;
import org.itkm.train.TrainingPipeline;
import org.itkm.train.TrainingRun;
import org.itkm.train.Workspace;

/**
 * The loss and matching labs' experiment: the profile's ITKM(M) run (all scenarios jointly, Stage I to
 * III) trained with the student's piece in place of the kit's, through {@link AlgorithmHooks}, next to the
 * kit's own run of the same setting. A lab's run lives in {@code results/<profile>/labs/<lab>-run/},
 * outside the run catalog (it is never reused as the setting's run), and is made anew each time.
 */
public final class LabTraining {
    /** The setting every lab trains: ITKM(M), the paper's Table 1 row. */
    public static final List<String> SETTING = List.of("training.mode=M");

    private LabTraining() {}

    /** The kit's run of the setting (reused when it is finished, as notebooks 03-06 reuse it). */
    public static RunCatalog.Finished kitRun(Workspace ws, PrintWriter log) throws IOException {
        ws.ensureData(log);
        ws.ensureClip(log);
        return ws.runs(false).obtain(SETTING, log);
    }

    /** The same setting trained with the given pieces replaced. */
    public static RunCatalog.Finished studentRun(Workspace ws, String lab, AlgorithmHooks hooks, String description,
            PrintWriter log) throws IOException {
        ws.ensureData(log);
        ws.ensureClip(log);
        Path dir = ws.profileDir().resolve("labs").resolve(lab + "-run");
        FileTrees.delete(dir);
        TrainingRun run = TrainingRun.startIn(dir, ws.runs(false).configOf(SETTING), List.of("lab", lab));
        run.useHooks(hooks, description);
        // train --resume would continue it with the kit's pieces, not the student's: the lab runs it anew
        run.continueWith("the lab's training cell again (LabTraining.studentRun, lab " + lab + "), which starts it anew");
        log.println("training ITKM(M) with " + description + " in " + dir);
        log.flush();
        TrainingPipeline.Outcome o = RunCatalog.execute(run, ws.results());
        return new RunCatalog.Finished(o.runDir(), o.metrics());
    }

    /**
     * The student's loss in a scope of its own, as the kit's losses run: arrays it makes on the way are freed
     * when it returns, only the loss stays (with its graph) in the features' manager.
     */
    public static AlgorithmHooks.HomogeneousContrast hook(MemoryContrast student) {
        return (f, memory, labels, t) -> {
            try (NDManager scope = NDManager.subManagerOf(f)) {
                scope.tempAttachAll(f, memory);
                return scope.ret(student.loss(f, memory, labels, t));
            }
        };
    }

    /** The student's separation loss in a scope of its own (see {@link #hook(MemoryContrast)}). */
    public static AlgorithmHooks.Separation hook(SeparationLoss student) {
        return (text, scenario, margin) -> {
            try (NDManager scope = NDManager.subManagerOf(text)) {
                scope.tempAttachAll(text);
                return scope.ret(student.loss(text, scenario, margin));
            }
        };
    }

    public static AlgorithmHooks.TextUpdate hook(TextUpdate student) {
        return student::update;
    }

    public static AlgorithmHooks.InstanceMatcher hook(InstanceMatcher student) {
        return student::positives;
    }

    /** CHM's kept pairs as the trainer's result: both maps, every image pair counted, the agreed ones. */
    public static AlgorithmHooks.ClusterMatcher hook(ClusterMatcher student) {
        return (ia, ib, ta, tb, p, rng) -> {
            List<ClusterMatching.Pair> kept = student.keptPairs(ia, ib, ta, tb, p, rng);
            int[] bOfA = new int[ia.rows()];
            int[] aOfB = new int[ib.rows()];
            java.util.Arrays.fill(bOfA, -1);
            java.util.Arrays.fill(aOfB, -1);
            for (ClusterMatching.Pair pair : kept) {
                bOfA[pair.a()] = pair.b();
                aOfB[pair.b()] = pair.a();
            }
            int agreed = (int) kept.stream().filter(ClusterMatching.Pair::agreed).count();
            return new ClusterMatching.Result(kept, bOfA, aOfB, Math.min(ia.rows(), ib.rows()), agreed);
        };
    }

    /** Rank-1 and mAP of each run (name: run), a row per data set and protocol, two columns per run. */
    public static ResultTable table(Map<String, RunCatalog.Finished> runs) {
        List<String> columns = new ArrayList<>(List.of("data set", "protocol"));
        runs.keySet().forEach(name -> {
            columns.add("R1 (" + name + ")");
            columns.add("mAP (" + name + ")");
        });
        ResultTable t = new ResultTable(columns.toArray(String[]::new));
        RunCatalog.Finished first = runs.values().iterator().next();
        first.metrics().forEach((layout, byProtocol) -> byProtocol.keySet().forEach(protocol -> {
            List<String> row = new ArrayList<>(List.of(layout, protocol.id()));
            for (RunCatalog.Finished run : runs.values()) {
                Map<Protocol, RankingMetrics> m = run.metrics().get(layout);
                RankingMetrics r = m == null ? null : m.get(protocol);
                row.add(r == null ? "" : String.format(Locale.ROOT, "%.1f", r.rank1()));
                row.add(r == null ? "" : String.format(Locale.ROOT, "%.1f", r.mAP()));
            }
            t.addRow(row.toArray(String[]::new));
        }));
        return t;
    }
}
