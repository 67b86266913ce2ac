package org.itkm.synth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Plans the caption corpus: identities drawn from their own stream (none of them is in a ReID split),
 * each photographed by random cameras of all three scenarios (infrared ones included).
 */
final class CaptionPlanner {
    /** Share of the caption corpus photographed by an infrared camera. */
    static final double INFRARED_SHARE = 0.3;

    private CaptionPlanner() {}

    static void plan(SynthPlan.Builder b, int ids, int imagesPerId, Path root) {
        SplittableRandom rnd = b.random("captions");
        List<CameraStyle> cams = new ArrayList<>();
        List<Integer> factors = new ArrayList<>();
        for (int c = 1; c <= 6; c++) {
            cams.add(b.camera("VI", c, SynthLayout.INFRARED_CAMERAS.contains(c)));
            factors.add(1);
        }
        for (int c = 1; c <= SynthLayout.LTCC_CAMERAS; c++) {
            cams.add(b.camera("CC", c, false));
            factors.add(1);
        }
        cams.add(b.camera("CR", 1, false));
        factors.add(1);
        cams.add(b.camera("CR", 2, false));
        factors.add(0); // down-sampled, factor drawn per image
        for (int pid = 1; pid <= ids; pid++) {
            int nOutfits = 1 + rnd.nextInt(2);
            Identity id = IdentitySampler.identity(pid, nOutfits, rnd);
            for (int k = 1; k <= imagesPerId; k++) {
                // a third of the corpus infrared (2 of its 20 cameras would give a tenth): enough for
                // the pocket CLIP to learn what infrared images show, as web CLIP has seen grey photos
                int cam = rnd.nextDouble() < INFRARED_SHARE
                        ? SynthLayout.INFRARED_CAMERAS.get(rnd.nextInt(SynthLayout.INFRARED_CAMERAS.size())) - 1
                        : visibleCameraIndex(rnd.nextInt(cams.size() - SynthLayout.INFRARED_CAMERAS.size()));
                int factor = factors.get(cam) == 0 ? SynthLayout.lowResolutionFactor(rnd) : 1;
                int outfit = rnd.nextInt(nOutfits);
                String file = String.format(Locale.ROOT, "images/%05d_%02d.png", pid, k);
                b.image("captions", root, file, "caption", id, outfit, pid, cams.get(cam).camid(), outfit + 1,
                        cams.get(cam), factor);
            }
        }
    }

    /** The k-th camera of the caption corpus's list that is not infrared. */
    private static int visibleCameraIndex(int k) {
        int i = 0;
        for (int seen = -1; ; i++) {
            if (!(i < 6 && SynthLayout.INFRARED_CAMERAS.contains(i + 1)) && ++seen == k) {
                return i;
            }
        }
    }
}
