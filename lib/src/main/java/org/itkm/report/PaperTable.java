package org.itkm.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.itkm.eval.RankingMetrics;
import org.itkm.io.AtomicFiles;

/**
 * A reproduced paper table (Table 1, Table 2 or Table S1): the kit's own rows, computed by runs, and
 * the paper's rows beside them, every one labelled with where its numbers come from. Written as CSV
 * and Markdown under {@code results/<profile>/tables/}.
 *
 * @param title caption, e.g. "Table 1 (quick profile, SynthUMS)"
 * @param columns column keys, as in {@link PaperResults} (e.g. {@code sysu_all_r1})
 * @param headers display header per column
 */
public record PaperTable(String title, List<String> columns, List<String> headers, List<Row> rows) {
    /** One row: method name, source of its numbers, value per column key (absent = not available). */
    public record Row(String method, String source, Map<String, Double> values) {}

    /** The protocols of the paper's tables, as column-key prefixes (not the within ones Table 1 adds). */
    public static final List<String> PROTOCOL_KEYS = List.of("sysu_all", "sysu_indoor", "ltcc_cc", "ltcc_general",
            "mlr");

    public PaperTable {
        if (columns.size() != headers.size()) {
            throw new IllegalArgumentException("one header per column");
        }
        rows = List.copyOf(rows);
    }

    /**
     * Table 1's layout: SYSU all/indoor R1+mAP, LTCC CC/general R1+mAP, MLR R1/R5/R10; then, not in the
     * paper, R1+mAP within one modality (SYSU visible→visible, infrared→infrared) and one outfit (LTCC same
     * clothes), which show whether a method fails at the scenario's change or at telling people apart at all.
     * The paper's rows have no within values and leave those cells empty.
     */
    public static PaperTable table1(String title, List<Row> rows) {
        return new PaperTable(title, List.of("sysu_all_r1", "sysu_all_map", "sysu_indoor_r1", "sysu_indoor_map",
                "ltcc_cc_r1", "ltcc_cc_map", "ltcc_general_r1", "ltcc_general_map", "mlr_r1", "mlr_r5", "mlr_r10",
                "sysu_visible_r1", "sysu_visible_map", "sysu_infrared_r1", "sysu_infrared_map",
                "ltcc_same_clothes_r1", "ltcc_same_clothes_map"),
                List.of("SYSU all R1", "SYSU all mAP", "SYSU indoor R1", "SYSU indoor mAP", "LTCC CC R1", "LTCC CC mAP",
                        "LTCC general R1", "LTCC general mAP", "MLR R1", "MLR R5", "MLR R10", "SYSU vis→vis R1",
                        "SYSU vis→vis mAP", "SYSU IR→IR R1", "SYSU IR→IR mAP", "LTCC same clothes R1",
                        "LTCC same clothes mAP"), rows);
    }

    /** Table 2's layout: SYSU all R1+mAP, LTCC CC R1+mAP, MLR R1/R5. */
    public static PaperTable table2(String title, List<Row> rows) {
        return new PaperTable(title, List.of("sysu_all_r1", "sysu_all_map", "ltcc_cc_r1", "ltcc_cc_map", "mlr_r1",
                "mlr_r5"), List.of("SYSU all R1", "SYSU all mAP", "LTCC CC R1", "LTCC CC mAP", "MLR R1", "MLR R5"), rows);
    }

    /** A kit row from evaluation results keyed by protocol key ({@link #PROTOCOL_KEYS}). */
    public static Row measured(String method, String source, Map<String, RankingMetrics> byProtocol) {
        Map<String, Double> v = new LinkedHashMap<>();
        byProtocol.forEach((p, m) -> {
            v.put(p + "_r1", m.rank1());
            v.put(p + "_r5", m.rank5());
            v.put(p + "_r10", m.rank10());
            v.put(p + "_r20", m.rank20());
            v.put(p + "_map", m.mAP());
            v.put(p + "_minp", m.mINP());
        });
        return new Row(method, source, v);
    }

    /** The paper's row for a method, labelled "as reported". */
    public static Row reported(PaperResults.Table table, String method) {
        Map<String, Double> v = new LinkedHashMap<>();
        PaperResults.rows(table).get(method).forEach((k, x) -> {
            try {
                v.put(k, Double.parseDouble(x));
            } catch (NumberFormatException e) {
                // a text column (Table 2's component marks)
            }
        });
        return new Row(method, PaperResults.LABEL, v);
    }

    public String toMarkdown() {
        StringBuilder sb = new StringBuilder("**").append(title).append("**\n\n| method | numbers from |");
        headers.forEach(h -> sb.append(' ').append(h).append(" |"));
        sb.append("\n|---|---|").append("---:|".repeat(columns.size())).append('\n');
        for (Row r : rows) {
            sb.append("| ").append(r.method()).append(" | ").append(r.source()).append(" |");
            for (String c : columns) {
                Double x = r.values().get(c);
                sb.append(' ').append(x == null || x.isNaN() ? "-" : String.format(Locale.ROOT, "%.1f", x)).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** RFC 4180 CSV: a header, then one line per row; a field holding a comma, quote or line break is quoted. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder(CsvLine.of(concat(List.of("method", "source"), columns)));
        for (Row r : rows) {
            List<String> cells = new ArrayList<>(List.of(r.method(), r.source()));
            for (String c : columns) {
                Double x = r.values().get(c);
                cells.add(x == null || x.isNaN() ? "" : String.format(Locale.ROOT, "%.2f", x));
            }
            sb.append(CsvLine.of(cells));
        }
        return sb.toString();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }


    /** Writes {@code <base>.csv} and {@code <base>.md}. */
    public void write(Path base) throws IOException {
        AtomicFiles.writeString(base.resolveSibling(base.getFileName() + ".csv"), toCsv());
        AtomicFiles.writeString(base.resolveSibling(base.getFileName() + ".md"), toMarkdown());
    }
}
