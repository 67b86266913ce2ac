package org.itkm.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Draws random identities and outfits; every draw comes from the generator passed in (deterministic). */
final class IdentitySampler {
    private IdentitySampler() {}

    static Identity identity(int pid, int outfits, SplittableRandom rnd) {
        double build = 0.8 + 0.45 * rnd.nextDouble();
        double height = 0.86 + 0.19 * rnd.nextDouble();
        NamedColour skin = pick(NamedColour.SKIN, rnd);
        double skinThermal = 0.82 + 0.14 * rnd.nextDouble();
        NamedColour hair = pick(NamedColour.HAIR, rnd);
        double h = rnd.nextDouble();
        Identity.HairLength length = h < 0.5 ? Identity.HairLength.SHORT : h < 0.9 ? Identity.HairLength.LONG
                : Identity.HairLength.BALD;
        NamedColour shoes = pick(NamedColour.GARMENT, rnd);
        // hats and bags are what a person keeps when the clothes change. Version 4: nearly everyone wears a
        // hat (90 %) and everyone carries a bag, because with fewer (60 % and 85 % in version 3) the pocket
        // encoder's attribute probes told hat and bag no better than the constant guess
        double hr = rnd.nextDouble();
        Identity.Hat hat = hr < 0.1 ? Identity.Hat.NONE : hr < 0.65 ? Identity.Hat.CAP : Identity.Hat.BEANIE;
        NamedColour hatColour = pick(NamedColour.GARMENT, rnd);
        double br = rnd.nextDouble();
        Identity.Bag bag = br < 0.7 ? Identity.Bag.BACKPACK : br < 0.85 ? Identity.Bag.HANDBAG
                : Identity.Bag.SHOULDER_BAG;
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
        // thermal intensity of clothing: independent of its colour, partly set by the garment type
        // (a thick jacket insulates, a t-shirt shows body heat), which a model can see in both modalities
        double upperThermal = switch (upperType) {
            case JACKET -> 0.25;
            case LONG_SLEEVE -> 0.38;
            case T_SHIRT -> 0.5;
        } + 0.25 * rnd.nextDouble();
        double lowerThermal = (lowerType == Outfit.LowerType.TROUSERS ? 0.28 : 0.45) + 0.25 * rnd.nextDouble();
        // pattern parts differ in fabric, so stripes, two-tone halves and logos show in infrared too
        double secondThermal = upperThermal + (upperThermal < 0.5 ? 0.22 : -0.22);
        return new Outfit(upperType, upper, pattern, second, upperThermal, secondThermal, lowerType, lower,
                lowerThermal);
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
