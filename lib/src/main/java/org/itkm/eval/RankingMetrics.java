package org.itkm.eval;

import java.util.Locale;

/**
 * Re-identification metrics in percent (0-100): CMC at ranks 1, 5, 10, 20, mean average precision
 * and mean inverse negative penalty, averaged over the valid queries; {@code skipped} counts queries
 * that had no valid match in the gallery.
 */
public record RankingMetrics(double rank1, double rank5, double rank10, double rank20, double mAP, double mINP,
        int queries, int skipped) {

    /** The ranks reported as CMC points. */
    public static final int[] CMC_RANKS = {1, 5, 10, 20};

    /** One line of JSON: {@code {"rank1":..,"rank5":..,"rank10":..,"rank20":..,"mAP":..,"mINP":..,"queries":..}}. */
    public String toJson(Protocol protocol, int trials) {
        return String.format(Locale.ROOT,
                "{\"rank1\": %s, \"rank5\": %s, \"rank10\": %s, \"rank20\": %s, \"mAP\": %s, \"mINP\": %s,"
                        + " \"queries\": %d, \"skipped\": %d, \"protocol\": \"%s\", \"trials\": %d}",
                num(rank1), num(rank5), num(rank10), num(rank20), num(mAP), num(mINP), queries, skipped,
                protocol.id(), trials);
    }

    /** A small readable table. */
    public String toTable(Protocol protocol, int trials) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "protocol %s%s%n", protocol.id(),
                protocol.usesTrials() ? (trials == 0 ? " (whole gallery)" : " (" + trials + " trials)") : ""));
        sb.append(String.format(Locale.ROOT, "%-8s %-8s %-8s %-8s %-8s %-8s%n",
                "Rank-1", "Rank-5", "Rank-10", "Rank-20", "mAP", "mINP"));
        sb.append(String.format(Locale.ROOT, "%-8.2f %-8.2f %-8.2f %-8.2f %-8.2f %-8.2f%n",
                rank1, rank5, rank10, rank20, mAP, mINP));
        sb.append(String.format(Locale.ROOT, "valid queries: %d, skipped (no valid match): %d%n", queries, skipped));
        return sb.toString();
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "null";
        }
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
