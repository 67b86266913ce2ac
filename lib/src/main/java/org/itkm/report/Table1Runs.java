package org.itkm.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.itkm.data.Scenario;
import org.itkm.eval.Protocol;
import org.itkm.eval.RankingMetrics;
import org.itkm.train.RunCatalog;

/**
 * The runs behind the kit's Table 1 and the table itself, shared by {@code itkm reproduce} and notebook
 * 06: the pre-trained encoder as it is; the supervised upper bound (the baseline's loop told the true
 * identities), the cluster-contrast baseline and ITKM(S), one run per scenario; ITKM(M), one run on
 * every scenario; then the paper's rows, labelled as reported.
 */
public final class Table1Runs {
    /** The untrained reference row. */
    public static final String PRETRAINED = "pre-trained CLIP, no ReID training";
    /** The ceiling row (its name starts with "supervised", as the benchmark's target checks expect). */
    public static final String SUPERVISED = "supervised upper bound (true identities)";
    public static final String CLUSTER_CONTRAST = "CC (cluster-contrast)";
    public static final String ITKM_S = "ITKM(S)";
    public static final String ITKM_M = "ITKM(M)";

    private Table1Runs() {}

    /**
     * Every row's results per data set (layout name) and protocol, in table order; runs finished with the
     * same configuration are reused, the others trained (or resumed).
     *
     * @param eachRun called with every run's results as it is obtained (progress for a long reproduction)
     */
    public static Map<String, Map<String, Map<Protocol, RankingMetrics>>> obtain(RunCatalog runs,
            List<Scenario> scenarios, PrintWriter log, Consumer<Map<String, Map<Protocol, RankingMetrics>>> eachRun)
            throws IOException {
        Map<String, Map<String, Map<Protocol, RankingMetrics>>> rows = new LinkedHashMap<>();
        rows.put(PRETRAINED, runs.pretrained());
        rows.put(SUPERVISED, perScenario(runs, scenarios, "supervised", log, eachRun));
        rows.put(CLUSTER_CONTRAST, perScenario(runs, scenarios, "cluster-contrast", log, eachRun));
        rows.put(ITKM_S, perScenario(runs, scenarios, "itkm", log, eachRun));
        rows.put(ITKM_M, run(runs, List.of("training.mode=M"), log, eachRun));
        return rows;
    }

    /** Table 1 from {@link #obtain}'s rows, with the paper's CC, ITKM(S) and ITKM(M) rows beneath ({@link Table1Builder}). */
    public static PaperTable table(TableCaption caption, Map<String, Map<String, Map<Protocol, RankingMetrics>>> rows) {
        return Table1Builder.build(caption, rows);
    }

    private static Map<String, Map<Protocol, RankingMetrics>> perScenario(RunCatalog runs, List<Scenario> scenarios,
            String method, PrintWriter log, Consumer<Map<String, Map<Protocol, RankingMetrics>>> eachRun)
            throws IOException {
        Map<String, Map<Protocol, RankingMetrics>> out = new LinkedHashMap<>();
        for (Scenario s : scenarios) {
            out.putAll(run(runs, List.of("training.method=" + method, "training.mode=S", "training.scenario=" + s), log,
                    eachRun));
        }
        return out;
    }

    private static Map<String, Map<Protocol, RankingMetrics>> run(RunCatalog runs, List<String> setting,
            PrintWriter log, Consumer<Map<String, Map<Protocol, RankingMetrics>>> eachRun) throws IOException {
        Map<String, Map<Protocol, RankingMetrics>> m = runs.obtain(setting, log).metrics();
        eachRun.accept(m);
        return m;
    }
}
