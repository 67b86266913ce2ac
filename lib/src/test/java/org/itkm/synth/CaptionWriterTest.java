package org.itkm.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CaptionWriterTest {
    private static boolean mentions(String caption, String word) {
        return Pattern.compile("\\b" + Pattern.quote(word) + "\\b").matcher(caption).find();
    }

    @Test
    void focusSaysOnlyWhatItIsAbout() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int pid = 1; pid <= 40; pid++) {
            Identity id = IdentitySampler.identity(pid, 1, rnd);
            Outfit o = id.outfits().get(0);
            Shot s = Shot.random(rnd, 1);
            String whole = CaptionWriter.describe(id, o, s, false, CaptionWriter.Focus.WHOLE);
            String person = CaptionWriter.describe(id, o, s, false, CaptionWriter.Focus.PERSON);
            String clothes = CaptionWriter.describe(id, o, s, false, CaptionWriter.Focus.CLOTHES);
            assertEquals(whole, CaptionWriter.describe(id, o, s, false), "the default is the whole image");
            for (String c : new String[] {whole, person}) {
                assertTrue(mentions(c, id.skin().name() + " skin"), c);
                assertTrue(mentions(c, id.shoes().name() + " shoes"), c);
                assertTrue(mentions(c, id.heightWord()), c);
            }
            assertTrue(mentions(whole, "wearing") && mentions(clothes, "wearing"), whole + " / " + clothes);
            assertTrue(mentions(whole, o.lowerType().words) && mentions(clothes, o.lowerType().words));
            assertFalse(mentions(person, "wearing"), person);
            assertFalse(mentions(clothes, "skin") || mentions(clothes, "hair") || mentions(clothes, "shoes"), clothes);
            assertTrue(clothes.startsWith("a photo of a person wearing "), clothes);
            assertTrue(person.endsWith("seen from the " + s.viewpoint().name().toLowerCase(java.util.Locale.ROOT) + "."));
        }
    }

    @Test
    void visibleCaptionsToneClearlyLightOrDarkColoursAsInfraredOnesDo() {
        SplittableRandom rnd = new SplittableRandom(3);
        int bright = 0;
        int dark = 0;
        for (int pid = 1; pid <= 60; pid++) {
            Identity id = IdentitySampler.identity(pid, 1, rnd);
            Outfit o = id.outfits().get(0);
            Shot s = Shot.random(rnd, 1);
            String c = CaptionWriter.describe(id, o, s, false, CaptionWriter.Focus.CLOTHES);
            double luma = Material.lumaOf(o.lowerColour().rgb());
            String lower = o.lowerColour().name() + " " + o.lowerType().words;
            if (luma >= 0.6) {
                assertTrue(c.contains("bright " + lower), c);
                bright++;
            } else if (luma <= 0.3) {
                assertTrue(c.contains("dark " + lower), c);
                dark++;
            } else {
                assertFalse(c.contains("bright " + lower) || c.contains("dark " + lower), c);
            }
            String ir = CaptionWriter.describe(id, o, s, true, CaptionWriter.Focus.CLOTHES);
            assertTrue(ir.startsWith("an infrared photo of a person wearing "), ir);
            assertTrue(mentions(ir, "bright") || mentions(ir, "dark"), ir);
            assertFalse(mentions(ir, o.lowerColour().name()) && !o.lowerColour().name().equals("dark"), ir);
        }
        assertTrue(bright > 0 && dark > 0, "both tones occur: bright " + bright + ", dark " + dark);
    }

    @Test
    void focusSharesOfAUniformDraw() {
        assertEquals(CaptionWriter.Focus.WHOLE, CaptionWriter.Focus.of(0.0));
        assertEquals(CaptionWriter.Focus.WHOLE, CaptionWriter.Focus.of(0.399));
        assertEquals(CaptionWriter.Focus.PERSON, CaptionWriter.Focus.of(0.4));
        assertEquals(CaptionWriter.Focus.PERSON, CaptionWriter.Focus.of(0.699));
        assertEquals(CaptionWriter.Focus.CLOTHES, CaptionWriter.Focus.of(0.7));
        assertEquals(CaptionWriter.Focus.CLOTHES, CaptionWriter.Focus.of(0.999));
    }
}
