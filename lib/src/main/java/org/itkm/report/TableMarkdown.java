package org.itkm.report;

import java.util.List;
import java.util.Map;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw table as a Markdown pipe table (the form the README and {@code results/<profile>/tables/*.md}
 * use): a header row, a separator row whose number columns are right-aligned ({@code ---:}), then one row per
 * table row with the cells as the columns' print formatters show them. A pipe in a cell is escaped and a line
 * break becomes a space, so a cell never breaks the table.
 */
public final class TableMarkdown {
    private TableMarkdown() {}

    /** The pipe table; {@code headers} renames columns for display (columns absent from it keep their name). */
    public static String of(Table table, Map<String, String> headers) {
        List<Column<?>> columns = table.columns();
        StringBuilder sb = new StringBuilder("|");
        columns.forEach(c -> sb.append(' ').append(escape(headers.getOrDefault(c.name(), c.name()))).append(" |"));
        sb.append("\n|");
        columns.forEach(c -> sb.append(c instanceof NumericColumn<?> ? "---:|" : "---|"));
        sb.append('\n');
        for (int r = 0; r < table.rowCount(); r++) {
            sb.append('|');
            for (Column<?> c : columns) {
                sb.append(' ').append(escape(c.getString(r))).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String escape(String cell) {
        return cell.replace("|", "\\|").replace("\r\n", " ").replace('\n', ' ');
    }
}
