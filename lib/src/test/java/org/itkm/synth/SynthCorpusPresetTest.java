package org.itkm.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.itkm.artifact.PocketClipArtifact;
import org.itkm.config.RunConfig;
import org.junit.jupiter.api.Test;

/**
 * The preset {@code corpus}: the shipped pocket CLIP's caption corpus alone, drawn with a seed of its own so that
 * none of its people is a person of a benchmark draw.
 */
class SynthCorpusPresetTest {
    private static final Path OUT = Path.of("out");

    private static SynthPlan plan(SynthPreset preset, long seed) {
        return new SynthUmsGenerator(preset, seed).plan(OUT);
    }

    /** What a person is, whatever number a draw gives them: every drawn trait and outfit. */
    private static List<Object> traits(Identity i) {
        return List.of(i.build(), i.height(), i.skin(), i.skinThermal(), i.hair(), i.hairLength(), i.shoes(), i.hat(),
                i.hatColour(), i.bag(), i.bagColour(), i.outfits());
    }

    private static Set<List<Object>> people(SynthPlan plan, boolean captions) {
        return plan.images().stream().filter(j -> j.split().equals("caption") == captions)
                .map(j -> traits(j.identity())).collect(Collectors.toCollection(HashSet::new));
    }

    @Test
    void itPlansTheCaptionSplitAloneTwoThousandPeopleSixImagesEach() {
        SynthPlan plan = plan(SynthPreset.CORPUS, PocketClipArtifact.CORPUS_SEED);
        assertEquals(12_000, plan.images().size());
        assertEquals(SynthPreset.CORPUS.sizes().totalImages(), plan.images().size());
        assertTrue(plan.images().stream().allMatch(j -> j.split().equals("caption")
                && j.root().equals(OUT.resolve(SynthLayout.CAPTIONS))), "caption images only");
        assertTrue(plan.textFiles().isEmpty(), "no SYSU-MM01 id lists: " + plan.textFiles().keySet());
        assertEquals(2_000, plan.images().stream().map(ImageJob::pid).distinct().count());
        assertEquals(2_000, people(plan, true).size());
        assertFalse(SynthPreset.CORPUS.hasReidSets());
        for (SynthPreset p : SynthPreset.values()) {
            assertEquals(p != SynthPreset.CORPUS, p.hasReidSets(), p.id());
        }
        assertEquals(SynthPreset.CORPUS, SynthPreset.fromId("corpus"));
    }

    @Test
    void noneOfItsPeopleIsAPersonOfAProfilesDraw() {
        Set<List<Object>> corpus = people(plan(SynthPreset.CORPUS, PocketClipArtifact.CORPUS_SEED), true);
        for (String profile : RunConfig.PROFILES) {
            RunConfig.Data d = RunConfig.load(profile, null, List.of()).config().data();
            assertTrue(d.synthSeed() != PocketClipArtifact.CORPUS_SEED, profile);
            SynthPlan draw = plan(SynthPreset.fromId(d.synthPreset()), d.synthSeed());
            for (boolean captions : List.of(false, true)) {
                Set<List<Object>> shared = new HashSet<>(people(draw, captions));
                shared.retainAll(corpus);
                assertTrue(shared.isEmpty(), profile + (captions ? " caption split: " : " ReID splits: ")
                        + shared.size() + " of the corpus's people");
            }
        }
        // what keeps them apart is the reserved seed: drawn with a benchmark's seed, the corpus's people are
        // that benchmark's caption people
        Set<List<Object>> sameSeed = people(plan(SynthPreset.CORPUS, 1), true);
        sameSeed.retainAll(people(plan(SynthPreset.QUICK, 1), true));
        assertEquals(600, sameSeed.size());
    }
}
