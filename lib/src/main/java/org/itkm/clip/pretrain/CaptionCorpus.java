package org.itkm.clip.pretrain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.itkm.clip.zeroshot.CaptionedImage;
import org.itkm.io.InvalidInputException;

/**
 * Image-caption pairs that pre-train the pocket CLIP (a SynthUMS caption corpus: for the shipped pocket CLIP,
 * preset {@code corpus}, whose identities belong to no benchmark draw). Any source can implement it;
 * {@link #readTsv} reads the on-disk form.
 */
public interface CaptionCorpus {
    /** File name of the on-disk corpus inside its directory. */
    String FILE_NAME = "captions.tsv";

    /** Every pair, in a fixed order. */
    List<CaptionedImage> items();

    /**
     * Reads {@code captions.tsv}: a header {@code image<TAB>caption[<TAB>attribute...]}, then one pair per line;
     * image paths are relative to the file's directory; extra columns are attribute values.
     *
     * @param location the tsv file, or a directory holding it (directly or in {@code captions/})
     */
    static CaptionCorpus readTsv(Path location) {
        Path file = location;
        if (Files.isDirectory(location)) {
            file = location.resolve(FILE_NAME);
            if (!Files.isRegularFile(file) && Files.isRegularFile(location.resolve("captions").resolve(FILE_NAME))) {
                file = location.resolve("captions").resolve(FILE_NAME);
            }
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("missing caption corpus " + file + " (expected a tab-separated file with"
                    + " header 'image<TAB>caption[<TAB>attribute...]')");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new InvalidInputException(file + " is empty");
        }
        String[] header = lines.get(0).split("\t", -1);
        if (header.length < 2 || !header[0].equals("image") || !header[1].equals("caption")) {
            throw new InvalidInputException(file + ": header must start with 'image<TAB>caption', found '" + lines.get(0)
                    + "'");
        }
        Path base = file.toAbsolutePath().getParent();
        List<CaptionedImage> items = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cols = lines.get(i).split("\t", -1);
            if (cols.length != header.length) {
                throw new InvalidInputException(file + " line " + (i + 1) + ": " + cols.length + " columns, header has "
                        + header.length);
            }
            Map<String, String> attrs = new LinkedHashMap<>();
            for (int c = 2; c < cols.length; c++) {
                attrs.put(header[c], cols[c]);
            }
            items.add(new CaptionedImage(base.resolve(cols[0]), cols[1], attrs));
        }
        if (items.isEmpty()) {
            throw new InvalidInputException(file + " holds no pairs");
        }
        List<CaptionedImage> fixed = List.copyOf(items);
        return () -> fixed;
    }
}
