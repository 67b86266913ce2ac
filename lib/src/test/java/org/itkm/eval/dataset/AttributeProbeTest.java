package org.itkm.eval.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.itkm.data.GroundTruth;
import org.itkm.data.Group;
import org.itkm.data.Sample;
import org.itkm.data.Scenario;
import org.itkm.io.FloatMatrix;
import org.junit.jupiter.api.Test;

class AttributeProbeTest {
    private static final String[] COLOURS = {"red", "green", "blue", "black"};

    /**
     * 40 identities x 6 images, 16-d features: dimensions 0-3 one-hot of the identity's hair colour (scaled,
     * plus noise), the rest noise. "hair" is encoded, "bag" (drawn independently) is not.
     */
    private static final int IDS = 40;
    private static final int PER_ID = 6;

    private final List<Sample> samples = new ArrayList<>();
    private final Map<Sample, String> hair = new HashMap<>();
    private final Map<Sample, String> bag = new HashMap<>();
    private final FloatMatrix features;

    AttributeProbeTest() {
        Random rnd = new Random(3);
        float[] data = new float[IDS * PER_ID * 16];
        int row = 0;
        for (int id = 0; id < IDS; id++) {
            int h = rnd.nextInt(COLOURS.length);
            for (int k = 0; k < PER_ID; k++) {
                Sample s = new Sample(Path.of("img", id + "_" + k + ".png"), Scenario.CC, Group.A, 1 + k % 3, 100 + id,
                        1);
                samples.add(s);
                hair.put(s, COLOURS[h]);
                bag.put(s, rnd.nextBoolean() ? "backpack" : "handbag");
                for (int j = 0; j < 16; j++) {
                    data[row * 16 + j] = (float) (0.3 * rnd.nextGaussian()) + (j == h ? 2f : 0f);
                }
                row++;
            }
        }
        features = new FloatMatrix(IDS * PER_ID, 16, data);
    }

    private List<AttributeProbe.Score> probe() {
        Map<String, Function<Sample, String>> valueOf = new LinkedHashMap<>();
        valueOf.put("hair", hair::get);
        valueOf.put("bag", bag::get);
        return AttributeProbe.probe(features, samples, valueOf);
    }

    @Test
    void anEncodedAttributeIsReadAndANoiseAttributeIsNot() {
        List<AttributeProbe.Score> scores = probe();
        AttributeProbe.Score h = scores.get(0);
        AttributeProbe.Score b = scores.get(1);
        assertEquals("hair", h.attribute());
        assertEquals(4, h.values());
        assertEquals(120, h.trainImages());
        assertEquals(120, h.testImages());
        assertTrue(h.accuracy() > 0.95, "encoded attribute: " + h);
        assertTrue(h.constant() < 0.6, "the constant classifier cannot read hair: " + h);
        // bag is independent of the features: the probe cannot beat guessing by much on held-out people
        assertTrue(b.accuracy() < 0.65, "noise attribute: " + b);
    }

    @Test
    void heldOutIdentitiesAreNeverProbeIdentities() {
        boolean[] held = AttributeProbe.heldOutHalf(samples);
        Set<Integer> train = new HashSet<>();
        Set<Integer> test = new HashSet<>();
        for (int i = 0; i < held.length; i++) {
            (held[i] ? test : train).add(GroundTruth.pid(samples.get(i)));
        }
        assertEquals(IDS / 2, train.size());
        assertEquals(IDS / 2, test.size());
        train.retainAll(test);
        assertTrue(train.isEmpty());
    }

    @Test
    void unknownValuesAreLeftOutAndASingleValueNeedsNoModel() {
        Map<String, Function<Sample, String>> valueOf = new LinkedHashMap<>();
        valueOf.put("hat", s -> GroundTruth.pid(s) % 3 == 0 ? "" : "cap");
        AttributeProbe.Score s = AttributeProbe.probe(features, samples, valueOf).get(0);
        assertEquals(1, s.values());
        assertEquals(1.0, s.accuracy());
        assertEquals(s.constant(), s.accuracy());
        assertTrue(s.trainImages() + s.testImages() < IDS * PER_ID);
        assertFalse(Double.isNaN(s.accuracy()));
    }
}
