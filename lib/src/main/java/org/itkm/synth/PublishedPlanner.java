package org.itkm.synth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Plans the three ReID layouts with the real sets' counts ({@link PublishedSizes}): identities seen
 * by some cameras only and by each a different number of times, every split's total exact.
 */
final class PublishedPlanner {
    /** SYSU-MM01's indoor visible cameras; 4 and 5 are outdoors. */
    private static final List<Integer> INDOOR_VISIBLE = List.of(1, 2);
    private static final List<Integer> OUTDOOR_VISIBLE = List.of(4, 5);
    /** At most this many outfits per LTCC identity (2 at least, so that every test id changes clothes). */
    static final int MAX_OUTFITS = 5;
    /** Each LTCC outfit is seen by 2-4 of the 12 cameras. */
    static final int MIN_CAMERAS_PER_OUTFIT = 2;
    private static final int MAX_CAMERAS_PER_OUTFIT = 4;
    /** CUHK03: 3-5 images of a person per camera (at most 5 per view in the real set, 4.8 on average). */
    private static final int MIN_PER_MLR_CAMERA = 3;
    private static final int MAX_PER_MLR_CAMERA = 5;

    private PublishedPlanner() {}

    static void plan(SynthPlan.Builder b, PublishedSizes z, Path out) {
        visibleInfrared(b, z, out.resolve(SynthLayout.SYSU));
        clothesChanging(b, z, out.resolve(SynthLayout.LTCC));
        crossResolution(b, z, out.resolve(SynthLayout.MLR));
    }

    /**
     * SYSU-MM01: the test ids are seen by exactly viAllSearchGallery (id, visible camera) pairs, of
     * which viIndoorGallery indoors; the training ids by as many per id. Infrared camera 3 (in the room
     * of camera 2) sees the ids an indoor visible camera sees, camera 6 (outdoors) every id, so every id
     * has visible and infrared images. Each split's images are then shared out unevenly among its
     * (id, camera) pairs.
     */
    private static void visibleInfrared(SynthPlan.Builder b, PublishedSizes z, Path root) {
        SplittableRandom rnd = b.random("VI");
        int n = z.viTrainIds() + z.viValIds() + z.viTestIds();
        List<Integer> pids = SynthPlan.shuffledIds(n, rnd);
        TreeSet<Integer> test = SynthLayout.writeSysuIdLists(b, root, pids, z.viTrainIds(), z.viValIds());
        List<Integer> train = new ArrayList<>();
        for (int pid = 1; pid <= n; pid++) {
            if (!test.contains(pid)) {
                train.add(pid);
            }
        }
        boolean[][] seen = new boolean[n + 1][7];
        int outdoor = z.viAllSearchGallery() - z.viIndoorGallery();
        coverVisible(seen, new ArrayList<>(test), z.viIndoorGallery(), outdoor, rnd);
        double perTestId = train.size() / (double) test.size();
        coverVisible(seen, train, (int) Math.round(z.viIndoorGallery() * perTestId),
                (int) Math.round(outdoor * perTestId), rnd);
        for (int pid = 1; pid <= n; pid++) {
            seen[pid][3] = seen[pid][1] || seen[pid][2];
            seen[pid][6] = true;
        }
        int[][] counts = new int[n + 1][7];
        share(counts, seen, train, List.of(1, 2, 4, 5), z.viTrainVisible(), rnd);
        share(counts, seen, train, SynthLayout.INFRARED_CAMERAS, z.viTrainInfrared(), rnd);
        share(counts, seen, new ArrayList<>(test), SynthLayout.INFRARED_CAMERAS, z.viQuery(), rnd);
        share(counts, seen, new ArrayList<>(test), List.of(1, 2, 4, 5), z.viGallery(), rnd);
        CameraStyle[] cams = SynthLayout.sysuCameras(b);
        for (int pid = 1; pid <= n; pid++) {
            Identity id = IdentitySampler.identity(pid, 1, rnd);
            for (int c = 1; c <= 6; c++) {
                String split = SynthLayout.sysuSplit(test.contains(pid), c);
                for (int k = 1; k <= counts[pid][c]; k++) {
                    b.image("VI", root, SynthLayout.sysuFile(c, pid, k), split, id, 0, pid, c, -1, cams[c], 1);
                }
            }
        }
    }

    /**
     * Marks which visible cameras see each of ids: all four, less random (id, camera) pairs until
     * indoorPairs remain in cameras 1-2 and outdoorPairs in 4-5, never an id's last visible camera.
     */
    private static void coverVisible(boolean[][] seen, List<Integer> ids, int indoorPairs, int outdoorPairs,
            SplittableRandom rnd) {
        List<int[]> pairs = new ArrayList<>();
        for (int pid : ids) {
            for (int c : List.of(1, 2, 4, 5)) {
                seen[pid][c] = true;
                pairs.add(new int[] {pid, c});
            }
        }
        int dropIndoor = 2 * ids.size() - indoorPairs;
        int dropOutdoor = 2 * ids.size() - outdoorPairs;
        for (int i : SynthPlan.shuffledIds(pairs.size(), rnd)) {
            int pid = pairs.get(i - 1)[0];
            int cam = pairs.get(i - 1)[1];
            boolean indoor = INDOOR_VISIBLE.contains(cam);
            if ((indoor ? dropIndoor : dropOutdoor) > 0 && visibleCameras(seen[pid]) > 1) {
                seen[pid][cam] = false;
                if (indoor) {
                    dropIndoor--;
                } else {
                    dropOutdoor--;
                }
            }
        }
        if (dropIndoor != 0 || dropOutdoor != 0) {
            throw new IllegalStateException(ids.size() + " ids cannot be seen by " + indoorPairs + " indoor and "
                    + outdoorPairs + " outdoor (id, camera) pairs");
        }
    }

    private static int visibleCameras(boolean[] seen) {
        int k = 0;
        for (int c : INDOOR_VISIBLE) {
            k += seen[c] ? 1 : 0;
        }
        for (int c : OUTDOOR_VISIBLE) {
            k += seen[c] ? 1 : 0;
        }
        return k;
    }

    /** Shares total images among the (id, camera) pairs of ids × cams that are seen. */
    private static void share(int[][] counts, boolean[][] seen, List<Integer> ids, List<Integer> cams, int total,
            SplittableRandom rnd) {
        List<int[]> pairs = new ArrayList<>();
        for (int pid : ids) {
            for (int c : cams) {
                if (seen[pid][c]) {
                    pairs.add(new int[] {pid, c});
                }
            }
        }
        int[] n = ImageCounts.uneven(total, pairs.size(), 1, rnd);
        for (int i = 0; i < n.length; i++) {
            counts[pairs.get(i)[0]][pairs.get(i)[1]] = n[i];
        }
    }

    /**
     * One outfit of one LTCC identity as one camera saw it, the unit the images are shared out over;
     * index is its place among the views of its split (training or test).
     */
    private record OutfitView(int pid, int outfit, int cam, boolean test, int index) {}

    /**
     * LTCC: ccOutfits outfits over the identities (2 to {@link #MAX_OUTFITS} each), each outfit seen
     * by 2-4 of the 12 cameras; the images shared out unevenly among these (outfit, camera) views, at
     * least 2 per test view. The query takes ccQuery images: first one view of every test outfit, then
     * one image of further views, and never a view's last image, so every view keeps a gallery image
     * and every query has a gallery match in another outfit and camera (the ltcc-cc protocol).
     */
    private static void clothesChanging(SynthPlan.Builder b, PublishedSizes z, Path root) {
        SplittableRandom rnd = b.random("CC");
        int n = z.ccTrainIds() + z.ccTestIds();
        List<Integer> pids = SynthPlan.shuffledIds(n, rnd);
        TreeSet<Integer> test = new TreeSet<>(pids.subList(z.ccTrainIds(), n));
        int[] outfits = outfitsPerIdentity(n, z.ccOutfits(), rnd);
        Identity[] identities = new Identity[n + 1];
        List<OutfitView> views = new ArrayList<>(); // in pid, outfit, camera order
        int[] viewsPerSplit = new int[2]; // training, test
        List<List<Integer>> testOutfitViews = new ArrayList<>(); // test view indices, per test outfit
        for (int pid = 1; pid <= n; pid++) {
            boolean isTest = test.contains(pid);
            identities[pid] = IdentitySampler.identity(pid, outfits[pid], rnd);
            for (int o = 0; o < outfits[pid]; o++) {
                int k = MIN_CAMERAS_PER_OUTFIT + rnd.nextInt(MAX_CAMERAS_PER_OUTFIT - MIN_CAMERAS_PER_OUTFIT + 1);
                List<Integer> outfitViews = new ArrayList<>();
                for (int cam : new TreeSet<>(SynthPlan.shuffledIds(SynthLayout.LTCC_CAMERAS, rnd).subList(0, k))) {
                    int index = viewsPerSplit[isTest ? 1 : 0]++;
                    views.add(new OutfitView(pid, o, cam, isTest, index));
                    outfitViews.add(index);
                }
                if (isTest) {
                    testOutfitViews.add(outfitViews);
                }
            }
        }
        int[] trainCounts = ImageCounts.uneven(z.ccTrainImages(), viewsPerSplit[0], 1, rnd);
        int[] testCounts = ImageCounts.uneven(z.ccQuery() + z.ccGallery(), viewsPerSplit[1], 2, rnd);
        int[] queries = queriesPerView(testCounts, testOutfitViews, z.ccQuery(), rnd);
        CameraStyle[] cams = SynthLayout.ltccCameras(b);
        int frame = 0;
        for (OutfitView v : views) {
            int images = v.test() ? testCounts[v.index()] : trainCounts[v.index()];
            int clothes = v.outfit() + 1;
            for (int k = 0; k < images; k++) {
                frame += 1 + rnd.nextInt(40);
                String split = !v.test() ? "train" : k < queries[v.index()] ? "query" : "gallery";
                b.image("CC", root, SynthLayout.ltccFile(split, v.pid(), clothes, v.cam(), frame), split,
                        identities[v.pid()], v.outfit(), v.pid(), v.cam(), clothes, cams[v.cam()], 1);
            }
        }
    }

    /** Outfits per identity (index = pid): 2 each, the rest one at a time to random ids below the maximum. */
    private static int[] outfitsPerIdentity(int n, int total, SplittableRandom rnd) {
        if (total < 2 * n || total > MAX_OUTFITS * n) {
            throw new IllegalArgumentException(total + " outfits cannot give " + n + " ids 2.." + MAX_OUTFITS + " each");
        }
        int[] outfits = new int[n + 1];
        Arrays.fill(outfits, 1, n + 1, 2);
        for (int extra = total - 2 * n; extra > 0; ) {
            int pid = 1 + rnd.nextInt(n);
            if (outfits[pid] < MAX_OUTFITS) {
                outfits[pid]++;
                extra--;
            }
        }
        return outfits;
    }

    /**
     * Query images per test view: one view of each outfit first, then rounds over the views in a random
     * order, each giving one more query image to the views with the fewest, never a view's last image.
     */
    private static int[] queriesPerView(int[] counts, List<List<Integer>> outfitViews, int total,
            SplittableRandom rnd) {
        int[] queries = new int[counts.length];
        int left = total;
        for (List<Integer> views : outfitViews) {
            if (left == 0) {
                break;
            }
            queries[views.get(rnd.nextInt(views.size()))]++;
            left--;
        }
        List<Integer> order = SynthPlan.shuffledIds(counts.length, rnd);
        for (int round = 0; left > 0; round++) {
            boolean spare = false;
            for (int i : order) {
                int v = i - 1;
                if (left > 0 && queries[v] == round && queries[v] < counts[v] - 1) {
                    queries[v]++;
                    left--;
                }
                spare |= queries[v] < counts[v] - 1;
            }
            if (left > 0 && !spare) {
                throw new IllegalArgumentException(total + " query images leave no gallery image in some view");
            }
        }
        return queries;
    }

    /**
     * MLR-CUHK03: CUHK03's images shared out in proportion to the training and test ids, 3-5 per
     * (id, camera); camera 2 down-sampled; then the junk distractors.
     */
    private static void crossResolution(SynthPlan.Builder b, PublishedSizes z, Path root) {
        SplittableRandom rnd = b.random("CR");
        int n = z.crTrainIds() + z.crTestIds();
        List<Integer> pids = SynthPlan.shuffledIds(n, rnd);
        TreeSet<Integer> test = new TreeSet<>(pids.subList(z.crTrainIds(), n));
        int[] trainCounts = ImageCounts.capped(z.crTrainImages(), 2 * z.crTrainIds(), MIN_PER_MLR_CAMERA,
                MAX_PER_MLR_CAMERA, rnd);
        int[] testCounts = ImageCounts.capped(z.crImages() - z.crTrainImages(), 2 * z.crTestIds(),
                MIN_PER_MLR_CAMERA, MAX_PER_MLR_CAMERA, rnd);
        CameraStyle[] cams = SynthLayout.mlrCameras(b);
        int trainPair = 0;
        int testPair = 0;
        for (int pid = 1; pid <= n; pid++) {
            Identity id = IdentitySampler.identity(pid, 1, rnd);
            boolean isTest = test.contains(pid);
            for (int c = 1; c <= 2; c++) {
                int images = isTest ? testCounts[testPair++] : trainCounts[trainPair++];
                for (int k = 1; k <= images; k++) {
                    int factor = c == 2 ? SynthLayout.lowResolutionFactor(rnd) : 1;
                    String split = SynthLayout.mlrSplit(isTest, c);
                    b.image("CR", root, SynthLayout.mlrFile(split, pid, c, k), split, id, 0, pid, c, -1, cams[c],
                            factor);
                }
            }
        }
        SynthLayout.mlrJunk(b, root, z.crJunk(), n, rnd, cams[1]);
    }
}
