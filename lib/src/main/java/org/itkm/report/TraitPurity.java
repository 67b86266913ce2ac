package org.itkm.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.itkm.data.Sample;

/**
 * How pure pseudo-identities are in one trait (figure S4's table): per majority value of the trait, how many
 * pseudo-identities (text representations) have it, how many images those hold, and the share of those images
 * whose own value is the majority value. Values in name order.
 */
public final class TraitPurity {
    private TraitPurity() {}

    /**
     * @param trait the trait's name (the first column's header)
     * @param members each pseudo-identity's images
     * @param majority each pseudo-identity's majority value ({@link RunTextRepresentations#majority})
     * @param valueOf an image's own value of the trait
     */
    public static ResultTable table(String trait, List<List<Sample>> members, String[] majority,
            Function<Sample, String> valueOf) {
        if (majority.length != members.size()) {
            throw new IllegalArgumentException(members.size() + " pseudo-identities but " + majority.length
                    + " majority values");
        }
        Map<String, long[]> byValue = new TreeMap<>(); // value -> {pseudo-identities, images, images agreeing}
        for (int i = 0; i < majority.length; i++) {
            String v = majority[i];
            long[] c = byValue.computeIfAbsent(v, k -> new long[3]);
            c[0]++;
            c[1] += members.get(i).size();
            c[2] += members.get(i).stream().filter(s -> v.equals(valueOf.apply(s))).count();
        }
        ResultTable t = new ResultTable(trait, "text representations", "images", "share of images with that value %");
        byValue.forEach((v, c) -> t.addRow(v, Long.toString(c[0]), Long.toString(c[1]),
                c[1] == 0 ? "-" : String.format(Locale.ROOT, "%.1f", 100.0 * c[2] / c[1])));
        return t;
    }
}
