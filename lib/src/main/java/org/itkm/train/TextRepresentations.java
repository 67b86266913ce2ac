package org.itkm.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.itkm.io.FloatMatrix;
import org.itkm.io.NpyFile;

/**
 * Stage II's output, the offline text representations: one cluster-level text representation per
 * pseudo-identity of every unit (rows {@code offset(u) .. offset(u) + clusters(u) - 1} of one matrix),
 * and, through the Stage I labels, an instance-level one per image (its cluster's).
 */
public record TextRepresentations(FloatMatrix clusterText, int[] offsets, int[] clusters) {
    /** Unit u's cluster-level text representations (clusters(u) × D). */
    public FloatMatrix unit(int u) {
        int[] rows = java.util.stream.IntStream.range(offsets[u], offsets[u] + clusters[u]).toArray();
        return clusterText.selectRows(rows);
    }

    /** Instance-level text representations of unit u's rows: the row of each image's cluster, zero for noise. */
    public FloatMatrix instances(int u, int[] unitLabels) {
        int d = clusterText.cols();
        float[] out = new float[unitLabels.length * d];
        for (int i = 0; i < unitLabels.length; i++) {
            if (unitLabels[i] >= 0) {
                System.arraycopy(clusterText.data(), (offsets[u] + unitLabels[i]) * d, out, i * d, d);
            }
        }
        return new FloatMatrix(unitLabels.length, d, out);
    }

    public void save(Path dir) throws IOException {
        NpyFile.write(dir.resolve("cluster-text.npy"), clusterText);
        StringBuilder sb = new StringBuilder();
        for (int u = 0; u < offsets.length; u++) {
            sb.append(offsets[u]).append(' ').append(clusters[u]).append('\n');
        }
        org.itkm.io.AtomicFiles.writeString(dir.resolve("cluster-text-units.txt"), sb.toString());
    }

    public static TextRepresentations load(Path dir) throws IOException {
        FloatMatrix t = NpyFile.readFloat32Matrix(dir.resolve("cluster-text.npy"));
        List<int[]> rows = new ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(dir.resolve("cluster-text-units.txt"))) {
            if (!line.isBlank()) {
                String[] p = line.trim().split(" ");
                rows.add(new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])});
            }
        }
        return new TextRepresentations(t, rows.stream().mapToInt(r -> r[0]).toArray(),
                rows.stream().mapToInt(r -> r[1]).toArray());
    }
}
