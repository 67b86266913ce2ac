package org.itkm.report;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.StringWriter;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * RFC 4180 CSV of a Tablesaw table, written by univocity's CSV writer (the engine of Tablesaw's own
 * {@code CsvWriter}, configured here as Tablesaw's options cannot: a field holding a quote must be quoted too): a
 * header line of the column names, then one line per row, cells as the columns' print formatters show them; a field
 * that holds a comma, a quote or a line break is quoted, quotes doubled; lines end with a line feed; spaces are kept.
 */
public final class TableCsv {
    private TableCsv() {}

    /** The table as CSV text. */
    public static String of(Table table) {
        CsvWriterSettings settings = new CsvWriterSettings();
        settings.getFormat().setDelimiter(',');
        settings.getFormat().setQuote('"');
        settings.getFormat().setQuoteEscape('"');
        settings.getFormat().setLineSeparator("\n");
        settings.setQuoteEscapingEnabled(true);
        settings.setQuotationTriggers('\r', '\n');
        settings.setIgnoreLeadingWhitespaces(false);
        settings.setIgnoreTrailingWhitespaces(false);
        settings.setNullValue("");
        settings.setEmptyValue("");
        StringWriter out = new StringWriter();
        CsvWriter writer = new CsvWriter(out, settings);
        writer.writeHeaders(table.columnNames());
        String[] row = new String[table.columnCount()];
        for (int r = 0; r < table.rowCount(); r++) {
            for (int c = 0; c < row.length; c++) {
                Column<?> column = table.column(c);
                row[c] = column.getString(r);
            }
            writer.writeRow((Object[]) row);
        }
        writer.close();
        return out.toString();
    }
}
