package org.itkm.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The paper-size plan has the real sets' counts. Checked on the plan (what each planned image is), not on
 * rendered files: rendering 80k images takes minutes, and even creating them empty takes a minute on a
 * busy disk. The layouts' file names are SynthLayout's, which the tiny tests read with the readers.
 */
class SynthPaperSizePlanTest {
    private static final PublishedSizes REAL = PublishedSizes.REAL;
    private static final Path OUT = Path.of("out");
    static SynthPlan plan;

    @BeforeAll
    static void plan() {
        plan = new SynthUmsGenerator(SynthPreset.PAPER_SIZE, 1).plan(OUT);
    }

    /** The planned images of one scenario folder and split ("test" = query and gallery). */
    private static List<ImageJob> images(String folder, String split) {
        return plan.images().stream().filter(j -> j.root().endsWith(folder)
                && (split.equals("test") ? j.split().equals("query") || j.split().equals("gallery")
                        : j.split().equals(split))).toList();
    }

    private static List<ImageJob> images(String folder) {
        return plan.images().stream().filter(j -> j.root().endsWith(folder) && !j.split().equals("junk")).toList();
    }

    @Test
    void thePlanIsTheWholePresetOnceAndTheSameForTheSameSeed() {
        assertEquals(80_696, REAL.totalImages());
        assertEquals(REAL.totalImages(), plan.images().size());
        assertEquals(plan.images().size(), plan.images().stream().map(j -> j.root().resolve(j.file())).distinct().count(),
                "one file per image");
        List<String> keys = keys(plan);
        assertEquals(keys, keys(new SynthUmsGenerator(SynthPreset.PAPER_SIZE, 1).plan(OUT)));
        List<String> other = keys(new SynthUmsGenerator(SynthPreset.PAPER_SIZE, 2).plan(OUT));
        assertEquals(keys.size(), other.size(), "another seed, the same counts");
        assertTrue(!keys.equals(other), "another seed, another plan");
    }

    /** What decides an image: its file, split, person (by a drawn trait), outfit, camera, resolution and seed. */
    private static List<String> keys(SynthPlan p) {
        return p.images().stream().map(j -> j.file() + " " + j.split() + " " + j.pid() + " " + j.identity().build()
                + " " + j.outfit() + " " + j.camid() + " " + j.downsample() + " " + j.seed()).toList();
    }

    @Test
    void sysuSplitsHaveThePublishedCounts() {
        assertSplit(SynthLayout.SYSU, "train", 395, 34_167, List.of(1, 2, 3, 4, 5, 6));
        assertSplit(SynthLayout.SYSU, "query", 96, 3_803, List.of(3, 6));
        assertSplit(SynthLayout.SYSU, "gallery", 96, 5_410, List.of(1, 2, 4, 5));
        assertEquals(11_909, images(SynthLayout.SYSU, "train").stream().filter(j -> j.camera().infrared()).count());
        assertEquals(296, idsIn("exp/train_id.txt"));
        assertEquals(99, idsIn("exp/val_id.txt"));
        assertEquals(96, idsIn("exp/test_id.txt"));
    }

    @Test
    void sysuSingleShotGalleriesHoldTheRealSizesAndEveryIdIsSeenInBothModalities() {
        Map<List<Integer>, Integer> gallery = imagesPerIdAndCamera(images(SynthLayout.SYSU, "gallery"));
        assertEquals(301, gallery.size(), "sysu-all: one image per (test id, visible camera) per trial");
        assertEquals(112, gallery.keySet().stream().filter(k -> k.get(1) <= 2).count(), "sysu-indoor: cameras 1, 2");
        for (String split : List.of("train", "test")) {
            Map<Integer, Set<Boolean>> modalities = new HashMap<>();
            images(SynthLayout.SYSU, split).forEach(j -> modalities.computeIfAbsent(j.pid(), p -> new HashSet<>())
                    .add(j.camera().infrared()));
            assertTrue(modalities.values().stream().allMatch(m -> m.size() == 2), split + ": visible and infrared");
        }
        Map<List<Integer>, Integer> train = imagesPerIdAndCamera(images(SynthLayout.SYSU, "train"));
        int fewest = train.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
        int most = train.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertTrue(fewest >= 1 && most >= 3 * fewest, "uneven images per (id, camera): " + fewest + ".." + most);
        assertTrue(train.size() < 395 * 6, "not every camera sees every training id");
    }

    @Test
    void ltccHasThePublishedCountsAndEveryQueryAClothesChangedMatch() {
        List<Integer> twelve = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertSplit(SynthLayout.LTCC, "train", 77, 9_576, twelve);
        assertSplit(SynthLayout.LTCC, "query", 75, 493, twelve);
        assertSplit(SynthLayout.LTCC, "gallery", 75, 7_050, twelve);
        Map<Integer, Set<Integer>> outfits = new TreeMap<>();
        images(SynthLayout.LTCC).forEach(j -> outfits.computeIfAbsent(j.pid(), p -> new TreeSet<>()).add(j.clothes()));
        assertEquals(152, outfits.size());
        assertEquals(478, outfits.values().stream().mapToInt(Set::size).sum());
        assertTrue(outfits.values().stream().allMatch(o -> o.size() >= 2 && o.size() <= PublishedPlanner.MAX_OUTFITS));
        List<ImageJob> gallery = images(SynthLayout.LTCC, "gallery");
        for (ImageJob q : images(SynthLayout.LTCC, "query")) {
            boolean changed = gallery.stream().anyMatch(g -> g.pid() == q.pid() && g.clothes() != q.clothes()
                    && g.camid() != q.camid());
            assertTrue(changed, "ltcc-cc has no match for " + q.file());
        }
        Set<List<Integer>> queried = images(SynthLayout.LTCC, "query").stream()
                .map(j -> List.of(j.pid(), j.clothes())).collect(Collectors.toSet());
        Set<List<Integer>> testOutfits = gallery.stream().map(j -> List.of(j.pid(), j.clothes()))
                .collect(Collectors.toSet());
        assertEquals(testOutfits, queried, "every test outfit has a query image");
    }

    @Test
    void mlrHasTheIdSplitCuhk03sImagesAndLowResolutionQueries() {
        assertSplit(SynthLayout.MLR, "train", 1_367, REAL.crTrainImages(), List.of(1, 2));
        assertSplit(SynthLayout.MLR, "query", 100, REAL.crImages() - REAL.crTrainImages()
                - images(SynthLayout.MLR, "gallery").size(), List.of(2));
        assertSplit(SynthLayout.MLR, "gallery", 100, images(SynthLayout.MLR, "gallery").size(), List.of(1));
        assertEquals(14_097, images(SynthLayout.MLR).size());
        assertEquals(100, images(SynthLayout.MLR, "junk").size());
        Map<List<Integer>, Integer> perPair = imagesPerIdAndCamera(images(SynthLayout.MLR));
        assertEquals(1_467 * 2, perPair.size());
        assertTrue(perPair.values().stream().allMatch(n -> n >= 3 && n <= 5), "3-5 images per (id, camera)");
        for (ImageJob j : images(SynthLayout.MLR)) {
            assertEquals(j.camid() == 2, j.downsample() > 1, j.file());
        }
    }

    @Test
    void theCaptionCorpusIsTheFullPresets() {
        SynthPreset.UniformSizes full = (SynthPreset.UniformSizes) SynthPreset.FULL.sizes();
        assertEquals(full.captionIds(), REAL.captionIds());
        assertEquals(full.captionPerId(), REAL.captionPerId());
        assertEquals(6_000, images(SynthLayout.CAPTIONS, "caption").size());
    }

    private static void assertSplit(String folder, String split, int ids, int images, List<Integer> cameras) {
        List<ImageJob> jobs = images(folder, split);
        assertEquals(ids, jobs.stream().map(ImageJob::pid).distinct().count(), folder + " " + split + " ids");
        assertEquals(images, jobs.size(), folder + " " + split + " images");
        assertEquals(cameras, jobs.stream().map(ImageJob::camid).distinct().sorted().toList(),
                folder + " " + split + " cameras");
    }

    private static Map<List<Integer>, Integer> imagesPerIdAndCamera(List<ImageJob> jobs) {
        Map<List<Integer>, Integer> n = new HashMap<>();
        jobs.forEach(j -> n.merge(List.of(j.pid(), j.camid()), 1, Integer::sum));
        return n;
    }

    private static int idsIn(String expFile) {
        return plan.textFiles().get(OUT.resolve(SynthLayout.SYSU).resolve(expFile)).trim().split(",").length;
    }
}
