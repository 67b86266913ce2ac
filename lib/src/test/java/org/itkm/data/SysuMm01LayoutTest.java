package org.itkm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.itkm.io.InvalidInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SYSU-MM01 on a hand-made tree: split rules (train = train ∪ val, IR query, visible gallery) and errors. */
class SysuMm01LayoutTest {
    @TempDir
    Path dir;
    Path root;

    @BeforeEach
    void tree() throws IOException {
        root = dir.resolve("SYSU-MM01");
        // ids 1, 2 train; 3 val; 5, 7 test. Two images per camera, id 2 missing from cam 5.
        for (int id : new int[] {1, 2, 3, 5, 7}) {
            for (int cam = 1; cam <= 6; cam++) {
                if (id == 2 && cam == 5) {
                    continue;
                }
                for (int k = 1; k <= 2; k++) {
                    ImageTree.image(root.resolve(String.format("cam%d/%04d/%04d.jpg", cam, id, k)), 0x808080);
                }
            }
        }
        ImageTree.text(root.resolve("exp/train_id.txt"), "1,2\n");
        ImageTree.text(root.resolve("exp/val_id.txt"), "3");
        ImageTree.text(root.resolve("exp/test_id.txt"), "5,7");
    }

    @Test
    void splitsFollowTheSysuProtocol() {
        ReidDataset d = new SysuMm01Layout().read(root, ReadOptions.defaults());
        DatasetSummary s = DatasetSummary.of(d);
        assertEquals(3, s.counts(Split.TRAIN).ids());
        assertEquals(3 * 12 - 2, s.counts(Split.TRAIN).images());
        assertEquals(List.of(1, 2, 3, 4, 5, 6), s.counts(Split.TRAIN).cameras());
        assertEquals(2, s.counts(Split.QUERY).ids());
        assertEquals(8, s.counts(Split.QUERY).images());
        assertEquals(List.of(3, 6), s.counts(Split.QUERY).cameras());
        assertEquals(List.of(1, 2, 4, 5), s.counts(Split.GALLERY).cameras());
        assertEquals(16, s.counts(Split.GALLERY).images());
        Set<Integer> trainIds = new TreeSet<>();
        d.train().forEach(x -> trainIds.add(GroundTruth.pid(x)));
        assertEquals(Set.of(1, 2, 3), trainIds);
        Sample first = d.train().get(0);
        assertEquals(root.resolve("cam1/0001/0001.jpg"), first.path());
        assertEquals(Sample.NO_CLOTHES, GroundTruth.clothes(first));
        assertTrue(!first.toString().contains("pid"), "toString must not show the identity");
    }

    @Test
    void groupDivisionByModality() {
        ReidDataset d = GroupDivision.divide(new SysuMm01Layout().read(root, ReadOptions.namesOnly()), null, 0);
        for (Sample x : d.all()) {
            assertEquals(x.camid() == 3 || x.camid() == 6 ? Group.B : Group.A, x.group(), x.toString());
        }
        assertEquals(8, d.division().counts().get(Split.QUERY)[1]);
        assertEquals(0, d.division().counts().get(Split.GALLERY)[1]);
        assertTrue(d.division().toJson().contains("\"method\": \"modality\", \"group_b_cameras\": [3, 6]"),
                d.division().toJson());
    }

    @Test
    void missingIdFileIsNamed() throws IOException {
        Files.delete(root.resolve("exp/test_id.txt"));
        var e = assertThrows(InvalidInputException.class, () -> new SysuMm01Layout().read(root, ReadOptions.defaults()));
        assertTrue(e.getMessage().startsWith(root.resolve("exp/test_id.txt") + ": file not found"), e.getMessage());
    }

    @Test
    void missingCameraFolderIsNamed() throws IOException {
        Files.move(root.resolve("cam4"), dir.resolve("elsewhere"));
        var e = assertThrows(InvalidInputException.class, () -> new SysuMm01Layout().read(root, ReadOptions.defaults()));
        assertTrue(e.getMessage().startsWith(root.resolve("cam4") + ": directory not found"), e.getMessage());
    }

    @Test
    void listedIdWithoutImagesIsAnError() throws IOException {
        ImageTree.text(root.resolve("exp/test_id.txt"), "5,7,9");
        var e = assertThrows(InvalidInputException.class, () -> new SysuMm01Layout().read(root, ReadOptions.defaults()));
        assertTrue(e.getMessage().contains("lists id 9 but no image cam*/0009/*.jpg exists"), e.getMessage());
    }

    @Test
    void malformedIdListIsNamed() throws IOException {
        ImageTree.text(root.resolve("exp/val_id.txt"), "3,x4");
        var e = assertThrows(InvalidInputException.class, () -> new SysuMm01Layout().read(root, ReadOptions.defaults()));
        assertTrue(e.getMessage().contains("val_id.txt: 'x4' is not a person id"), e.getMessage());
    }

    @Test
    void truncatedJpegFailsByDefaultAndIsSkippedWhenAsked() throws IOException {
        Path bad = root.resolve("cam3/0005/0002.jpg");
        ImageTree.truncate(bad);
        var e = assertThrows(InvalidInputException.class, () -> new SysuMm01Layout().read(root, ReadOptions.defaults()));
        assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
        ReidDataset d = new SysuMm01Layout().read(root, new ReadOptions(true, UnreadableImagePolicy.SKIP));
        assertEquals(7, d.query().size());
        assertEquals(1, d.report().skippedImages().size());
        assertTrue(d.report().skippedImages().get(0).startsWith(bad.toString()));
        assertTrue(DatasetSummary.of(d).format(false).contains("unreadable images skipped: 1"));
    }
}
