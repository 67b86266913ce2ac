package org.itkm.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.itkm.eval.RankingMetrics;
import org.itkm.io.AtomicFiles;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

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

    /**
     * The table as a Tablesaw {@link Table} named after the title: text columns {@code method} and {@code source},
     * then one double column per column key (NaN where a row has no value), printed with one decimal and
     * {@code -} for a missing value, as the Markdown and HTML forms show them.
     */
    public Table toTable() {
        return toTable(new FixedDecimals(1, "-"));
    }

    private Table toTable(FixedDecimals numbers) {
        Table t = Table.create(title);
        t.addColumns(StringColumn.create("method", rows.stream().map(Row::method).toList()),
                StringColumn.create("source", rows.stream().map(Row::source).toList()));
        for (String c : columns) {
            DoubleColumn d = DoubleColumn.create(c, rows.stream().mapToDouble(r -> {
                Double x = r.values().get(c);
                return x == null ? Double.NaN : x;
            }).toArray());
            d.setPrintFormatter(numbers);
            t.addColumns(d);
        }
        return t;
    }

    /** Display header per Tablesaw column name ({@code source} reads "numbers from"). */
    public Map<String, String> displayHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("method", "method");
        h.put("source", "numbers from");
        for (int i = 0; i < columns.size(); i++) {
            h.put(columns.get(i), headers.get(i));
        }
        return h;
    }

    /** The title in bold, a blank line, then the table as a Markdown pipe table (one decimal, {@code -} when missing). */
    public String toMarkdown() {
        return "**" + title + "**\n\n" + TableMarkdown.of(toTable(), displayHeaders());
    }

    /** The table as HTML with the title as its caption, for a notebook page. */
    public String toHtml() {
        return TableHtml.of(toTable(), title, displayHeaders());
    }

    /**
     * RFC 4180 CSV by Tablesaw's CSV writer: a header of the column keys ({@code method,source,sysu_all_r1,...}),
     * then one line per row, values with two decimals and empty where missing; a field holding a comma, quote or
     * line break is quoted.
     */
    public String toCsv() {
        return TableCsv.of(toTable(new FixedDecimals(2, "")));
    }

    /** Writes {@code <base>.csv} and {@code <base>.md}. */
    public void write(Path base) throws IOException {
        AtomicFiles.writeString(base.resolveSibling(base.getFileName() + ".csv"), toCsv());
        AtomicFiles.writeString(base.resolveSibling(base.getFileName() + ".md"), toMarkdown());
    }
}
