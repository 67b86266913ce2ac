package org.itkm.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.itkm.io.InvalidInputException;

/**
 * SynthUMS's {@code attributes.csv} sidecars: every image's traits (skin, hair, garments, viewpoint...)
 * by image file, for captions, t-SNE colouring (figure S4) and diagnostics. Never read by training.
 */
public final class AttributeSidecar {
    /** The sidecar's file name in a layout root (and in the caption corpus directory). */
    public static final String FILE_NAME = "attributes.csv";

    private final Map<Path, Map<String, String>> byImage;

    private AttributeSidecar(Map<Path, Map<String, String>> byImage) {
        this.byImage = byImage;
    }

    /** Reads one {@code attributes.csv} (a header with a {@code file} column, then one row per image); none if absent. */
    public static AttributeSidecar read(Path csv) {
        Map<Path, Map<String, String>> out = new HashMap<>();
        readInto(csv, out);
        return new AttributeSidecar(out);
    }

    /** Every sidecar directly below a SynthUMS root (one per layout, and the caption corpus's). */
    public static AttributeSidecar ofSynthRoot(Path root) {
        Map<Path, Map<String, String>> out = new HashMap<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> dirs = Files.list(root)) {
                for (Path d : dirs.sorted().toList()) {
                    readInto(d.resolve(FILE_NAME), out);
                }
            } catch (IOException e) {
                throw new InvalidInputException("cannot list " + root + ": " + e.getMessage(), e);
            }
        }
        return new AttributeSidecar(out);
    }

    /** The attributes of an image (any path form; compared absolute and normalised), empty when unknown. */
    public Map<String, String> of(Path image) {
        return byImage.getOrDefault(image.toAbsolutePath().normalize(), Map.of());
    }

    /** Number of images described. */
    public int size() {
        return byImage.size();
    }

    private static void readInto(Path csv, Map<Path, Map<String, String>> out) {
        if (!Files.isRegularFile(csv)) {
            return;
        }
        List<String> lines;
        org.itkm.io.ReadAccess.requireFile(csv, "the attribute sidecar");
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new InvalidInputException(csv + ": cannot read (" + org.itkm.io.IoReasons.of(e) + ")", e);
        }
        if (lines.isEmpty()) {
            return;
        }
        String[] header = lines.get(0).split(",", -1);
        int file = List.of(header).indexOf("file");
        if (file < 0) {
            throw new InvalidInputException(csv + ": header has no 'file' column: " + lines.get(0));
        }
        Path base = csv.toAbsolutePath().getParent();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != header.length) {
                throw new InvalidInputException(csv + " line " + (i + 1) + ": " + cells.length + " cells, header has "
                        + header.length);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                if (c != file) {
                    row.put(header[c], cells[c]);
                }
            }
            out.put(base.resolve(cells[file]).normalize(), Map.copyOf(row));
        }
    }
}
