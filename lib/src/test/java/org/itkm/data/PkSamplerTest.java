package org.itkm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.itkm.io.InvalidInputException;
import org.junit.jupiter.api.Test;

/** P × K sampler invariants, alone and per scenario and group in joint batches. */
class PkSamplerTest {
    /** Labels 0..9 with 1..10 members, plus 7 noise samples. */
    private static int[] labels() {
        List<Integer> l = new ArrayList<>();
        for (int label = 0; label < 10; label++) {
            for (int m = 0; m <= label; m++) {
                l.add(label);
            }
        }
        for (int i = 0; i < 7; i++) {
            l.add(2 * i, -1);
        }
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void batchesHoldPDistinctLabelsTimesKWithoutNoise() {
        int[] labels = labels();
        int[] indices = new int[labels.length];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = 100 + i;
        }
        PkSampler s = new PkSampler(indices, labels, 4, 3, "test");
        List<int[]> epoch = s.epoch(new Random(1));
        assertTrue(epoch.size() >= 3, "batches " + epoch.size());
        Map<Integer, Integer> seen = new HashMap<>();
        for (int[] batch : epoch) {
            assertEquals(12, batch.length);
            Set<Integer> distinct = new HashSet<>();
            for (int j = 0; j < 4; j++) {
                int label = labels[batch[j * 3] - 100];
                assertTrue(label >= 0, "noise drawn");
                for (int t = 0; t < 3; t++) {
                    assertEquals(label, labels[batch[j * 3 + t] - 100], "K consecutive images share a label");
                }
                assertTrue(distinct.add(label), "label twice in a batch");
            }
            for (int x : batch) {
                seen.merge(x, 1, Integer::sum);
            }
        }
        // labels with at least K images never repeat an image within an epoch
        for (Map.Entry<Integer, Integer> e : seen.entrySet()) {
            if (labels[e.getKey() - 100] >= 3) {
                assertEquals(1, e.getValue(), "image " + e.getKey());
            }
        }
        assertArrayEquals(s.epoch(new Random(5)).get(0), s.epoch(new Random(5)).get(0));
    }

    @Test
    void tooFewLabelsIsAClearError() {
        var e = assertThrows(InvalidInputException.class,
                () -> new PkSampler(new int[] {0, 1, 2}, new int[] {0, -1, 1}, 4, 2, "CC group B"));
        assertTrue(e.getMessage().startsWith("CC group B: only 2 pseudo-identities"), e.getMessage());
    }

    @Test
    void jointBatchesDrawEveryScenarioAndGroupEachStep() {
        List<Sample> samples = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int n = 0;
        for (Scenario sc : Scenario.values()) {
            for (Group g : Group.values()) {
                int clusters = 5 + sc.ordinal() * 3 + g.index(); // streams of different lengths
                for (int c = 0; c < clusters; c++) {
                    for (int m = 0; m < 4; m++) {
                        samples.add(new Sample(Path.of("img" + n++ + ".png"), sc, g, 1, 0, Sample.NO_CLOTHES));
                        labels.add(m == 3 && c % 2 == 0 ? -1 : c);
                    }
                }
            }
        }
        int[] pseudo = labels.stream().mapToInt(Integer::intValue).toArray();
        JointBatchSampler joint = new JointBatchSampler(samples, pseudo, 3, 2, 11);
        assertEquals(6, joint.streams().size());
        assertEquals(6 * 6, joint.batchSize());
        List<int[]> steps = joint.epoch(0);
        int longest = 0;
        for (JointBatchSampler.Stream s : joint.streams()) {
            longest = Math.max(longest, s.sampler().epoch(new Random(0)).size());
        }
        assertEquals(longest, steps.size());
        for (int[] step : steps) {
            assertEquals(36, step.length);
            for (int part = 0; part < 6; part++) {
                Scenario sc = Scenario.values()[part / 2];
                Group g = Group.values()[part % 2];
                for (int t = 0; t < 6; t++) {
                    Sample x = samples.get(step[part * 6 + t]);
                    assertEquals(sc, x.scenario());
                    assertEquals(g, x.group());
                    assertTrue(pseudo[step[part * 6 + t]] >= 0, "noise drawn");
                }
            }
        }
        assertArrayEquals(steps.get(0), joint.epoch(0).get(0));
        assertNotEquals(java.util.Arrays.toString(steps.get(0)), java.util.Arrays.toString(joint.epoch(1).get(0)));
    }
}
