package org.itkm.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Draws random identities and outfits; every draw comes from the generator passed in (deterministic). */
final class IdentitySampler {
    private IdentitySampler() {}

    static Identity identity(int pid, int outfits, SplittableRandom rnd) {
        double build = 0.85 + 0.35 * rnd.nextDouble();
        double height = 0.9 + 0.15 * rnd.nextDouble();
        NamedColour skin = pick(NamedColour.SKIN, rnd);
        double skinThermal = 0.82 + 0.14 * rnd.nextDouble();
        NamedColour hair = pick(NamedColour.HAIR, rnd);
        double h = rnd.nextDouble();
        Identity.HairLength length = h < 0.5 ? Identity.HairLength.SHORT : h < 0.9 ? Identity.HairLength.LONG
                : Identity.HairLength.BALD;
        NamedColour shoes = pick(NamedColour.GARMENT, rnd);
        double hr = rnd.nextDouble();
        Identity.Hat hat = hr < 0.75 ? Identity.Hat.NONE : hr < 0.9 ? Identity.Hat.CAP : Identity.Hat.BEANIE;
        NamedColour hatColour = pick(NamedColour.GARMENT, rnd);
        double br = rnd.nextDouble();
        Identity.Bag bag = br < 0.45 ? Identity.Bag.NONE : br < 0.7 ? Identity.Bag.BACKPACK
                : br < 0.85 ? Identity.Bag.HANDBAG : Identity.Bag.SHOULDER_BAG;
        NamedColour bagColour = pick(NamedColour.GARMENT, rnd);
        List<Outfit> list = new ArrayList<>();
        for (int k = 0; k < outfits; k++) {
            list.add(outfit(rnd, list));
        }
        return new Identity(pid, build, height, skin, skinThermal, hair, length, shoes, hat, hatColour, bag,
                bagColour, List.copyOf(list));
    }

    /** An outfit whose upper colour differs from the person's earlier outfits (a real change of clothes). */
    static Outfit outfit(SplittableRandom rnd, List<Outfit> earlier) {
        NamedColour upper;
        do {
            upper = pick(NamedColour.GARMENT, rnd);
        } while (usedUpper(earlier, upper));
        NamedColour second = pick(NamedColour.GARMENT, rnd);
        while (second.equals(upper)) {
            second = pick(NamedColour.GARMENT, rnd);
        }
        double p = rnd.nextDouble();
        Outfit.Pattern pattern = p < 0.5 ? Outfit.Pattern.PLAIN : p < 0.7 ? Outfit.Pattern.STRIPES
                : p < 0.85 ? Outfit.Pattern.TWO_TONE : Outfit.Pattern.LOGO;
        Outfit.UpperType upperType = Outfit.UpperType.values()[rnd.nextInt(Outfit.UpperType.values().length)];
        double l = rnd.nextDouble();
        Outfit.LowerType lowerType = l < 0.65 ? Outfit.LowerType.TROUSERS : l < 0.85 ? Outfit.LowerType.SHORTS
                : Outfit.LowerType.SKIRT;
        NamedColour lower = pick(NamedColour.GARMENT, rnd);
        // thermal intensity of clothing, independent of its colour (thick/thin fabric, layers)
        double upperThermal = 0.25 + 0.5 * rnd.nextDouble();
        double lowerThermal = 0.25 + 0.5 * rnd.nextDouble();
        return new Outfit(upperType, upper, pattern, second, upperThermal, lowerType, lower, lowerThermal);
    }

    private static boolean usedUpper(List<Outfit> earlier, NamedColour c) {
        for (Outfit o : earlier) {
            if (o.upperColour().equals(c)) {
                return true;
            }
        }
        return false;
    }

    static <T> T pick(List<T> list, SplittableRandom rnd) {
        return list.get(rnd.nextInt(list.size()));
    }
}
