package org.itkm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.itkm.io.InvalidInputException;
import org.itkm.synth.SynthPreset;
import org.itkm.synth.SynthUmsGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * eval.split=val on SynthUMS tiny (4 + 2 + 4 SYSU ids, 4 + 3 LTCC ids, 5 + 4 MLR ids) and on a hand-made
 * LTCC tree with several images per (person, outfit, camera): validation identities are out of training,
 * query and gallery hold only them, no test identity is read, and the choice is fixed.
 */
class ValidationSplitTest {
    @TempDir
    static Path dir;
    private static List<ReidDataset> asDistributed;

    @BeforeAll
    static void synth() {
        Path synth = dir.resolve("synth");
        new SynthUmsGenerator(SynthPreset.fromId("tiny"), 1).generate(synth, true, false);
        asDistributed = DatasetLocator.readAll(synth, ReadOptions.namesOnly());
        assertEquals(List.of(Scenario.VI, Scenario.CC, Scenario.CR),
                asDistributed.stream().map(ReidDataset::scenario).toList());
    }

    private static Set<Integer> pids(List<Sample> samples) {
        Set<Integer> out = new TreeSet<>();
        samples.forEach(s -> out.add(GroundTruth.pid(s)));
        return out;
    }

    private static Set<Integer> testIds(ReidDataset d) {
        Set<Integer> out = pids(d.query());
        out.addAll(pids(d.gallery()));
        return out;
    }

    @Test
    void validationIdentitiesAreOutOfTrainingAndAreTheQueryAndGallery() {
        for (ReidDataset d : asDistributed) {
            ReidDataset v = EvaluationSplit.VAL.apply(d);
            Set<Integer> ids = ValidationSplit.identities(d);
            assertFalse(ids.isEmpty(), d.layout());
            assertTrue(Collections.disjoint(pids(v.train()), ids), d.layout() + ": a validation id is trained on");
            assertEquals(ids, pids(v.query()), d.layout() + ": every validation id is queried");
            assertEquals(ids, pids(v.gallery()), d.layout() + ": every validation id is in the gallery");
            // training keeps every other training image, in order; query and gallery split the held-out ones
            List<Sample> kept = d.train().stream().filter(s -> !ids.contains(GroundTruth.pid(s))).toList();
            assertEquals(kept, v.train(), d.layout());
            assertEquals(d.train().size(), v.train().size() + v.query().size() + v.gallery().size(), d.layout());
            assertTrue(Collections.disjoint(v.query(), v.gallery()), d.layout());
            assertEquals(d.layout(), v.layout());
            assertEquals(d.root(), v.root());
        }
    }

    @Test
    void noTestIdentityIsInAnySplitOfAValidationRun() {
        for (ReidDataset d : asDistributed) {
            ReidDataset v = ValidationSplit.of(d);
            Set<Integer> test = testIds(d);
            assertFalse(test.isEmpty(), d.layout());
            Set<Path> trainFiles = new HashSet<>();
            d.train().forEach(s -> trainFiles.add(s.path()));
            for (Split s : Split.values()) {
                assertTrue(Collections.disjoint(pids(v.split(s)), test), d.layout() + " " + s.label());
                // every image comes from the distributed training split: no test folder is read
                assertTrue(v.split(s).stream().allMatch(x -> trainFiles.contains(x.path())), d.layout() + " " + s);
            }
        }
    }

    @Test
    void sysuValidationIsTheValListInfraredAgainstVisible() {
        ReidDataset d = asDistributed.get(0);
        Set<Integer> valList = Set.copyOf(SysuMm01Layout.readIds(d.root().resolve("exp/val_id.txt")));
        assertEquals(2, valList.size());
        assertEquals(valList, ValidationSplit.identities(d));
        ReidDataset v = ValidationSplit.of(d);
        assertEquals(Set.of(3, 6), new TreeSet<>(v.query().stream().map(Sample::camid).toList()));
        assertEquals(Set.of(1, 2, 4, 5), new TreeSet<>(v.gallery().stream().map(Sample::camid).toList()));
        Set<Integer> trainList = Set.copyOf(SysuMm01Layout.readIds(d.root().resolve("exp/train_id.txt")));
        assertEquals(trainList, pids(v.train()), "training = exp/train_id.txt only");
        // grouped as the test split is: infrared queries in group B, visible gallery in A
        ReidDataset g = GroupDivision.divide(v, null, 1);
        assertTrue(g.query().stream().allMatch(s -> s.group() == Group.B));
        assertTrue(g.gallery().stream().allMatch(s -> s.group() == Group.A));
    }

    @Test
    void mlrValidationIsLowResolutionAgainstCameraOne() {
        ReidDataset d = asDistributed.get(2);
        ReidDataset v = ValidationSplit.of(d);
        assertEquals(HeldOutIdentities.count(5), ValidationSplit.identities(d).size());
        assertTrue(v.query().stream().allMatch(s -> s.camid() == 2));
        assertTrue(v.gallery().stream().allMatch(s -> s.camid() == 1));
    }

    @Test
    void ltccQueriesHaveAMatchInTheirOwnAndInOtherClothesFromAnotherCamera() {
        ReidDataset d = asDistributed.get(1); // one image per (person, outfit, camera)
        ReidDataset v = ValidationSplit.of(d);
        assertEquals(HeldOutIdentities.count(4), ValidationSplit.identities(d).size());
        for (Sample q : v.query()) {
            List<Sample> same = v.gallery().stream().filter(g -> GroundTruth.pid(g) == GroundTruth.pid(q)
                    && g.camid() != q.camid()).toList();
            assertTrue(same.stream().anyMatch(g -> GroundTruth.clothes(g) != GroundTruth.clothes(q)), "ltcc-cc: " + q);
            assertTrue(same.stream().anyMatch(g -> GroundTruth.clothes(g) == GroundTruth.clothes(q)), "same: " + q);
        }
        // one query per outfit here: each outfit keeps images for the gallery
        Set<Integer> outfits = new TreeSet<>();
        v.query().forEach(q -> assertTrue(outfits.add(GroundTruth.clothes(q)), "two queries of one outfit"));
        Set<Integer> heldOutOutfits = new TreeSet<>();
        d.train().stream().filter(s -> ValidationSplit.identities(d).contains(GroundTruth.pid(s)))
                .forEach(s -> heldOutOutfits.add(GroundTruth.clothes(s)));
        assertEquals(heldOutOutfits, outfits);
    }

    @Test
    void ltccWithSeveralImagesPerCameraQueriesOncePerPersonOutfitAndCamera() {
        // 10 persons, 2 outfits each seen by 2 cameras of its own, 3 images per (person, outfit, camera)
        Path root = dir.resolve("ltcc-cells").resolve("LTCC_ReID");
        int frame = 0;
        for (int pid = 1; pid <= 10; pid++) {
            for (int outfit = 1; outfit <= 2; outfit++) {
                for (int cam = 2 * outfit - 1; cam <= 2 * outfit; cam++) {
                    for (int k = 0; k < 3; k++) {
                        ImageTree.image(root.resolve(String.format("train/%03d_%d_c%d_%06d.png", pid, outfit, cam,
                                ++frame)), 0x808080);
                    }
                }
            }
        }
        ImageTree.image(root.resolve("query/100_1_c1_900001.png"), 0);
        ImageTree.image(root.resolve("test/100_2_c3_900002.png"), 0);
        ReidDataset d = new LtccLayout().read(root, ReadOptions.namesOnly());
        ReidDataset v = ValidationSplit.of(d);
        Set<Integer> ids = ValidationSplit.identities(d);
        assertEquals(5, ids.size(), "at least " + HeldOutIdentities.MIN_IDS + ", at most half");
        assertEquals(ids.size() * 4, v.query().size(), "one query per (person, outfit, camera)");
        assertEquals(ids.size() * 8, v.gallery().size());
        Map<String, List<Sample>> cells = new TreeMap<>();
        for (Sample q : v.query()) {
            cells.computeIfAbsent(GroundTruth.pid(q) + "/" + GroundTruth.clothes(q) + "/" + q.camid(),
                    k -> new ArrayList<>()).add(q);
            String name = q.path().getFileName().toString();
            assertTrue(d.train().stream().filter(s -> GroundTruth.pid(s) == GroundTruth.pid(q)
                    && s.camid() == q.camid()).allMatch(s -> s.path().getFileName().toString().compareTo(name) >= 0),
                    "the first image of its cell by file name: " + name);
        }
        assertEquals(v.query().size(), cells.size());
    }

    @Test
    void theHeldOutIdentitiesAreFixedAndIndependentOfOrder() {
        List<Integer> sixty = IntStream.rangeClosed(1, 60).boxed().toList();
        Set<Integer> a = HeldOutIdentities.of(sixty, "LTCC");
        assertEquals(12, a.size(), "SynthUMS quick's LTCC: 20 % of 60");
        List<Integer> shuffled = new ArrayList<>(sixty);
        Collections.shuffle(shuffled, new java.util.Random(3));
        shuffled.addAll(sixty); // one pid per identity, however many images
        assertEquals(a, HeldOutIdentities.of(shuffled, "LTCC"));
        assertEquals(20, HeldOutIdentities.of(IntStream.rangeClosed(1, 100).boxed().toList(), "MLR").size());
        // the rule's counts: a fifth, at least 5, at most half
        assertEquals(List.of(1, 2, 2, 5, 5, 12, 15, 20, 273),
                IntStream.of(2, 4, 5, 10, 24, 60, 77, 100, 1367).map(HeldOutIdentities::count).boxed().toList());
        // a pid's rank is its own: more identities move the cut, and those held out before stay held out
        Set<Integer> more = HeldOutIdentities.of(IntStream.rangeClosed(1, 100).boxed().toList(), "MLR");
        Set<Integer> fewerOfTheMore = new TreeSet<>(more);
        fewerOfTheMore.retainAll(sixty);
        assertTrue(fewerOfTheMore.containsAll(a) || a.containsAll(fewerOfTheMore), a + " vs " + more);
        var e = assertThrows(InvalidInputException.class, () -> HeldOutIdentities.of(List.of(7, 7), "LTCC"));
        assertTrue(e.getMessage().contains("needs at least 2"), e.getMessage());
        // read twice, split twice: the same samples
        for (ReidDataset d : asDistributed) {
            ReidDataset again = DatasetLocator.readAll(dir.resolve("synth"), ReadOptions.namesOnly()).stream()
                    .filter(x -> x.scenario() == d.scenario()).findFirst().orElseThrow();
            assertEquals(ValidationSplit.of(d).splits(), ValidationSplit.of(again).splits(), d.layout());
        }
    }

    @Test
    void theTestSplitIsTheDataSetAsDistributed() {
        for (ReidDataset d : asDistributed) {
            assertSame(d, EvaluationSplit.TEST.apply(d));
        }
        assertEquals(EvaluationSplit.VAL, EvaluationSplit.fromId(" VAL "));
        assertThrows(InvalidInputException.class, () -> EvaluationSplit.fromId("train"));
    }
}
