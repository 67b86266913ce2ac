package org.itkm.synth;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Plans the three ReID layouts of a preset with {@link SynthPreset.UniformSizes}: every identity has the
 * same number of images per camera (tiny, quick, full). The order of the random draws is part of the
 * output: changing it changes every such data set (and then {@link SynthUmsGenerator#FORMAT_VERSION}).
 */
final class UniformPlanner {
    private UniformPlanner() {}

    static void plan(SynthPlan.Builder b, SynthPreset.UniformSizes z, Path out) {
        visibleInfrared(b, z, out.resolve(SynthLayout.SYSU));
        clothesChanging(b, z, out.resolve(SynthLayout.LTCC));
        crossResolution(b, z, out.resolve(SynthLayout.MLR));
    }

    /** SYSU-MM01 layout: cam1..cam6/<pid4>/<img4>.jpg, exp/{train,val,test}_id.txt. */
    private static void visibleInfrared(SynthPlan.Builder b, SynthPreset.UniformSizes z, Path root) {
        SplittableRandom rnd = b.random("VI");
        int n = z.viTrain() + z.viVal() + z.viTest();
        List<Integer> pids = SynthPlan.shuffledIds(n, rnd);
        TreeSet<Integer> test = SynthLayout.writeSysuIdLists(b, root, pids, z.viTrain(), z.viVal());
        CameraStyle[] cams = SynthLayout.sysuCameras(b);
        for (int pid = 1; pid <= n; pid++) {
            Identity id = IdentitySampler.identity(pid, 1, rnd);
            for (int c = 1; c <= 6; c++) {
                String split = SynthLayout.sysuSplit(test.contains(pid), c);
                for (int k = 1; k <= z.viPerCamera(); k++) {
                    b.image("VI", root, SynthLayout.sysuFile(c, pid, k), split, id, 0, pid, c, -1, cams[c], 1);
                }
            }
        }
    }

    /**
     * LTCC layout: train/, query/, test/ of <pid>_<clothes>_c<cam>_<frame>.png. Each identity has 2-3
     * outfits and is seen by ccCamerasPerId of the 12 cameras; the cameras are shared out among the
     * outfits, so every outfit is seen by at least two cameras. A test identity's query holds one
     * image of each outfit; the rest goes to the gallery (test/).
     */
    private static void clothesChanging(SynthPlan.Builder b, SynthPreset.UniformSizes z, Path root) {
        SplittableRandom rnd = b.random("CC");
        int n = z.ccTrain() + z.ccTest();
        List<Integer> pids = SynthPlan.shuffledIds(n, rnd);
        TreeSet<Integer> test = new TreeSet<>(pids.subList(z.ccTrain(), n));
        CameraStyle[] cams = SynthLayout.ltccCameras(b);
        int frame = 0;
        for (int pid = 1; pid <= n; pid++) {
            int nOutfits = 2 + rnd.nextInt(2);
            Identity id = IdentitySampler.identity(pid, nOutfits, rnd);
            List<Integer> camOrder = SynthPlan.shuffledIds(SynthLayout.LTCC_CAMERAS, rnd)
                    .subList(0, z.ccCamerasPerId());
            boolean[] queried = new boolean[nOutfits];
            for (int v = 0; v < camOrder.size(); v++) {
                int cam = camOrder.get(v);
                int outfit = v % nOutfits;
                for (int k = 0; k < z.ccPerCamera(); k++) {
                    frame += 1 + rnd.nextInt(40);
                    String split = "train";
                    if (test.contains(pid)) {
                        split = queried[outfit] ? "gallery" : "query";
                        queried[outfit] = true;
                    }
                    b.image("CC", root, SynthLayout.ltccFile(split, pid, outfit + 1, cam, frame), split, id, outfit,
                            pid, cam, outfit + 1, cams[cam], 1);
                }
            }
        }
    }

    /**
     * MLR-CUHK03 layout: bounding_box_train/, query/, bounding_box_test/ of <pid4>_c<cam>_<img4>.png.
     * Camera 2 images are down-sampled by 2, 3 or 4 and resized back; query = camera-2 images of the
     * test identities, gallery = their camera-1 images plus a few junk (pid -1) distractors.
     */
    private static void crossResolution(SynthPlan.Builder b, SynthPreset.UniformSizes z, Path root) {
        SplittableRandom rnd = b.random("CR");
        int n = z.crTrain() + z.crTest();
        List<Integer> pids = SynthPlan.shuffledIds(n, rnd);
        TreeSet<Integer> test = new TreeSet<>(pids.subList(z.crTrain(), n));
        CameraStyle[] cams = SynthLayout.mlrCameras(b);
        for (int pid = 1; pid <= n; pid++) {
            Identity id = IdentitySampler.identity(pid, 1, rnd);
            for (int c = 1; c <= 2; c++) {
                for (int k = 1; k <= z.crPerCamera(); k++) {
                    int factor = c == 2 ? SynthLayout.lowResolutionFactor(rnd) : 1;
                    String split = SynthLayout.mlrSplit(test.contains(pid), c);
                    b.image("CR", root, SynthLayout.mlrFile(split, pid, c, k), split, id, 0, pid, c, -1, cams[c],
                            factor);
                }
            }
        }
        SynthLayout.mlrJunk(b, root, z.crJunk(), n, rnd, cams[1]);
    }
}
