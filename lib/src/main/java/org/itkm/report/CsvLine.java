package org.itkm.report;

import java.util.List;

/** One RFC 4180 CSV line: fields joined by commas, a field holding a comma, quote or line break quoted. */
public final class CsvLine {
    private CsvLine() {}

    /** The fields as one line, ending with a line feed. */
    public static String of(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            String f = fields.get(i);
            if (i > 0) {
                sb.append(',');
            }
            boolean quote = f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r");
            sb.append(quote ? '"' + f.replace("\"", "\"\"") + '"' : f);
        }
        return sb.append('\n').toString();
    }
}
