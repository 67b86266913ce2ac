package org.itkm.synth;

/**
 * One sentence describing what is visible of a person in one image. Infrared images are described
 * without colours (garments are "bright" or "dark" by their infrared intensity), and what the
 * viewpoint hides (a logo from the back) is not mentioned.
 */
final class CaptionWriter {
    private CaptionWriter() {}

    static String describe(Identity id, Outfit o, Shot s, boolean infrared) {
        StringBuilder sb = new StringBuilder(infrared ? "an infrared photo of " : "a photo of ");
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
        sb.append(", wearing ").append(article(upper(o, s, infrared)));
        sb.append(" and ").append(lower(o, infrared));
        sb.append(", ").append(infrared ? "" : id.shoes().name() + " ").append("shoes");
        if (id.hat() != Identity.Hat.NONE) {
            sb.append(" and ").append(article((infrared ? "" : id.hatColour().name() + " ") + id.hat().words));
        }
        if (id.bag() != Identity.Bag.NONE) {
            sb.append(", carrying ").append(article((infrared ? "" : id.bagColour().name() + " ") + id.bag().words));
        }
        sb.append(", seen from the ").append(s.viewpoint().name().toLowerCase(java.util.Locale.ROOT)).append('.');
        return sb.toString();
    }

    private static String upper(Outfit o, Shot s, boolean infrared) {
        String colour = infrared ? brightnessWord(o.upperColour(), o.upperThermal()) : o.upperColour().name();
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
        return o.upperColour().name() + " and " + o.secondColour().name() + " " + p.words + " " + o.upperType().words;
    }

    private static String lower(Outfit o, boolean infrared) {
        String colour = infrared ? brightnessWord(o.lowerColour(), o.lowerThermal()) : o.lowerColour().name();
        String words = colour + " " + o.lowerType().words;
        return o.lowerType() == Outfit.LowerType.SKIRT ? article(words) : words;
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
