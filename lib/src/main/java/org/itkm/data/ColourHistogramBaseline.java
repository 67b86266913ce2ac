package org.itkm.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.itkm.eval.LabeledFeatures;
import org.itkm.eval.Protocol;
import org.itkm.eval.RankingMetrics;
import org.itkm.eval.ReidEvaluator;
import org.itkm.io.FloatMatrix;

/**
 * "Plain colour matching": query and gallery images embedded by the {@link ColourHistogramRepresentation}
 * and ranked by cosine similarity, evaluated under the paper's protocols for the data set's scenario,
 * plus within-modality rows for contrast in VI (each modality's test images matched against
 * themselves under the standard protocol, which drops the image's own camera). On SynthUMS it shows what the
 * data set is built to show: colour works within a modality and fails across infrared and clothes
 * changes.
 */
public final class ColourHistogramBaseline {
    private ColourHistogramBaseline() {}

    /** One table row. */
    public record Row(Scenario scenario, String setting, Protocol protocol, RankingMetrics metrics) {
        public String markdown() {
            RankingMetrics m = metrics;
            return String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %d |", scenario,
                    setting, protocol.id(), m.rank1(), m.rank5(), m.rank10(), m.mAP(), m.mINP(), m.queries());
        }
    }

    public static String markdownHeader() {
        return "| scenario | setting | protocol | R1 | R5 | R10 | mAP | mINP | queries |\n|---|---|---|---|---|---|---|---|---|";
    }

    /** The rows for one data set (read by one of the layouts). */
    public static List<Row> evaluate(ReidDataset d, ColourHistogramRepresentation rep) {
        LabeledFeatures query = features(d.query(), rep, "query");
        LabeledFeatures gallery = features(d.gallery(), rep, "gallery");
        List<Row> rows = new ArrayList<>();
        switch (d.scenario()) {
            case VI -> {
                rows.add(new Row(d.scenario(), "visible -> visible", Protocol.STANDARD,
                        ReidEvaluator.evaluate(gallery, gallery, Protocol.STANDARD)));
                rows.add(new Row(d.scenario(), "infrared -> infrared", Protocol.STANDARD,
                        ReidEvaluator.evaluate(query, query, Protocol.STANDARD)));
                for (Protocol p : d.scenario().protocols()) {
                    rows.add(new Row(d.scenario(), "infrared -> visible", p, ReidEvaluator.evaluate(query, gallery, p)));
                }
            }
            case CC -> {
                rows.add(new Row(d.scenario(), "all gallery (same clothes allowed)", Protocol.LTCC_GENERAL,
                        ReidEvaluator.evaluate(query, gallery, Protocol.LTCC_GENERAL)));
                rows.add(new Row(d.scenario(), "clothes changed", Protocol.LTCC_CC,
                        ReidEvaluator.evaluate(query, gallery, Protocol.LTCC_CC)));
            }
            case CR -> {
                rows.add(new Row(d.scenario(), "low -> high resolution", Protocol.MLR,
                        ReidEvaluator.evaluate(query, gallery, Protocol.MLR)));
            }
        }
        return rows;
    }

    private static LabeledFeatures features(List<Sample> samples, ColourHistogramRepresentation rep, String name) {
        FloatMatrix f = rep.represent(samples);
        return new LabeledFeatures(f, GroundTruth.labels(samples), name + " colour histograms", name + " labels");
    }
}
