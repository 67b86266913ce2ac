package org.itkm.synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.itkm.io.InvalidInputException;

/**
 * The image-caption pairs for pocket-CLIP pre-training: {@code captions/captions.tsv} (columns file,
 * modality, caption; file relative to the captions folder) as written by {@link SynthUmsGenerator}.
 * The identities are not those of any ReID split, and there are no identity labels.
 */
public final class CaptionCorpus {
    private CaptionCorpus() {}

    /** One pair. */
    public record Caption(Path image, boolean infrared, String text) {}

    /**
     * Reads the corpus from a SynthUMS folder or its captions/ folder; every problem names the file
     * and line.
     */
    public static List<Caption> read(Path dir) {
        Path root = Files.isRegularFile(dir.resolve("captions.tsv")) ? dir : dir.resolve("captions");
        Path table = root.resolve("captions.tsv");
        List<String> lines;
        try {
            lines = Files.readAllLines(table, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(table + ": file not found; expected a SynthUMS folder (itkm synth) holding"
                    + " captions/captions.tsv");
        } catch (IOException e) {
            throw new InvalidInputException(table + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (lines.isEmpty() || !lines.get(0).equals("file\tmodality\tcaption")) {
            throw new InvalidInputException(table + ": expected the header 'file<TAB>modality<TAB>caption'");
        }
        List<Caption> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length != 3 || cells[2].isBlank()
                    || !(cells[1].equals("visible") || cells[1].equals("infrared"))) {
                throw new InvalidInputException(table + ":" + (i + 1) + ": expected file, visible|infrared and a"
                        + " caption separated by tabs");
            }
            Path image = root.resolve(cells[0]);
            if (!Files.isRegularFile(image)) {
                throw new InvalidInputException(table + ":" + (i + 1) + ": image " + image + " not found");
            }
            out.add(new Caption(image, cells[1].equals("infrared"), cells[2]));
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(table + ": no captions after the header");
        }
        return out;
    }
}
