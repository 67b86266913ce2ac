package org.itkm.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.itkm.io.InvalidInputException;

/**
 * Finds the data sets under a directory: the directory itself in one of the layouts, or a folder
 * holding several (a SynthUMS output: SYSU-MM01/, LTCC_ReID/, MLR-CUHK03/).
 */
public final class DatasetLocator {
    private DatasetLocator() {}

    /** A layout and the root it reads. */
    public record Located(DatasetLayout layout, Path root) {}

    /** Every data set found at or directly under dir, in scenario order (VI, CC, CR). */
    public static List<Located> locate(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": " + (Files.exists(dir) ? "not a directory" : "directory not found")
                    + "; expected a data set root (SYSU-MM01, LTCC_ReID or a Market-style folder) or a SynthUMS"
                    + " output folder holding them");
        }
        org.itkm.io.ReadAccess.requireFolder(dir, "the data set folder");
        List<Located> found = new ArrayList<>();
        for (DatasetLayout layout : DatasetLayout.all()) {
            Optional<Path> root = layout.locate(dir);
            root.ifPresent(r -> found.add(new Located(layout, r)));
        }
        if (found.isEmpty()) {
            throw new InvalidInputException(dir + ": no data set layout recognised; expected SYSU-MM01"
                    + " (cam1..cam6/, exp/), LTCC (LTCC_ReID/ or train/, query/, test/) or Market-style"
                    + " (bounding_box_train/, query/, bounding_box_test/), or a folder holding them");
        }
        return found;
    }

    /** Reads every data set found under dir. */
    public static List<ReidDataset> readAll(Path dir, ReadOptions options) {
        List<ReidDataset> out = new ArrayList<>();
        for (Located l : locate(dir)) {
            out.add(l.layout().read(l.root(), options));
        }
        return out;
    }
}
