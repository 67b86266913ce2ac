package org.itkm.train;

import java.util.ArrayList;
import java.util.List;
import org.itkm.data.Group;
import org.itkm.data.Sample;
import org.itkm.data.Scenario;

/**
 * What training clusters separately: one homogeneous group of one scenario (ITKM), or a whole scenario
 * with its groups merged (the cluster-contrast baseline, which routes every image through branch A).
 *
 * @param rows indices of the unit's images in the run's training sample list, ascending
 */
public record TrainingUnit(Scenario scenario, Group group, int[] rows) {
    /** The scenario-embedding row of a scenario: fixed (VI 0, CC 1, CR 2) so S and M runs share a layout. */
    public int scenarioIndex() {
        return scenario.ordinal();
    }

    /** The units of a sample list: per scenario and group, or per scenario when {@code mergeGroups}. */
    public static List<TrainingUnit> of(List<Sample> samples, boolean mergeGroups) {
        List<TrainingUnit> units = new ArrayList<>();
        for (Scenario s : Scenario.values()) {
            for (Group g : mergeGroups ? List.of(Group.A) : List.of(Group.values())) {
                int[] rows = java.util.stream.IntStream.range(0, samples.size())
                        .filter(i -> samples.get(i).scenario() == s && (mergeGroups || samples.get(i).group() == g))
                        .toArray();
                if (rows.length > 0) {
                    units.add(new TrainingUnit(s, g, rows));
                }
            }
        }
        return units;
    }

    /** The unit's samples, in row order. */
    public List<Sample> samples(List<Sample> all) {
        List<Sample> out = new ArrayList<>(rows.length);
        for (int r : rows) {
            out.add(all.get(r));
        }
        return out;
    }

    /** The same unit with its scenario and group, for logs and metric names ({@code VI-A}). */
    public String name() {
        return scenario + "-" + group;
    }
}
