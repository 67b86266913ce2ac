package org.itkm.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.itkm.io.FloatMatrix;
import org.itkm.io.NpyFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Against golden output of lib/src/test/python/make_cluster_fixtures.py: a dense float64 NumPy
 * k-reciprocal Jaccard distance and scikit-learn DBSCAN(metric='precomputed').
 */
class GoldenClusteringTest {
    static Path dir(String name) throws URISyntaxException {
        return Path.of(GoldenClusteringTest.class.getResource("/golden/cluster/" + name + "/cases.txt").toURI())
                .getParent();
    }

    static int[] readInts(Path p) throws IOException {
        return Files.readAllLines(p).stream().filter(s -> !s.isBlank()).mapToInt(s -> Integer.parseInt(s.trim()))
                .toArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"blobs", "lattice", "duplicates", "three", "one"})
    void labelsEqualScikitLearn(String name) throws Exception {
        Path d = dir(name);
        FloatMatrix x = NpyFile.readFloat32Matrix(d.resolve("features.npy"));
        for (String line : Files.readAllLines(d.resolve("cases.txt"))) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split(" ");
            int k1 = Integer.parseInt(f[0]);
            int k2 = Integer.parseInt(f[1]);
            double eps = Double.parseDouble(f[2]);
            int ms = Integer.parseInt(f[3]);
            int[] expected = readInts(d.resolve(f[4]));
            // a small tile makes the symmetric tiling and several tiles per row part of the test
            PseudoLabels got = new JaccardDbscan(k1, k2, eps, ms, new NearestNeighbors(Device.cpu(), 64)).cluster(x);
            assertArrayEquals(expected, got.labels(), name + " " + line);
            int clusters = java.util.Arrays.stream(expected).max().orElse(-1) + 1;
            assertEquals(clusters, got.clusters());
            assertEquals(clusters, got.centroids().rows());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blobs", "lattice"})
    void neighbourTableEqualsReference(String name) throws Exception {
        Path d = dir(name);
        UnitFeatures x = UnitFeatures.of(NpyFile.readFloat32Matrix(d.resolve("features.npy")));
        NeighborTable t = new NearestNeighbors(Device.cpu(), 50).self(x, 30);
        List<String> rows = Files.readAllLines(d.resolve("knn.txt"));
        assertEquals(x.rows(), rows.size());
        for (int i = 0; i < x.rows(); i++) {
            int[] expected = java.util.Arrays.stream(rows.get(i).trim().split(" ")).mapToInt(Integer::parseInt)
                    .toArray();
            assertArrayEquals(expected, t.row(i, 30), name + " row " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lattice"})
    void jaccardDistancesEqualReference(String name) throws Exception {
        Path d = dir(name);
        UnitFeatures x = UnitFeatures.of(NpyFile.readFloat32Matrix(d.resolve("features.npy")));
        KReciprocalJaccard j = new KReciprocalJaccard(30, 6);
        SparseDistances sd = j.distances(x, new NearestNeighbors().self(x, 30), Math.nextDown(1.0));
        long pairs = 0;
        for (String line : Files.readAllLines(d.resolve("jaccard.txt"))) {
            String[] f = line.split(" ");
            int a = Integer.parseInt(f[0]);
            int b = Integer.parseInt(f[1]);
            double expected = Double.parseDouble(f[2]);
            assertEquals(expected, sd.distance(a, b), 1e-12, a + "," + b);
            assertEquals(sd.distance(a, b), sd.distance(b, a), 0.0);
            pairs++;
        }
        // every overlapping pair of the reference, nothing more (both orders), plus the diagonal
        assertEquals(2 * pairs + x.rows(), sd.storedPairs());
        for (int i = 0; i < x.rows(); i++) {
            assertTrue(sd.distance(i, i) < 1e-12);
        }
    }
}
