package org.itkm.report;

import java.util.List;
import java.util.Locale;
import org.itkm.io.FloatMatrix;

/**
 * Fig. 4 in numbers: per run, how many text representations it learned and the mean cosine similarity of pairs from
 * the same scenario and of pairs from different scenarios ({@link RunTextRepresentations#withinAndAcrossCosine}); the
 * separation loss (Eq. 8) should lower the second.
 */
public final class ScenarioCosineTable {
    /** One run's text representations and the scenario of each row. */
    public record Entry(String run, FloatMatrix text, String[] scenario) {
        public static Entry of(String run, RunTextRepresentations t) {
            return new Entry(run, t.text(), t.scenarioOfRows());
        }
    }

    private ScenarioCosineTable() {}

    /** One row per run, in the given order (cosines with three decimals). */
    public static ResultTable of(List<Entry> runs) {
        ResultTable t = new ResultTable("run", "text representations", "mean cosine, same scenario",
                "mean cosine, across scenarios");
        for (Entry e : runs) {
            double[] wa = RunTextRepresentations.withinAndAcrossCosine(e.text(), e.scenario());
            t.addRow(e.run(), Integer.toString(e.text().rows()), String.format(Locale.ROOT, "%.3f", wa[0]),
                    String.format(Locale.ROOT, "%.3f", wa[1]));
        }
        return t;
    }
}
