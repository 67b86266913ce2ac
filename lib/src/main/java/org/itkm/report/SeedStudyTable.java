package org.itkm.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.univocity.parsers.common.record.Record;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import org.itkm.io.InvalidInputException;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Table 1 over training seeds: for each of the kit's own rows (the paper's rows are left out) and each headline
 * metric, the values of every seed and their mean, from the {@code table1.csv} each seed's reproduction wrote.
 * It shows whether the order of the methods belongs to one seed or holds on average.
 */
public final class SeedStudyTable {
    /** The headline columns: SYSU-MM01 all-search, LTCC clothes-changing, MLR-CUHK03. */
    public static final List<String> COLUMNS = List.of("sysu_all_r1", "sysu_all_map", "ltcc_cc_r1", "ltcc_cc_map",
            "mlr_r1");
    private static final Map<String, String> HEADERS = Map.of("sysu_all_r1", "SYSU all R1", "sysu_all_map",
            "SYSU all mAP", "ltcc_cc_r1", "LTCC CC R1", "ltcc_cc_map", "LTCC CC mAP", "mlr_r1", "MLR R1");

    private final List<Long> seeds;
    /** method -> column -> one value per seed. */
    private final Map<String, Map<String, double[]>> values;

    private SeedStudyTable(List<Long> seeds, Map<String, Map<String, double[]>> values) {
        this.seeds = seeds;
        this.values = values;
    }

    /** Reads each seed's Table 1 CSV (seed → file); every file must hold the same methods of the kit. */
    public static SeedStudyTable read(Map<Long, Path> table1BySeed) throws IOException {
        if (table1BySeed.size() < 2) {
            throw new InvalidInputException("a seed study needs the Table 1 of at least two seeds, got "
                    + table1BySeed.keySet());
        }
        List<Long> seeds = new ArrayList<>(table1BySeed.keySet());
        Map<String, Map<String, double[]>> values = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<Long, Path> e : table1BySeed.entrySet()) {
            Map<String, Map<String, Double>> table = kitRows(e.getValue());
            if (i > 0 && !table.keySet().equals(values.keySet())) {
                throw new InvalidInputException(e.getValue() + " (seed " + e.getKey() + ") has the rows " + table.keySet()
                        + "; the first seed's table has " + values.keySet());
            }
            for (Map.Entry<String, Map<String, Double>> row : table.entrySet()) {
                Map<String, double[]> byColumn = values.computeIfAbsent(row.getKey(), k -> new LinkedHashMap<>());
                for (String c : COLUMNS) {
                    byColumn.computeIfAbsent(c, k -> new double[seeds.size()])[i] = row.getValue().get(c);
                }
            }
            i++;
        }
        return new SeedStudyTable(seeds, values);
    }

    /** The rows measured by the kit ("this kit, ..."), method → column → value. */
    private static Map<String, Map<String, Double>> kitRows(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new InvalidInputException(csv + ": no such Table 1 CSV (written by itkm reproduce)");
        }
        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        CsvParserSettings settings = new CsvParserSettings(); // univocity: the CSV engine of Tablesaw
        settings.setHeaderExtractionEnabled(true);
        settings.getFormat().setLineSeparator("\n");
        try (Reader r = Files.newBufferedReader(csv)) {
            CsvParser parser = new CsvParser(settings);
            List<Record> records = parser.parseAllRecords(r);
            List<String> header = List.of(parser.getRecordMetadata().headers());
            for (String c : COLUMNS) {
                if (!header.contains(c)) {
                    throw new InvalidInputException(csv + " has no column " + c + " (columns: " + header + ")");
                }
            }
            for (Record rec : records) {
                if (!rec.getString("source").startsWith("this kit")) {
                    continue;
                }
                Map<String, Double> row = new LinkedHashMap<>();
                for (String c : COLUMNS) {
                    row.put(c, Double.parseDouble(rec.getString(c)));
                }
                rows.put(rec.getString("method"), row);
            }
        }
        return rows;
    }

    /** The seeds, in the order their values appear. */
    public List<Long> seeds() {
        return seeds;
    }

    /** The mean over seeds of one method's column. */
    public double mean(String method, String column) {
        double[] v = values.get(method).get(column);
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** The largest minus the smallest value over seeds of one method's column. */
    public double spread(String method, String column) {
        double[] v = values.get(method).get(column);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        return hi - lo;
    }

    /**
     * One row per method; each cell "v1 / v2 / ... (mean m)" with the two decimals {@code table1.csv} holds (one
     * decimal would round a value such as 17.85, itself 17.846 rounded, a second time: 17.9 beside Table 1's 17.8).
     */
    public Table toTable(String title) {
        StringColumn method = StringColumn.create("method");
        List<StringColumn> cells = new ArrayList<>();
        COLUMNS.forEach(c -> cells.add(StringColumn.create(c)));
        for (String m : values.keySet()) {
            method.append(m);
            for (int c = 0; c < COLUMNS.size(); c++) {
                double[] v = values.get(m).get(COLUMNS.get(c));
                StringBuilder sb = new StringBuilder();
                for (int s = 0; s < v.length; s++) {
                    sb.append(s == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.2f", v[s]));
                }
                sb.append(String.format(Locale.ROOT, " (mean %.2f)", mean(m, COLUMNS.get(c))));
                cells.get(c).append(sb.toString());
            }
        }
        Table t = Table.create(title, method);
        cells.forEach(t::addColumns);
        return t;
    }

    /** The table as Markdown, with a title line naming the seeds. */
    public String toMarkdown(String title) {
        StringBuilder sb = new StringBuilder();
        sb.append("## ").append(title).append("\n\nseeds ");
        for (int s = 0; s < seeds.size(); s++) {
            sb.append(s == 0 ? "" : " / ").append(seeds.get(s));
        }
        sb.append(" (training seed only: the same SynthUMS draw and the same shipped pocket CLIP)\n\n");
        sb.append(TableMarkdown.of(toTable(title), HEADERS));
        return sb.toString();
    }

    /** The table as CSV: method, then per column every seed's value and the mean. */
    public String toCsv() {
        Table t = Table.create("seed study", StringColumn.create("method"));
        List<StringColumn> cols = new ArrayList<>();
        for (String c : COLUMNS) {
            for (long s : seeds) {
                cols.add(StringColumn.create(c + "_seed" + s));
            }
            cols.add(StringColumn.create(c + "_mean"));
        }
        cols.forEach(t::addColumns);
        for (String m : values.keySet()) {
            t.stringColumn("method").append(m);
            int k = 0;
            for (String c : COLUMNS) {
                for (double v : values.get(m).get(c)) {
                    cols.get(k++).append(String.format(Locale.ROOT, "%.2f", v));
                }
                cols.get(k++).append(String.format(Locale.ROOT, "%.2f", mean(m, c)));
            }
        }
        return TableCsv.of(t);
    }
}
