package org.itkm.data;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Identities, images and cameras per split of a {@link ReidDataset}: the figures a user compares with
 * the published statistics of the data set.
 */
public record DatasetSummary(Scenario scenario, String layout, String root, Map<Split, SplitCounts> splits,
        ReadReport report) {

    /** Counts of one split; groupImages is {A, B} image counts (all in A before group division). */
    public record SplitCounts(int ids, int images, List<Integer> cameras, int[] groupImages) {}

    public static DatasetSummary of(ReidDataset d) {
        Map<Split, SplitCounts> counts = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            List<Sample> samples = d.split(s);
            TreeSet<Integer> ids = new TreeSet<>();
            TreeSet<Integer> cams = new TreeSet<>();
            int[] groups = new int[Group.values().length];
            for (Sample x : samples) {
                ids.add(GroundTruth.pid(x));
                cams.add(x.camid());
                groups[x.group().index()]++;
            }
            counts.put(s, new SplitCounts(ids.size(), samples.size(), new ArrayList<>(cams), groups));
        }
        return new DatasetSummary(d.scenario(), d.layout(), d.root().toString(), counts, d.report());
    }

    public SplitCounts counts(Split s) {
        return splits.get(s);
    }

    /** A small text table: one line per split. */
    public String format(boolean withGroups) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s (%s) %s: %s%n", scenario, scenario.description(), layout, root));
        sb.append(String.format(Locale.ROOT, "  %-8s %6s %8s  %s%s%n", "split", "ids", "images", "cameras",
                withGroups ? "  groups A/B" : ""));
        for (Split s : Split.values()) {
            SplitCounts c = splits.get(s);
            sb.append(String.format(Locale.ROOT, "  %-8s %6d %8d  %s%s%n", s.label(), c.ids(), c.images(),
                    cameraList(c.cameras()), withGroups ? "  " + c.groupImages()[0] + "/" + c.groupImages()[1] : ""));
        }
        if (report.junkImages() > 0) {
            sb.append("  junk images left out (pid -1): ").append(report.junkImages()).append('\n');
        }
        if (!report.skippedImages().isEmpty()) {
            sb.append("  unreadable images skipped: ").append(report.skippedImages().size()).append(" (first: ")
                    .append(report.skippedImages().get(0)).append(")\n");
        }
        return sb.toString();
    }

    private static String cameraList(List<Integer> cams) {
        StringBuilder sb = new StringBuilder();
        for (int c : cams) {
            sb.append(sb.length() == 0 ? "" : ",").append(c);
        }
        return cams.size() + " (" + sb + ")";
    }
}
