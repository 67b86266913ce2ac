package org.itkm.report;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.itkm.clip.ClipModel;
import org.itkm.clip.checkpoint.ClipCheckpoint;
import org.itkm.config.RunConfig;
import org.itkm.eval.Protocol;
import org.itkm.eval.RankingMetrics;
import org.itkm.runtime.EngineRuntime;

/**
 * The pieces the paper's tables are built from, shared by {@code itkm reproduce} and the notebooks:
 * results keyed by the tables' protocol keys, Table 2's component marks, Table S1's parameter counts,
 * and the configuration a table's runs used.
 */
public final class RunTables {
    private RunTables() {}

    /**
     * Table column keys ({@code sysu_all}, {@code ltcc_cc}...) from a run's results per data set (layout
     * name) and protocol; several runs' maps (the per-scenario runs of mode S) can be merged first.
     */
    public static Map<String, RankingMetrics> byProtocolKey(Map<String, Map<Protocol, RankingMetrics>> byLayout) {
        Map<String, RankingMetrics> out = new LinkedHashMap<>();
        byLayout.values().forEach(m -> m.forEach((p, r) -> out.put(p.id().replace('-', '_'), r)));
        return out;
    }

    /** Table 2's components per variant (M1 ... M7), as the kit runs them. */
    public static ResultTable ablationComponents(List<String> variants) {
        ResultTable t = new ResultTable("variant", "scenario embedding", "separation loss", "DRU", "cluster matching",
                "instance matching");
        for (String v : variants) {
            RunConfig.Ablation a = RunConfig.Ablation.of(v);
            t.addRow(a.name(), mark(a.scenarioEmbedding()), mark(a.separationLoss()), mark(a.dru()),
                    a.clusterMatching().name(), a.instanceMatching() == RunConfig.InstanceMatching.NONE ? "-"
                            : a.instanceMatching().name());
        }
        return t;
    }

    /**
     * Parameters of the image encoder that test-time ReID uses (with ITKM's second patch embedding and
     * the scenario embedding), in millions, for a checkpoint at an input size: what Table S1 counts per
     * deployed model.
     */
    public static double encoderParametersMillions(Path checkpoint, int height, int width) {
        try (ClipCheckpoint ckpt = ClipCheckpoint.open(checkpoint);
                NDManager m = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            ClipModel model = ClipModel.create(ckpt.config().withInputSize(height, width), m);
            long n = 0;
            for (Pair<String, Parameter> p : model.vision().getParameters()) {
                n += p.getValue().getArray().size();
            }
            return n / 1e6;
        }
    }

    /** Table S1's layout: Rank-1 of every protocol and the parameters (millions) of the deployed models. */
    public static PaperTable tableS1(String title, List<PaperTable.Row> rows) {
        return new PaperTable(title, List.of("sysu_all_r1", "sysu_indoor_r1", "ltcc_cc_r1", "ltcc_general_r1", "mlr_r1",
                "parameters_millions"), List.of("SYSU all R1", "SYSU indoor R1", "LTCC CC R1", "LTCC general R1",
                "MLR R1", "parameters (M)"), rows);
    }

    /** A measured Table S1 row: the results and the parameters of {@code models} deployed encoders. */
    public static PaperTable.Row s1Row(String method, String source, Map<String, RankingMetrics> byProtocol,
            int models, double encoderMillions) {
        Map<String, Double> v = new LinkedHashMap<>(PaperTable.measured(method, source, byProtocol).values());
        v.put("parameters_millions", models * encoderMillions);
        return new PaperTable.Row(method, source, v);
    }

    /** The configuration tree as {@code key = value} rows (nested keys joined by dots), e.g. for Table S1. */
    public static ResultTable configuration(Map<String, Object> tree) {
        ResultTable t = new ResultTable("setting", "value");
        flatten("", tree, t);
        return t;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> node, ResultTable t) {
        for (Map.Entry<String, Object> e : node.entrySet()) {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue() instanceof Map<?, ?> child) {
                flatten(key, (Map<String, Object>) child, t);
            } else {
                t.addRow(key, e.getValue() instanceof List<?> l ? l.toString() : format(e.getValue()));
            }
        }
    }

    private static String format(Object v) {
        if (v instanceof Double d) {
            return d == Math.rint(d) ? String.format(Locale.ROOT, "%.1f", d) : d.toString();
        }
        return String.valueOf(v);
    }

    private static String mark(boolean b) {
        return b ? "yes" : "no";
    }
}
