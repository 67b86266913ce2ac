package org.itkm.synth;

/**
 * One set of clothes: upper garment (type, colours, pattern) and lower garment. Each garment also has
 * a fabric term drawn independently of its colour, the part of its infrared intensity that its colour
 * does not predict ({@link Material}; the pattern's second colour has its own, so patterns remain
 * visible in infrared).
 */
record Outfit(UpperType upperType, NamedColour upperColour, Pattern pattern, NamedColour secondColour,
        double upperThermal, double secondThermal, LowerType lowerType, NamedColour lowerColour,
        double lowerThermal) {

    enum UpperType {
        T_SHIRT("t-shirt"), LONG_SLEEVE("long-sleeved top"), JACKET("jacket");

        final String words;

        UpperType(String words) {
            this.words = words;
        }
    }

    /** Upper garment pattern; a logo shows only from the front. */
    enum Pattern {
        PLAIN(""), STRIPES("striped"), TWO_TONE("two-tone"), LOGO("with a logo");

        final String words;

        Pattern(String words) {
            this.words = words;
        }
    }

    enum LowerType {
        TROUSERS("trousers"), SHORTS("shorts"), SKIRT("skirt");

        final String words;

        LowerType(String words) {
            this.words = words;
        }
    }
}
