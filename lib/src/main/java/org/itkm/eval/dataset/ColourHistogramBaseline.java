package org.itkm.eval.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.itkm.data.ColourHistogramRepresentation;
import org.itkm.data.GroundTruth;
import org.itkm.data.ReidDataset;
import org.itkm.data.Sample;
import org.itkm.data.Scenario;
import org.itkm.eval.LabeledFeatures;
import org.itkm.eval.Protocol;
import org.itkm.eval.RankingMetrics;
import org.itkm.eval.ReidEvaluator;
import org.itkm.io.FloatMatrix;

/**
 * "Plain colour matching": query and gallery images embedded by the {@link ColourHistogramRepresentation}
 * and ranked by cosine similarity, evaluated under the paper's protocols for the data set's scenario and,
 * for contrast, its within-modality / within-outfit ones ({@link Scenario#withinProtocols}: each SYSU
 * modality against itself, LTCC in the query's clothes only). On SynthUMS it shows what the data set is
 * built to show: colour works within a modality and fails across infrared and clothes changes.
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
                rows.add(row(d, "visible -> visible", Protocol.SYSU_VISIBLE, query, gallery));
                rows.add(row(d, "infrared -> infrared", Protocol.SYSU_INFRARED, query, gallery));
                for (Protocol p : d.scenario().protocols()) {
                    rows.add(row(d, "infrared -> visible", p, query, gallery));
                }
            }
            case CC -> {
                rows.add(row(d, "all gallery (same clothes allowed)", Protocol.LTCC_GENERAL, query, gallery));
                rows.add(row(d, "same clothes only", Protocol.LTCC_SAME_CLOTHES, query, gallery));
                rows.add(row(d, "clothes changed", Protocol.LTCC_CC, query, gallery));
            }
            case CR -> rows.add(row(d, "low -> high resolution", Protocol.MLR, query, gallery));
        }
        return rows;
    }

    /** One protocol on the sets it pairs, of the data set's query and gallery features. */
    private static Row row(ReidDataset d, String setting, Protocol p, LabeledFeatures query, LabeledFeatures gallery) {
        Protocol.Pairing pairing = p.pairing();
        return new Row(d.scenario(), setting, p,
                ReidEvaluator.evaluate(pairing.queries(query, gallery), pairing.gallery(query, gallery), p));
    }

    private static LabeledFeatures features(List<Sample> samples, ColourHistogramRepresentation rep, String name) {
        FloatMatrix f = rep.represent(samples);
        return new LabeledFeatures(f, GroundTruth.labels(samples), name + " colour histograms", name + " labels");
    }
}
