package org.itkm.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.itkm.io.AtomicFiles;
import org.itkm.io.WriteGate;

/**
 * A run's per-epoch {@code metrics.csv}: one row per (stage, epoch), columns the union of the values
 * logged so far (losses, cluster counts, F-score, evaluation...), rewritten atomically after every
 * row so that a killed run leaves a complete file. Reopening an existing file continues it (resume).
 */
public final class MetricsLog {
    private final Path file;
    private final Set<String> columns = new LinkedHashSet<>();
    private final List<Map<String, String>> rows = new ArrayList<>();
    private final WriteGate gate;

    public MetricsLog(Path file) throws IOException {
        this(file, new WriteGate());
    }

    /** A log whose writes go through {@code gate} (the run's). */
    public MetricsLog(Path file, WriteGate gate) throws IOException {
        this.file = file;
        this.gate = gate;
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file);
            if (!lines.isEmpty()) {
                String[] header = lines.get(0).split(",", -1);
                columns.addAll(List.of(header));
                for (String line : lines.subList(1, lines.size())) {
                    String[] cells = line.split(",", -1);
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 0; i < header.length && i < cells.length; i++) {
                        if (!cells[i].isEmpty()) {
                            row.put(header[i], cells[i]);
                        }
                    }
                    rows.add(row);
                }
            }
        }
    }

    /** Appends a row; numbers are written with up to 6 significant decimals. */
    public void append(Map<String, ?> values) throws IOException {
        gate.run(() -> {
            appendNow(values);
            return null;
        });
    }

    private synchronized void appendNow(Map<String, ?> values) throws IOException {
        Map<String, String> row = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            if (e.getKey().contains(",")) {
                throw new IllegalArgumentException("metric names may not contain commas: " + e.getKey());
            }
            columns.add(e.getKey());
            row.put(e.getKey(), format(e.getValue()));
        }
        rows.add(row);
        StringBuilder sb = new StringBuilder(String.join(",", columns)).append('\n');
        for (Map<String, String> r : rows) {
            boolean first = true;
            for (String c : columns) {
                sb.append(first ? "" : ",").append(r.getOrDefault(c, ""));
                first = false;
            }
            sb.append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /** Rows logged so far (including those read back on resume). */
    public synchronized List<Map<String, String>> rows() {
        return List.copyOf(rows);
    }

    /** Drops rows for which the predicate holds (e.g. epochs after the checkpoint a run resumes from). */
    public synchronized void retain(java.util.function.Predicate<Map<String, String>> keep) {
        rows.removeIf(keep.negate());
    }

    private static String format(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) {
                return "nan";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "inf" : "-inf";
            }
            java.math.BigDecimal b = new java.math.BigDecimal(d).round(new java.math.MathContext(6)).stripTrailingZeros();
            double a = Math.abs(d);
            return a == 0 || (a >= 1e-4 && a < 1e7) ? b.toPlainString() : b.toString();
        }
        String s = String.valueOf(v);
        if (s.contains(",") || s.contains("\n")) {
            throw new IllegalArgumentException("metric values may not contain commas or newlines: " + s);
        }
        return s;
    }
}
