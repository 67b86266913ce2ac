package org.itkm.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.itkm.io.InvalidInputException;

/**
 * Ground-truth labels of an evaluation split, one entry per feature row: person id, camera id and
 * (optionally) clothes id. Clothes ids are reused across people, so "same clothes" always means same
 * pid and same clothes id.
 */
public record ImageLabels(int[] pids, int[] camids, int[] clothes) {
    public ImageLabels {
        if (camids.length != pids.length || (clothes != null && clothes.length != pids.length)) {
            throw new IllegalArgumentException("label arrays differ in length");
        }
    }

    public int size() {
        return pids.length;
    }

    public boolean hasClothes() {
        return clothes != null;
    }

    /** The labels of the given rows, in the given order. */
    public ImageLabels select(int[] rows) {
        int[] p = new int[rows.length];
        int[] c = new int[rows.length];
        int[] cl = clothes == null ? null : new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            p[i] = pids[rows[i]];
            c[i] = camids[rows[i]];
            if (cl != null) {
                cl[i] = clothes[rows[i]];
            }
        }
        return new ImageLabels(p, c, cl);
    }

    /** Writes {@code pid,camid,clothes} (clothes left empty when absent). */
    public void writeCsv(Path path) throws IOException {
        StringBuilder sb = new StringBuilder("pid,camid,clothes\n");
        for (int i = 0; i < size(); i++) {
            sb.append(pids[i]).append(',').append(camids[i]).append(',');
            if (clothes != null) {
                sb.append(clothes[i]);
            }
            sb.append('\n');
        }
        Files.writeString(path, sb, StandardCharsets.UTF_8);
    }

    /**
     * Reads a metadata CSV with header {@code pid,camid[,clothes]} (columns in any order, extra
     * columns ignored). The clothes column may be absent or entirely empty; then {@link #clothes()} is
     * null. Every problem is an {@link InvalidInputException} naming the file and line.
     */
    public static ImageLabels readCsv(Path path) {
        org.itkm.io.ReadAccess.requireFile(path, "the metadata CSV");
        List<String> lines;
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            lines = r.lines().toList();
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(path + ": file not found");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InvalidInputException(path + ": cannot read as UTF-8 text (" + (e instanceof IOException io ? org.itkm.io.IoReasons.of(io) : e.getMessage()) + ")", e);
        }
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new InvalidInputException(path + ": empty file, expected a header line 'pid,camid,clothes'");
        }
        String[] header = splitRow(stripBom(lines.get(0)));
        int pidCol = indexOf(header, "pid");
        int camCol = indexOf(header, "camid");
        int clothesCol = indexOf(header, "clothes");
        if (pidCol < 0 || camCol < 0) {
            throw new InvalidInputException(path + ": header '" + lines.get(0).trim()
                    + "' must name the columns pid and camid (expected 'pid,camid,clothes')");
        }
        int n = 0;
        int[] pids = new int[lines.size()];
        int[] cams = new int[lines.size()];
        int[] clothes = new int[lines.size()];
        int clothesGiven = 0;
        int firstMissingClothes = -1;
        for (int li = 1; li < lines.size(); li++) {
            String line = lines.get(li);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = splitRow(line);
            int lineNo = li + 1;
            pids[n] = parseInt(cells, pidCol, "pid", path, lineNo);
            cams[n] = parseInt(cells, camCol, "camid", path, lineNo);
            if (pids[n] < 0) {
                throw new InvalidInputException(path + ":" + lineNo + ": pid " + pids[n]
                        + " is negative; junk/distractor images (pid -1) must be left out of evaluation sets");
            }
            boolean hasValue = clothesCol >= 0 && clothesCol < cells.length && !cells[clothesCol].isEmpty();
            if (hasValue) {
                clothes[n] = parseInt(cells, clothesCol, "clothes", path, lineNo);
                clothesGiven++;
            } else if (firstMissingClothes < 0) {
                firstMissingClothes = lineNo;
            }
            n++;
        }
        if (n == 0) {
            throw new InvalidInputException(path + ": no rows after the header");
        }
        if (clothesGiven > 0 && clothesGiven < n) {
            throw new InvalidInputException(path + ":" + firstMissingClothes
                    + ": clothes is empty here but given on other rows; give it on every row or on none");
        }
        return new ImageLabels(Arrays.copyOf(pids, n), Arrays.copyOf(cams, n),
                clothesGiven == 0 ? null : Arrays.copyOf(clothes, n));
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static String[] splitRow(String line) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].trim();
        }
        return cells;
    }

    private static int indexOf(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static int parseInt(String[] cells, int col, String name, Path path, int lineNo) {
        if (col >= cells.length || cells[col].isEmpty()) {
            throw new InvalidInputException(path + ":" + lineNo + ": missing value for " + name);
        }
        try {
            return Integer.parseInt(cells[col]);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(path + ":" + lineNo + ": " + name + " '" + cells[col]
                    + "' is not an integer");
        }
    }
}
