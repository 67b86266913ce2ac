package org.itkm.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.itkm.eval.RankingMetrics;

/**
 * Paper Table 2 (the ablation M1-M7, all in mode M) from the kit's results: one measured row per variant, then the
 * paper's rows for the same variants, labelled as reported.
 */
public final class Table2Builder {
    /** The variants of Table 2, in the paper's order (M7 is the full ITKM(M)). */
    public static final List<String> VARIANTS = List.of("M1", "M2", "M3", "M4", "M5", "M6", "M7");

    private Table2Builder() {}

    /** The run setting of a variant: M7 is the plain ITKM(M) run that the other notebooks share. */
    public static List<String> setting(String variant) {
        if (!VARIANTS.contains(variant)) {
            throw new IllegalArgumentException("no Table 2 variant '" + variant + "'; expected one of " + VARIANTS);
        }
        return variant.equals("M7") ? List.of("training.mode=M") : List.of("training.mode=M", "training.variant=" + variant);
    }

    /** @param byVariant per variant, its results by protocol key ({@link RunTables#byProtocolKey}) */
    public static PaperTable build(TableCaption caption, Map<String, Map<String, RankingMetrics>> byVariant) {
        List<PaperTable.Row> rows = new ArrayList<>();
        byVariant.forEach((v, m) -> rows.add(PaperTable.measured(v, caption.source(), m)));
        for (String v : byVariant.keySet()) {
            rows.add(PaperTable.reported(PaperResults.Table.TABLE_2, v));
        }
        return PaperTable.table2(caption.title("Table 2", "mode M"), rows);
    }
}
