package org.itkm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.itkm.io.FloatMatrix;
import org.itkm.io.NpyFile;
import org.junit.jupiter.api.Test;

/** The {@code cluster} command-line contract: labels file, summary on stderr, exit codes. */
class ClusterCommandTest extends CommandTestBase {

    @Test
    void writesTheScikitLearnPartitionOneLabelPerLine() throws Exception {
        Path golden = Path.of(getClass().getResource("/golden/cluster/blobs/features.npy").toURI());
        Path labels = dir.resolve("sub/labels.txt");
        assertEquals(0, run("cluster", "--features", golden.toString(), "--k1", "30", "--k2", "6", "--eps", "0.6",
                "--min-samples", "4", "--out", labels.toString()), err);
        int[] got = Files.readAllLines(labels).stream().mapToInt(Integer::parseInt).toArray();
        int[] expected = Files.readAllLines(golden.resolveSibling("labels_30_6_0.6_4.txt")).stream()
                .mapToInt(Integer::parseInt).toArray();
        assertArrayEquals(expected, got);
        assertTrue(err.contains("clusters 11, noise 26"), err);
        assertTrue(err.contains("peak memory"), err);
        assertEquals("", out);
    }

    @Test
    void badInputsAreUserErrors() throws Exception {
        Path f = dir.resolve("nan.npy");
        NpyFile.write(f, new FloatMatrix(2, 2, new float[] {1, Float.NaN, 0, 1}));
        assertEquals(ItkmCli.EXIT_USER_ERROR, run("cluster", "--features", f.toString()));
        assertTrue(err.contains("non-finite value at row 0, column 1"), err);
        assertEquals(ItkmCli.EXIT_USER_ERROR, run("cluster", "--features", dir.resolve("missing.npy").toString()));
        NpyFile.write(f, new FloatMatrix(2, 2, new float[] {1, 0, 0, 1}));
        assertEquals(ItkmCli.EXIT_USER_ERROR, run("cluster", "--features", f.toString(), "--min-samples", "0"));
        assertTrue(err.contains("--min-samples"), err);
        // no --out: labels on stdout; two points < min_samples: noise
        assertEquals(0, run("cluster", "--features", f.toString()));
        assertEquals("-1\n-1\n", out);
    }
}
