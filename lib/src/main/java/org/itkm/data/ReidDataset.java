package org.itkm.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario's data set as read from disk: train, query and gallery samples, what the reader left
 * out, and (once {@link GroupDivision} has run) how the samples were divided into groups A and B.
 *
 * @param layout the layout it was read with (e.g. "SYSU-MM01")
 * @param root the data set's root directory
 * @param division the group division, or null while every sample is still in the placeholder group A
 */
public record ReidDataset(Scenario scenario, String layout, Path root, Map<Split, List<Sample>> splits,
        ReadReport report, GroupDivision.Record division) {
    public ReidDataset {
        EnumMap<Split, List<Sample>> copy = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            copy.put(s, List.copyOf(splits.getOrDefault(s, List.of())));
        }
        splits = java.util.Collections.unmodifiableMap(copy);
    }

    public List<Sample> train() {
        return splits.get(Split.TRAIN);
    }

    public List<Sample> query() {
        return splits.get(Split.QUERY);
    }

    public List<Sample> gallery() {
        return splits.get(Split.GALLERY);
    }

    public List<Sample> split(Split s) {
        return splits.get(s);
    }

    /** Every sample of every split, train first. */
    public List<Sample> all() {
        List<Sample> all = new ArrayList<>(train());
        all.addAll(query());
        all.addAll(gallery());
        return all;
    }

    /** The same data set with new samples per split and a division record. */
    public ReidDataset withGroups(Map<Split, List<Sample>> divided, GroupDivision.Record record) {
        return new ReidDataset(scenario, layout, root, divided, report, record);
    }
}
