package org.itkm.data;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.itkm.io.FloatMatrix;
import smile.clustering.KMeans;
import smile.math.MathEx;

/**
 * Homogeneous group division (paper Appendix S1): every sample goes to group A or B.
 * <ul>
 *   <li>VI: by modality, i.e. camera: visible cameras 1, 2, 4, 5 are A, infrared cameras 3, 6 are B.</li>
 *   <li>CR: by resolution, i.e. camera: the high-resolution camera 1 is A, the down-sampled camera 2 is B
 *       (MLR-CUHK03 and SynthUMS down-sample camera 2; configurable).</li>
 *   <li>CC: k-means with k = 2 (Smile) on an {@link ImageRepresentation} of the training images; the
 *       larger cluster is A. Query and gallery images go to the nearest centroid.</li>
 * </ul>
 * The result is recorded ({@link Record}) for the run manifest.
 */
public final class GroupDivision {
    private GroupDivision() {}

    /** Cameras whose images form group B in the cross-resolution scenario (the low-resolution view). */
    public static final Set<Integer> LOW_RESOLUTION_CAMERAS = Set.of(2);

    /**
     * How a data set was divided.
     *
     * @param method "modality", "resolution" or "k-means"
     * @param representation the image representation clustered (k-means only), else null
     * @param groupBCameras the cameras of group B (camera methods), else empty
     * @param counts images per split as {A, B}
     */
    public record Record(Scenario scenario, String method, String representation, long seed,
            List<Integer> groupBCameras, Map<Split, int[]> counts) {
        /** One JSON object for a run manifest. */
        public String toJson() {
            StringBuilder sb = new StringBuilder("{\"scenario\": \"").append(scenario).append("\", \"method\": \"")
                    .append(method).append('"');
            if (representation != null) {
                sb.append(", \"representation\": \"").append(representation.replace("\"", "'"))
                        .append("\", \"seed\": ").append(seed);
            } else {
                sb.append(", \"group_b_cameras\": ").append(groupBCameras);
            }
            for (Map.Entry<Split, int[]> e : counts.entrySet()) {
                sb.append(String.format(Locale.ROOT, ", \"%s\": {\"A\": %d, \"B\": %d}", e.getKey().label(),
                        e.getValue()[0], e.getValue()[1]));
            }
            return sb.append('}').toString();
        }
    }

    /**
     * Divides with the paper's rule for the data set's scenario.
     *
     * @param representation used for CC only (e.g. {@link ColourHistogramRepresentation} or the CLIP
     *     encoder); may be null for VI and CR
     * @param seed k-means seed (CC only)
     */
    public static ReidDataset divide(ReidDataset d, ImageRepresentation representation, long seed) {
        return switch (d.scenario()) {
            case VI -> byCamera(d, "modality", Set.copyOf(SysuMm01Layout.INFRARED_CAMERAS));
            case CR -> byCamera(d, "resolution", LOW_RESOLUTION_CAMERAS);
            case CC -> byKMeans(d, representation, seed);
        };
    }

    /** Group B = the given cameras, A = the others. */
    public static ReidDataset byCamera(ReidDataset d, String method, Set<Integer> groupBCameras) {
        Map<Split, List<Sample>> out = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            List<Sample> list = new ArrayList<>();
            for (Sample x : d.split(s)) {
                list.add(x.withGroup(groupBCameras.contains(x.camid()) ? Group.B : Group.A));
            }
            out.put(s, list);
        }
        return d.withGroups(out, new Record(d.scenario(), method, null, 0,
                List.copyOf(new TreeSet<>(groupBCameras)), counts(out)));
    }

    /** k-means (k = 2) on the training images' representations; larger cluster = A. */
    public static ReidDataset byKMeans(ReidDataset d, ImageRepresentation representation, long seed) {
        java.util.Objects.requireNonNull(representation, "the clothes-changing division needs an image representation");
        FloatMatrix train = representation.represent(d.train());
        if (train.rows() < 2) {
            throw new org.itkm.io.InvalidInputException(d.root() + ": k-means group division needs at least 2"
                    + " training images, found " + train.rows());
        }
        double[][] x = train.toDoubleRows(false);
        KMeans km;
        synchronized (MathEx.class) { // Smile seeds k-means++ from its per-thread generator
            MathEx.setSeed(seed);
            km = KMeans.fit(x, 2, 100, 1e-6);
        }
        int[] y = km.y;
        int count0 = 0;
        for (int v : y) {
            count0 += v == 0 ? 1 : 0;
        }
        int count1 = y.length - count0;
        // larger cluster is A; on a tie, the cluster of the first training image
        int clusterA = count0 > count1 ? 0 : count1 > count0 ? 1 : y[0];
        double[][] centroids = km.centroids;
        Map<Split, List<Sample>> out = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            List<Sample> samples = d.split(s);
            int[] cluster = s == Split.TRAIN ? y
                    : nearest(representation.represent(samples).toDoubleRows(false), centroids);
            List<Sample> list = new ArrayList<>();
            for (int i = 0; i < samples.size(); i++) {
                list.add(samples.get(i).withGroup(cluster[i] == clusterA ? Group.A : Group.B));
            }
            out.put(s, list);
        }
        return d.withGroups(out, new Record(d.scenario(), "k-means", representation.name(), seed, List.of(),
                counts(out)));
    }

    private static int[] nearest(double[][] x, double[][] centroids) {
        int[] out = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            double best = Double.MAX_VALUE;
            for (int c = 0; c < centroids.length; c++) {
                double dist = MathEx.squaredDistance(x[i], centroids[c]);
                if (dist < best) {
                    best = dist;
                    out[i] = c;
                }
            }
        }
        return out;
    }

    private static Map<Split, int[]> counts(Map<Split, List<Sample>> splits) {
        Map<Split, int[]> counts = new LinkedHashMap<>();
        for (Split s : Split.values()) {
            int[] c = new int[2];
            splits.get(s).forEach(x -> c[x.group().index()]++);
            counts.put(s, c);
        }
        return counts;
    }
}
