package org.itkm.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.itkm.io.FloatMatrix;
import org.itkm.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLabelsTest {
    @TempDir
    Path dir;

    @Test
    void readsColumnsInAnyOrderWithOptionalClothes() throws IOException {
        ImageLabels a = ImageLabels.readCsv(csv("a.csv", "pid,camid,clothes\n3,1,0\n10,2,1\n"));
        assertArrayEquals(new int[] {3, 10}, a.pids());
        assertArrayEquals(new int[] {0, 1}, a.clothes());
        ImageLabels b = ImageLabels.readCsv(csv("b.csv", "camid,pid,clothes\r\n1,3,\r\n2,10,\r\n"));
        assertArrayEquals(new int[] {3, 10}, b.pids());
        assertArrayEquals(new int[] {1, 2}, b.camids());
        assertNull(b.clothes());
        assertNull(ImageLabels.readCsv(csv("c.csv", "pid,camid\n1,1\n")).clothes());
    }

    @Test
    void namesFileAndLineOfBadRows() throws IOException {
        assertMessage(csv("h.csv", "id,cam\n1,1\n"), "must name the columns pid and camid");
        assertMessage(csv("n.csv", "pid,camid,clothes\n1,1,0\nx,2,0\n"), ":3: pid 'x' is not an integer");
        assertMessage(csv("p.csv", "pid,camid,clothes\n1,1,0\n2,2,\n"), ":3: clothes is empty here");
        assertMessage(csv("j.csv", "pid,camid,clothes\n-1,1,0\n"), "pid -1 is negative");
        assertMessage(csv("e.csv", "pid,camid,clothes\n"), "no rows after the header");
        assertMessage(csv("z.csv", ""), "empty file");
        assertMessage(dir.resolve("none.csv"), "file not found");
    }

    @Test
    void featureAndLabelRowsMustAgreeAndFeaturesBeFinite() {
        ImageLabels two = new ImageLabels(new int[] {1, 2}, new int[] {1, 1}, null);
        InvalidInputException rows = assertThrows(InvalidInputException.class,
                () -> new LabeledFeatures(new FloatMatrix(3, 1, new float[3]), two, "Q.npy", "Q.csv"));
        assertTrue(rows.getMessage().contains("Q.npy has 3 feature rows but Q.csv has 2 label rows"));
        InvalidInputException nan = assertThrows(InvalidInputException.class,
                () -> new LabeledFeatures(new FloatMatrix(2, 2, new float[] {0, 1, Float.NaN, 0}), two, "G.npy", "G.csv"));
        assertTrue(nan.getMessage().contains("G.npy: row 1, column 0 is NaN"), nan.getMessage());
    }

    @Test
    void protocolErrors() {
        assertTrue(assertThrows(InvalidInputException.class, () -> Protocol.fromId("market"))
                .getMessage().contains("expected one of standard, ltcc-general, ltcc-cc, sysu-all, sysu-indoor, mlr"));
        LabeledFeatures noClothes = new LabeledFeatures(new FloatMatrix(1, 1, new float[] {1}),
                new ImageLabels(new int[] {1}, new int[] {1}, null), "G.npy", "G.csv");
        assertTrue(assertThrows(InvalidInputException.class,
                () -> ReidEvaluator.evaluate(noClothes, noClothes, Protocol.LTCC_CC)).getMessage()
                .startsWith("G.csv: protocol ltcc-cc needs a clothes id"));
        LabeledFeatures otherDim = new LabeledFeatures(new FloatMatrix(1, 2, new float[] {1, 0}),
                new ImageLabels(new int[] {1}, new int[] {1}, null), "Q.npy", "Q.csv");
        assertTrue(assertThrows(InvalidInputException.class,
                () -> ReidEvaluator.evaluate(otherDim, noClothes, Protocol.STANDARD)).getMessage()
                .contains("Q.npy has dimension 2 but G.npy has dimension 1"));
        LabeledFeatures outdoorOnly = new LabeledFeatures(new FloatMatrix(1, 1, new float[] {1}),
                new ImageLabels(new int[] {1}, new int[] {4}, null), "G.npy", "G.csv");
        assertTrue(assertThrows(InvalidInputException.class,
                () -> ReidEvaluator.evaluate(noClothes, outdoorOnly, Protocol.SYSU_INDOOR, 0, 0, null)).getMessage()
                .contains("no gallery rows from cameras [1, 2]"));
    }

    private void assertMessage(Path p, String part) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageLabels.readCsv(p));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    private Path csv(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
