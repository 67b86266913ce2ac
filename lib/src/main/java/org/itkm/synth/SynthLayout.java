package org.itkm.synth;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * How SynthUMS writes the three real layouts, whatever the preset: folder and file names, which split
 * an image of a test identity belongs to, and the cameras of each scenario (reference notes E.1-E.3).
 */
final class SynthLayout {
    static final String SYSU = "SYSU-MM01";
    static final String LTCC = "LTCC_ReID";
    static final String MLR = "MLR-CUHK03";
    static final String CAPTIONS = "captions";
    static final List<Integer> INFRARED_CAMERAS = List.of(3, 6);
    static final int LTCC_CAMERAS = 12;

    private SynthLayout() {}

    /**
     * Writes exp/train_id.txt, val_id.txt and test_id.txt: the first nTrain of the shuffled pids, the
     * next nVal, the rest.
     *
     * @return the test ids
     */
    static TreeSet<Integer> writeSysuIdLists(SynthPlan.Builder b, Path root, List<Integer> pids, int nTrain,
            int nVal) {
        TreeSet<Integer> train = new TreeSet<>(pids.subList(0, nTrain));
        TreeSet<Integer> val = new TreeSet<>(pids.subList(nTrain, nTrain + nVal));
        TreeSet<Integer> test = new TreeSet<>(pids.subList(nTrain + nVal, pids.size()));
        b.textFile(root.resolve("exp/train_id.txt"), SynthPlan.idList(train));
        b.textFile(root.resolve("exp/val_id.txt"), SynthPlan.idList(val));
        b.textFile(root.resolve("exp/test_id.txt"), SynthPlan.idList(test));
        return test;
    }

    /** SYSU-MM01's six cameras, index = camera number (0 unused); 3 and 6 infrared. */
    static CameraStyle[] sysuCameras(SynthPlan.Builder b) {
        CameraStyle[] cams = new CameraStyle[7];
        for (int c = 1; c <= 6; c++) {
            cams[c] = b.camera("VI", c, INFRARED_CAMERAS.contains(c));
        }
        return cams;
    }

    /** Test ids: infrared images are the query, visible ones the gallery. */
    static String sysuSplit(boolean testId, int cam) {
        return testId ? (INFRARED_CAMERAS.contains(cam) ? "query" : "gallery") : "train";
    }

    static String sysuFile(int cam, int pid, int image) {
        return String.format(Locale.ROOT, "cam%d/%04d/%04d.jpg", cam, pid, image);
    }

    /** LTCC's twelve cameras, index = camera number (0 unused). */
    static CameraStyle[] ltccCameras(SynthPlan.Builder b) {
        CameraStyle[] cams = new CameraStyle[LTCC_CAMERAS + 1];
        for (int c = 1; c <= LTCC_CAMERAS; c++) {
            cams[c] = b.camera("CC", c, false);
        }
        return cams;
    }

    /** train/, query/ or test/ (the gallery) of {@code <pid>_<clothes>_c<cam>_<frame>.png}. */
    static String ltccFile(String split, int pid, int clothes, int cam, int frame) {
        String folder = switch (split) {
            case "query" -> "query";
            case "gallery" -> "test";
            default -> "train";
        };
        return String.format(Locale.ROOT, "%s/%03d_%d_c%d_%06d.png", folder, pid, clothes, cam, frame);
    }

    /** MLR-CUHK03's two cameras, index = camera number (0 unused). */
    static CameraStyle[] mlrCameras(SynthPlan.Builder b) {
        return new CameraStyle[] {null, b.camera("CR", 1, false), b.camera("CR", 2, false)};
    }

    /** The down-sampling factor r of a low-resolution image: 2, 3 or 4. */
    static int lowResolutionFactor(SplittableRandom rnd) {
        return 2 + rnd.nextInt(3);
    }

    /** Test ids: camera 2 (low resolution) is the query, camera 1 the gallery. */
    static String mlrSplit(boolean testId, int cam) {
        return testId ? (cam == 2 ? "query" : "gallery") : "train";
    }

    /** bounding_box_train/, query/ or bounding_box_test/ of {@code <pid4>_c<cam>_<img4>.png}. */
    static String mlrFile(String split, int pid, int cam, int image) {
        String folder = switch (split) {
            case "query" -> "query";
            case "gallery" -> "bounding_box_test";
            default -> "bounding_box_train";
        };
        return String.format(Locale.ROOT, "%s/%04d_c%d_%04d.png", folder, pid, cam, image);
    }

    /** Junk distractors in the MLR gallery: pid -1, people numbered after the n real identities. */
    static void mlrJunk(SynthPlan.Builder b, Path root, int count, int n, SplittableRandom rnd, CameraStyle cam1) {
        for (int j = 1; j <= count; j++) {
            Identity junk = IdentitySampler.identity(n + j, 1, rnd);
            String file = String.format(Locale.ROOT, "bounding_box_test/-1_c1_%04d.png", j);
            b.image("CR", root, file, "junk", junk, 0, -1, 1, -1, cam1, 1);
        }
    }
}
