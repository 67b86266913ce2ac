package org.itkm.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers the paper reports (Tables 1, 2 and S1), for display beside the kit's own results and
 * always labelled "as reported". They are never mixed into the kit's computed tables.
 */
public final class PaperResults {
    /** Which table. */
    public enum Table {
        TABLE_1("paper-table1.csv"), TABLE_2("paper-table2.csv"), TABLE_S1("paper-tableS1.csv");

        private final String resource;

        Table(String resource) {
            this.resource = resource;
        }
    }

    /** The label every reported number carries. */
    public static final String LABEL = "as reported (Pang et al., AAAI 2026)";

    private PaperResults() {}

    /** Rows of a table: method name → column → value (text; empty cells are absent). */
    public static Map<String, Map<String, String>> rows(Table table) {
        try (InputStream in = PaperResults.class.getResourceAsStream(table.resource)) {
            List<String> lines = new ArrayList<>(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank()).toList());
            String[] header = lines.get(0).split(",", -1);
            Map<String, Map<String, String>> out = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i < header.length; i++) {
                    if (i < cells.length && !cells[i].isEmpty()) {
                        row.put(header[i], cells[i]);
                    }
                }
                out.put(cells[0], row);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One reported value, or NaN when the paper gives none. */
    public static double value(Table table, String method, String column) {
        Map<String, String> row = rows(table).get(method);
        if (row == null) {
            throw new IllegalArgumentException("no method '" + method + "' in " + table);
        }
        String v = row.get(column);
        return v == null ? Double.NaN : Double.parseDouble(v);
    }
}
