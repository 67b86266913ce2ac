package org.itkm.lab;

import org.itkm.cluster.Dbscan;
import org.itkm.cluster.NearestNeighbors;
import org.itkm.cluster.NeighborTable;
import org.itkm.cluster.SparseDistances;
import org.itkm.cluster.UnitFeatures;
import org.itkm.io.FloatMatrix;

/**
 * Lab 02's experiment: pseudo-labels from a student's {@link JaccardDistance} and the kit's DBSCAN, as
 * Stage I makes them from the kit's own sparse distance ({@code JaccardDbscan}).
 */
public final class LabClustering {
    private LabClustering() {}

    /** The student's dense distances of a group's features. */
    public static double[][] distances(JaccardDistance student, FloatMatrix features, int k1, int k2) {
        UnitFeatures x = UnitFeatures.of(features);
        NeighborTable table = new NearestNeighbors().self(x, Math.min(k1, x.rows()));
        return student.distances(x, table, k1, k2);
    }

    /** DBSCAN labels (0..C-1, -1 noise) over dense distances. */
    public static int[] labels(double[][] distances, double eps, int minSamples) {
        return new Dbscan(eps, minSamples).labels(SparseDistances.fromDense(distances, eps));
    }
}
