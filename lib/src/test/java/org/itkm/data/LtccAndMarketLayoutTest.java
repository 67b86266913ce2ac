package org.itkm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.itkm.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LTCC and Market-style readers on hand-made trees, including broken ones. */
class LtccAndMarketLayoutTest {
    @TempDir
    Path dir;

    private Path ltcc() {
        Path root = dir.resolve("LTCC_ReID");
        ImageTree.image(root.resolve("train/001_1_c1_000001.png"), 0xff0000);
        ImageTree.image(root.resolve("train/001_2_c3_000002.png"), 0x00ff00);
        ImageTree.image(root.resolve("train/002_1_c11_000003.png"), 0x0000ff);
        ImageTree.image(root.resolve("query/010_1_c2_000004.png"), 0xff0000);
        ImageTree.image(root.resolve("test/010_1_c4_000005.png"), 0xff0000);
        ImageTree.image(root.resolve("test/010_2_c5_000006.png"), 0x00ff00);
        ImageTree.image(root.resolve("test/011_1_c12_000007.png"), 0x00ff00);
        return root;
    }

    @Test
    void ltccParsesPidClothesAndCamera() {
        Path root = ltcc();
        List<DatasetLocator.Located> found = DatasetLocator.locate(dir);
        assertEquals(1, found.size());
        assertEquals(root, found.get(0).root());
        ReidDataset d = found.get(0).layout().read(found.get(0).root(), ReadOptions.defaults());
        assertEquals(Scenario.CC, d.scenario());
        assertEquals(List.of(1, 3, 11), d.train().stream().map(Sample::camid).toList());
        assertEquals(List.of(1, 1, 2), d.train().stream().map(GroundTruth::pid).toList());
        // clothes "1" of persons 1 and 2 are different outfits: ids are unique per (pid, clothes)
        int c11 = GroundTruth.clothes(d.train().get(0));
        int c12 = GroundTruth.clothes(d.train().get(1));
        int c21 = GroundTruth.clothes(d.train().get(2));
        assertNotEquals(c11, c12);
        assertNotEquals(c11, c21);
        assertEquals(GroundTruth.clothes(d.query().get(0)), GroundTruth.clothes(d.gallery().get(0)));
        assertNotEquals(GroundTruth.clothes(d.query().get(0)), GroundTruth.clothes(d.gallery().get(1)));
        var labels = GroundTruth.labels(d.gallery());
        assertEquals(3, labels.size());
        assertTrue(labels.hasClothes());
    }

    @Test
    void ltccNameWithoutCameraTagIsAWrongLayout() {
        Path root = ltcc();
        Path bad = ImageTree.image(root.resolve("train/003_1_5_000009.png"), 0);
        var e = assertThrows(InvalidInputException.class, () -> new LtccLayout().read(root, ReadOptions.defaults()));
        assertTrue(e.getMessage().startsWith(bad + ": file name does not follow the LTCC layout"), e.getMessage());
        assertTrue(e.getMessage().contains("'_c<cam>' camera tag is missing"), e.getMessage());
    }

    @Test
    void ltccEmptySplitIsNamed() throws IOException {
        Path root = ltcc();
        Files.delete(root.resolve("query/010_1_c2_000004.png"));
        var e = assertThrows(InvalidInputException.class, () -> new LtccLayout().read(root, ReadOptions.defaults()));
        assertEquals(root.resolve("query") + ": the query split is empty; expected"
                + " <pid>_<clothes>_c<cam>_<frame>.png files", e.getMessage());
    }

    @Test
    void ltccUnreadablePngIsNamed() throws IOException {
        Path root = ltcc();
        Path bad = root.resolve("test/011_1_c12_000007.png");
        Files.writeString(bad, "not an image");
        var e = assertThrows(InvalidInputException.class, () -> new LtccLayout().read(root, ReadOptions.defaults()));
        assertTrue(e.getMessage().startsWith(bad + ": not a JPEG or PNG image"), e.getMessage());
        ReidDataset d = new LtccLayout().read(root, new ReadOptions(true, UnreadableImagePolicy.SKIP));
        assertEquals(2, d.gallery().size()); // two of three gallery images remain
        assertEquals(1, d.report().skippedImages().size());
    }

    @Test
    void missingDirectoryIsNamed() {
        Path nowhere = dir.resolve("nowhere");
        var e = assertThrows(InvalidInputException.class, () -> DatasetLocator.locate(nowhere));
        assertTrue(e.getMessage().startsWith(nowhere + ": directory not found"), e.getMessage());
        var e2 = assertThrows(InvalidInputException.class, () -> DatasetLocator.locate(dir));
        assertTrue(e2.getMessage().contains("no data set layout recognised"), e2.getMessage());
    }

    private Path market() {
        Path root = dir.resolve("MLR-CUHK03");
        ImageTree.image(root.resolve("bounding_box_train/0001_c1_0001.png"), 0x102030);
        ImageTree.image(root.resolve("bounding_box_train/0001_c2_0002.png"), 0x102030);
        ImageTree.image(root.resolve("bounding_box_train/0002_c1s1_000451_03.jpg"), 0x102030);
        ImageTree.image(root.resolve("query/0005_c2_0001.png"), 0x102030);
        ImageTree.image(root.resolve("bounding_box_test/0005_c1_0001.png"), 0x102030);
        ImageTree.image(root.resolve("bounding_box_test/-1_c1_0002.png"), 0x102030);
        ImageTree.image(root.resolve("bounding_box_test/0000_c2_0003.png"), 0x102030);
        return root;
    }

    @Test
    void marketStyleSkipsJunkAndDividesByResolution() {
        Path root = market();
        ReidDataset d = new MarketStyleLayout().read(root, ReadOptions.defaults());
        assertEquals(3, d.train().size());
        assertEquals(2, d.gallery().size());
        assertEquals(1, d.report().junkImages());
        assertEquals(List.of(0, 5), d.gallery().stream().map(GroundTruth::pid).toList());
        ReidDataset g = GroupDivision.divide(d, null, 0);
        assertEquals(List.of(Group.A, Group.B, Group.A), g.train().stream().map(Sample::group).toList());
        assertEquals(Group.B, g.query().get(0).group());
        assertTrue(DatasetSummary.of(d).format(false).contains("junk images left out (pid -1): 1"));
    }

    @Test
    void marketStyleSetUnderAnotherNameIsFound() throws IOException {
        Path root = market();
        Path renamed = dir.resolve("Market-1501-v15.09.15");
        Files.move(root, renamed);
        List<DatasetLocator.Located> found = DatasetLocator.locate(dir);
        assertEquals(1, found.size());
        assertEquals(renamed, found.get(0).root());
    }

    @Test
    void marketStyleBadNameAndAllJunkSplit() throws IOException {
        Path root = market();
        Path bad = ImageTree.image(root.resolve("query/img_0001.png"), 0);
        var e = assertThrows(InvalidInputException.class, () -> new MarketStyleLayout().read(root, ReadOptions.defaults()));
        assertTrue(e.getMessage().startsWith(bad + ": file name does not follow the Market-style layout"));
        Files.delete(bad);
        Files.delete(root.resolve("bounding_box_test/0005_c1_0001.png"));
        Files.delete(root.resolve("bounding_box_test/0000_c2_0003.png"));
        var e2 = assertThrows(InvalidInputException.class, () -> new MarketStyleLayout().read(root, ReadOptions.defaults()));
        assertTrue(e2.getMessage().endsWith("(all 1 are junk, pid -1)"), e2.getMessage());
    }
}
