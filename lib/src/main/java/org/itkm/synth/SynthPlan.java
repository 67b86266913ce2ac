package org.itkm.synth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Everything a SynthUMS generation writes, decided before any pixel is rendered: every image (in the
 * order of the attribute tables) and the text files of the layouts (SYSU-MM01's id lists). Planning
 * draws from generators seeded by (seed, scenario), in a fixed order, so the plan is a function of the
 * preset and seed; it holds no pixels, so a paper-size plan of 80k images can be counted in a test.
 */
record SynthPlan(List<ImageJob> images, Map<Path, String> textFiles) {

    /** Collects a plan; each image's seed follows from (seed, scenario, its index in the plan). */
    static final class Builder {
        private final long seed;
        private final List<ImageJob> images = new ArrayList<>();
        private final Map<Path, String> textFiles = new LinkedHashMap<>();

        Builder(long seed) {
            this.seed = seed;
        }

        long seed() {
            return seed;
        }

        /** The planning generator of one scenario. */
        SplittableRandom random(String scenario) {
            return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + scenario.hashCode());
        }

        /** The style of one camera of a scenario. */
        CameraStyle camera(String scenario, int camid, boolean infrared) {
            return CameraStyle.of(seed, scenario, camid, infrared);
        }

        void image(String scenario, Path root, String file, String split, Identity identity, int outfit, int pid,
                int camid, int clothes, CameraStyle camera, int downsample) {
            images.add(new ImageJob(root, file, split, identity, outfit, pid, camid, clothes, camera, downsample,
                    imageSeed(scenario, images.size())));
        }

        void textFile(Path file, String text) {
            textFiles.put(file, text);
        }

        private long imageSeed(String scenario, int index) {
            return new SplittableRandom(seed ^ ((long) scenario.hashCode() << 32) ^ (index * 0xBF58476D1CE4E5B9L))
                    .nextLong();
        }

        SynthPlan build() {
            return new SynthPlan(List.copyOf(images), Collections.unmodifiableMap(textFiles));
        }
    }

    /** 1..n in an order drawn from rnd (Fisher-Yates with the plan's own generator). */
    static List<Integer> shuffledIds(int n, SplittableRandom rnd) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ids.add(i);
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            ids.set(i, ids.set(j, ids.get(i)));
        }
        return ids;
    }

    /** An exp/*_id.txt line: ascending ids separated by commas. */
    static String idList(TreeSet<Integer> ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            sb.append(sb.length() == 0 ? "" : ",").append(id);
        }
        return sb.append('\n').toString();
    }
}
