package org.itkm.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A data set layout exactly as distributed (SYSU-MM01, LTCC, Market-style / MLR-CUHK03). A reader
 * lists the files, parses ids from the names, and fails with a message naming the path and what was
 * expected when the tree does not have the layout.
 */
public interface DatasetLayout {
    /** The layout's name, e.g. "SYSU-MM01". */
    String name();

    Scenario scenario();

    /**
     * The data set root for {@code dir} if dir is such a root or holds one under the layout's usual
     * folder name; empty otherwise. Looks only at folder names, never reads images.
     */
    Optional<Path> locate(Path dir);

    /** Reads the three splits; every sample is in the placeholder group A until {@link GroupDivision}. */
    ReidDataset read(Path root, ReadOptions options);

    /** The layouts the kit reads, one per scenario. */
    static List<DatasetLayout> all() {
        return List.of(new SysuMm01Layout(), new LtccLayout(), new MarketStyleLayout());
    }

    /** The layout that reads a scenario's data. */
    static DatasetLayout forScenario(Scenario s) {
        return all().stream().filter(l -> l.scenario() == s).findFirst().orElseThrow();
    }
}
