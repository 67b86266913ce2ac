package org.itkm.synth;

import java.util.List;

/**
 * A synthetic person: traits that persist over every image (build, height, skin, hair, shoes, hat,
 * bag) and one or more outfits.
 *
 * @param build width factor (about 0.85 slim .. 1.2 broad)
 * @param height height factor (about 0.9 .. 1.05)
 * @param skinThermal how warm the skin appears in infrared
 */
record Identity(int pid, double build, double height, NamedColour skin, double skinThermal, NamedColour hair,
        HairLength hairLength, NamedColour shoes, Hat hat, NamedColour hatColour, Bag bag, NamedColour bagColour,
        List<Outfit> outfits) {

    enum HairLength {
        SHORT("short"), LONG("long"), BALD("no");

        final String words;

        HairLength(String words) {
            this.words = words;
        }
    }

    enum Hat {
        NONE(""), CAP("cap"), BEANIE("beanie");

        final String words;

        Hat(String words) {
            this.words = words;
        }
    }

    enum Bag {
        NONE(""), BACKPACK("backpack"), HANDBAG("handbag"), SHOULDER_BAG("shoulder bag");

        final String words;

        Bag(String words) {
            this.words = words;
        }
    }

    String buildWord() {
        return build < 0.95 ? "slim" : build > 1.1 ? "broad" : "medium";
    }

    String heightWord() {
        return height < 0.92 ? "short" : height > 0.99 ? "tall" : "medium-height";
    }
}
