package org.itkm.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.itkm.eval.RankingMetrics;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A small table of results (rows of text cells under named columns) rendered as a Markdown pipe table
 * whose columns are padded to equal width, so the same text reads as a table when printed in a
 * notebook or terminal and renders as one in Markdown.
 *
 * <p>{@link #toTable()} gives the same table as a Tablesaw {@link Table}; notebooks show it as HTML through
 * {@code org.itkm.notebook.NotebookContext#show}, the CSV is written by Tablesaw's CSV writer.
 */
public final class ResultTable {
    private final List<String> columns;
    private final List<String[]> rows = new ArrayList<>();

    /** An empty table with these column headers. */
    public ResultTable(String... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.columns = List.of(columns);
    }

    /**
     * The metrics of several evaluations, one row each, keyed by the map's keys in iteration order:
     * Rank-1/5/10/20, mAP, mINP (percent, two decimals) and the number of valid queries.
     *
     * @param keyColumn header of the first column, e.g. {@code "protocol"} or {@code "method"}
     */
    public static ResultTable ofMetrics(String keyColumn, Map<String, RankingMetrics> metrics) {
        ResultTable t = new ResultTable(keyColumn, "Rank-1", "Rank-5", "Rank-10", "Rank-20", "mAP", "mINP", "queries");
        metrics.forEach((key, m) -> t.addRow(key, percent(m.rank1()), percent(m.rank5()), percent(m.rank10()),
                percent(m.rank20()), percent(m.mAP()), percent(m.mINP()), Integer.toString(m.queries())));
        return t;
    }

    /** Appends a row; it must have one cell per column. */
    public ResultTable addRow(String... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("row " + Arrays.toString(cells) + " has " + cells.length
                    + " cells but the table has " + columns.size() + " columns " + columns);
        }
        rows.add(cells.clone());
        return this;
    }

    public List<String> columns() {
        return columns;
    }

    public int rowCount() {
        return rows.size();
    }

    /** The cell at a row and column (0-based). */
    public String cell(int row, int column) {
        return rows.get(row)[column];
    }

    /**
     * Markdown pipe table with padded columns: text columns left-aligned, columns whose cells are all
     * numbers right-aligned (with a {@code ---:} marker).
     */
    public String toMarkdown() {
        int n = columns.size();
        int[] width = new int[n];
        boolean[] numeric = numericColumns();
        for (int c = 0; c < n; c++) {
            width[c] = Math.max(3, escape(columns.get(c)).length());
            for (String[] row : rows) {
                width[c] = Math.max(width[c], escape(row[c]).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, columns.toArray(String[]::new), width, numeric);
        sb.append('|');
        for (int c = 0; c < n; c++) {
            sb.append(' ').append("-".repeat(width[c] - (numeric[c] ? 1 : 0))).append(numeric[c] ? ":" : "")
                    .append(" |");
        }
        sb.append('\n');
        for (String[] row : rows) {
            line(sb, row, width, numeric);
        }
        return sb.toString();
    }

    /**
     * The table as a Tablesaw {@link Table}: one text column per column, named by its header, the cells as
     * given (their formatting is the table's). Headers must differ from each other.
     */
    public Table toTable() {
        Table t = Table.create();
        for (int c = 0; c < columns.size(); c++) {
            int column = c;
            t.addColumns(StringColumn.create(columns.get(c), rows.stream().map(r -> r[column]).toList()));
        }
        return t;
    }

    /** RFC 4180 CSV by Tablesaw's CSV writer: the header, then one line per row, fields quoted where needed. */
    public String toCsv() {
        return TableCsv.of(toTable());
    }

    /** The table as HTML for a notebook page (columns whose cells are all numbers right-aligned). */
    public String toHtml() {
        Table t = toTable();
        StringBuilder sb = new StringBuilder("<div style=\"overflow-x:auto\"><table class=\"itkm-table\">\n<thead><tr>");
        boolean[] numeric = numericColumns();
        for (int c = 0; c < columns.size(); c++) {
            sb.append("<th style=\"text-align:").append(numeric[c] ? "right" : "left").append("\">")
                    .append(TableHtml.escape(columns.get(c))).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (String[] row : rows) {
            sb.append("<tr>");
            for (int c = 0; c < columns.size(); c++) {
                sb.append("<td style=\"text-align:").append(numeric[c] ? "right" : "left").append("\">")
                        .append(TableHtml.escape(row[c])).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table></div>\n").toString();
    }

    private boolean[] numericColumns() {
        boolean[] numeric = new boolean[columns.size()];
        for (int c = 0; c < numeric.length; c++) {
            numeric[c] = !rows.isEmpty();
            for (String[] row : rows) {
                numeric[c] &= isNumber(row[c]);
            }
        }
        return numeric;
    }

    /** Same as {@link #toMarkdown()}. */
    @Override
    public String toString() {
        return toMarkdown();
    }

    private static void line(StringBuilder sb, String[] cells, int[] width, boolean[] rightAligned) {
        sb.append('|');
        for (int c = 0; c < cells.length; c++) {
            String text = escape(cells[c]);
            String pad = " ".repeat(width[c] - text.length());
            sb.append(' ').append(rightAligned[c] ? pad + text : text + pad).append(" |");
        }
        sb.append('\n');
    }

    /** A pipe or line break inside a cell would break the Markdown table. */
    private static String escape(String cell) {
        return cell.replace("|", "\\|").replace("\r\n", " ").replace('\n', ' ');
    }

    private static boolean isNumber(String s) {
        return s.matches("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?%?") || s.equals("NaN");
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.2f", v);
    }
}
