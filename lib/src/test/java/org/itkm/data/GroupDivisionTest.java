package org.itkm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clothes-changing division: k-means (k = 2) on a representation; larger cluster is A. */
class GroupDivisionTest {
    @TempDir
    Path dir;

    @Test
    void kMeansSeparatesTwoLooksAndAssignsTestImagesToTheNearestCentroid() {
        Path root = dir.resolve("LTCC_ReID");
        // five reddish and three bluish training images (slightly different shades)
        for (int i = 0; i < 5; i++) {
            ImageTree.image(root.resolve(String.format("train/%03d_1_c%d_%06d.png", i, i + 1, i)), 0xc00000 + i * 0x0a0000);
        }
        for (int i = 0; i < 3; i++) {
            ImageTree.image(root.resolve(String.format("train/%03d_2_c%d_%06d.png", 10 + i, i + 1, 10 + i)),
                    0x0000c0 + i * 0x0a);
        }
        ImageTree.image(root.resolve("query/020_1_c1_000100.png"), 0x0000b0);
        ImageTree.image(root.resolve("test/020_2_c2_000101.png"), 0xb00000);
        ImageTree.image(root.resolve("test/021_1_c3_000102.png"), 0x0000d0);
        ReidDataset d = GroupDivision.divide(new LtccLayout().read(root, ReadOptions.defaults()),
                new ColourHistogramRepresentation(), 42);
        assertEquals(List.of(Group.A, Group.A, Group.A, Group.A, Group.A, Group.B, Group.B, Group.B),
                d.train().stream().map(Sample::group).toList());
        assertEquals(Group.B, d.query().get(0).group());
        assertEquals(List.of(Group.A, Group.B), d.gallery().stream().map(Sample::group).toList());
        GroupDivision.Record r = d.division();
        assertEquals("k-means", r.method());
        assertEquals(5, r.counts().get(Split.TRAIN)[0]);
        assertTrue(r.toJson().contains("\"representation\": \"colour-histogram(") && r.toJson().contains("\"seed\": 42"),
                r.toJson());
        // the same seed gives the same division
        ReidDataset again = GroupDivision.divide(new LtccLayout().read(root, ReadOptions.namesOnly()),
                new ColourHistogramRepresentation(), 42);
        assertEquals(d.all(), again.all());
    }
}
