package org.itkm.synth;

/**
 * One sentence describing what is visible of a person in one image. Infrared images are described
 * without colours (garments are "bright" or "dark" by their infrared intensity), and what the
 * viewpoint hides (a logo from the back) is not mentioned.
 *
 * <p>Like web captions, a caption need not describe everything: it may speak of the whole image, only of
 * the person (build, hair, skin, shoes, hat, bag: what persists when the clothes change) or only of the
 * clothes. Without the person-only captions, the garment colours alone tell a batch's captions apart
 * and the pocket CLIP never learns hair, skin or shoes (zero-shot at chance), which leaves nothing for
 * clothes-changing and cross-modality matching to build on.
 */
final class CaptionWriter {
    private CaptionWriter() {}

    /** What a caption speaks of. */
    enum Focus {
        WHOLE, PERSON, CLOTHES;

        /** Whole 40 %, person only 30 %, clothes only 30 %, from a uniform draw u in [0, 1). */
        static Focus of(double u) {
            return u < 0.4 ? WHOLE : u < 0.7 ? PERSON : CLOTHES;
        }
    }

    static String describe(Identity id, Outfit o, Shot s, boolean infrared) {
        return describe(id, o, s, infrared, Focus.WHOLE);
    }

    static String describe(Identity id, Outfit o, Shot s, boolean infrared, Focus focus) {
        StringBuilder sb = new StringBuilder(infrared ? "an infrared photo of " : "a photo of ");
        if (focus == Focus.CLOTHES) {
            sb.append("a person wearing ").append(article(upper(o, s, infrared))).append(" and ")
                    .append(lower(o, infrared));
        } else {
            person(sb, id, o, s, infrared, focus == Focus.WHOLE);
        }
        sb.append(", seen from the ").append(s.viewpoint().name().toLowerCase(java.util.Locale.ROOT)).append('.');
        return sb.toString();
    }

    private static void person(StringBuilder sb, Identity id, Outfit o, Shot s, boolean infrared, boolean clothes) {
        sb.append(article(id.heightWord() + " " + id.buildWord() + " person"));
        if (id.hairLength() == Identity.HairLength.BALD) {
            sb.append(" with no hair");
        } else {
            sb.append(" with ").append(id.hairLength().words).append(' ')
                    .append(infrared ? "" : id.hair().name() + " ").append("hair");
        }
        if (!infrared) {
            sb.append(" and ").append(id.skin().name()).append(" skin");
        }
        if (clothes) {
            sb.append(", wearing ").append(article(upper(o, s, infrared)));
            sb.append(" and ").append(lower(o, infrared));
        }
        sb.append(", ").append(infrared ? "" : id.shoes().name() + " ").append("shoes");
        if (id.hat() != Identity.Hat.NONE) {
            sb.append(" and ").append(article((infrared ? "" : id.hatColour().name() + " ") + id.hat().words));
        }
        if (id.bag() != Identity.Bag.NONE) {
            sb.append(", carrying ").append(article((infrared ? "" : id.bagColour().name() + " ") + id.bag().words));
        }
    }

    private static String upper(Outfit o, Shot s, boolean infrared) {
        String colour = infrared ? brightnessWord(o.upperColour(), o.upperThermal()) : toned(o.upperColour());
        Outfit.Pattern p = o.pattern();
        boolean patternVisible = p != Outfit.Pattern.PLAIN && !(p == Outfit.Pattern.LOGO
                && s.viewpoint() != Shot.Viewpoint.FRONT);
        if (!patternVisible) {
            return colour + " " + o.upperType().words;
        }
        if (p == Outfit.Pattern.LOGO) {
            return colour + " " + o.upperType().words + " with a " + (infrared ? "" : o.secondColour().name() + " ")
                    + "logo";
        }
        if (infrared) {
            return p.words + " " + colour + " " + o.upperType().words;
        }
        return toned(o.upperColour()) + " and " + o.secondColour().name() + " " + p.words + " " + o.upperType().words;
    }

    private static String lower(Outfit o, boolean infrared) {
        String colour = infrared ? brightnessWord(o.lowerColour(), o.lowerThermal()) : toned(o.lowerColour());
        String words = colour + " " + o.lowerType().words;
        return o.lowerType() == Outfit.LowerType.SKIRT ? article(words) : words;
    }

    /**
     * A garment colour with its tone where it is clearly light or dark ("a dark navy top"), as people
     * say it: the words "bright" and "dark" are then shared with the infrared captions, the only bridge
     * between the two modalities a caption corpus can honestly offer (an infrared caption cannot know
     * the colour).
     */
    private static String toned(NamedColour colour) {
        double luma = Material.lumaOf(colour.rgb());
        return luma >= 0.6 ? "bright " + colour.name() : luma <= 0.3 ? "dark " + colour.name() : colour.name();
    }

    /** How a garment looks to an infrared camera, the only "colour" an infrared caption can name. */
    private static String brightnessWord(NamedColour colour, double fabric) {
        return Material.infraredOf(colour.rgb(), fabric) >= 0.5 ? "bright" : "dark";
    }

    private static String article(String phrase) {
        char c = phrase.charAt(0);
        return ("aeiou".indexOf(c) >= 0 ? "an " : "a ") + phrase;
    }
}
