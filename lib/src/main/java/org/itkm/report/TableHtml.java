package org.itkm.report;

import java.util.Map;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw table as an HTML {@code <table>} for a notebook page: an optional caption, a header row, number
 * columns right-aligned, cells as the columns' print formatters show them, all text HTML-escaped. Wide tables
 * (Table 1 has 19 columns) scroll sideways inside their own box instead of wrapping.
 */
public final class TableHtml {
    private TableHtml() {}

    /**
     * The table as HTML.
     *
     * @param caption shown above the table; empty for none
     * @param headers display names by column name (columns absent from it keep their name)
     */
    public static String of(Table table, String caption, Map<String, String> headers) {
        StringBuilder sb = new StringBuilder("<div style=\"overflow-x:auto\"><table class=\"itkm-table\">\n");
        if (!caption.isEmpty()) {
            sb.append("<caption style=\"caption-side:top;text-align:left;font-weight:bold\">").append(escape(caption))
                    .append("</caption>\n");
        }
        sb.append("<thead><tr>");
        for (Column<?> c : table.columns()) {
            sb.append("<th style=\"text-align:").append(align(c)).append("\">")
                    .append(escape(headers.getOrDefault(c.name(), c.name()))).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < table.rowCount(); r++) {
            sb.append("<tr>");
            for (Column<?> c : table.columns()) {
                sb.append("<td style=\"text-align:").append(align(c)).append("\">").append(escape(c.getString(r)))
                        .append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table></div>\n").toString();
    }

    private static String align(Column<?> c) {
        return c instanceof NumericColumn<?> ? "right" : "left";
    }

    /** Text as HTML character data (also safe inside a double-quoted attribute). */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
