package org.itkm.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * SYSU-MM01 single-shot galleries: for trial t, one random image per (identity, visible camera),
 * drawn exactly as the reference code does ({@code random.seed(t)}, then for each identity in
 * ascending order and each camera in ascending order {@code random.choice(images)}), so that the
 * kit's trial galleries are the same images when the gallery rows are in file-name order.
 */
final class SingleShotGallery {
    private SingleShotGallery() {}

    /** Row indices of the trial gallery, in drawing order (identity, then camera). */
    static int[] draw(ImageLabels gallery, int[] cameras, long seed) {
        MersenneTwister rng = MersenneTwister.pythonSeeded(seed);
        List<Integer> chosen = new ArrayList<>();
        for (List<List<Integer>> perCamera : groups(gallery, cameras).values()) {
            for (List<Integer> rows : perCamera) {
                if (!rows.isEmpty()) {
                    chosen.add(rows.get(rng.pythonRandBelow(rows.size())));
                }
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Rows whose camera is one of the given cameras, in their original order. */
    static int[] restrict(ImageLabels gallery, int[] cameras) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < gallery.size(); i++) {
            if (indexOf(cameras, gallery.camids()[i]) >= 0) {
                rows.add(i);
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    private static TreeMap<Integer, List<List<Integer>>> groups(ImageLabels gallery, int[] cameras) {
        TreeMap<Integer, List<List<Integer>>> byPid = new TreeMap<>();
        for (int i = 0; i < gallery.size(); i++) {
            int c = indexOf(cameras, gallery.camids()[i]);
            if (c < 0) {
                continue;
            }
            List<List<Integer>> perCamera = byPid.computeIfAbsent(gallery.pids()[i], p -> {
                List<List<Integer>> l = new ArrayList<>();
                for (int k = 0; k < cameras.length; k++) {
                    l.add(new ArrayList<>());
                }
                return l;
            });
            perCamera.get(c).add(i);
        }
        return byPid;
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
