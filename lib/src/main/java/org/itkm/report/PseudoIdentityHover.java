package org.itkm.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.itkm.data.Group;
import org.itkm.data.GroundTruth;
import org.itkm.data.Sample;

/**
 * The hover text of a pseudo-identity's point on a t-SNE map of text representations: its scenario and size, a
 * sample image, the true identities, cameras, modalities (the homogeneous groups: visible / infrared, high / low
 * resolution, colour group A / B) and outfits of its images, most frequent first. The ground truth is read for this
 * diagnostic only ({@link GroundTruth}).
 */
public final class PseudoIdentityHover {
    private static final int SHOWN = 3;

    private PseudoIdentityHover() {}

    /**
     * The hover texts of a run's text representations: with its images when the run's Stage I checkpoint is here
     * (a run trained in this checkout), else only the pseudo-identity and its scenario (a run that came with a clone
     * keeps its text representations but not its checkpoints).
     */
    public static String[] ofRun(RunTextRepresentations text, Path runDir, Path home) throws IOException {
        if (RunTextRepresentations.hasCheckpoints(runDir)) {
            return of(text.members(home), text.scenarioOfRows(), home);
        }
        String[] scenario = text.scenarioOfRows();
        String[] out = new String[scenario.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = "pseudo-identity " + i + " (" + scenario[i] + ")<br>(its images: the run's Stage I checkpoint is not"
                    + " in this checkout)";
        }
        return out;
    }

    /** One text per pseudo-identity (lines joined by {@code <br>}). */
    public static String[] of(List<List<Sample>> members, String[] scenarioOfRows, Path home) {
        String[] out = new String[members.size()];
        for (int i = 0; i < out.length; i++) {
            List<Sample> m = members.get(i);
            StringBuilder sb = new StringBuilder("pseudo-identity ").append(i).append(" (").append(scenarioOfRows[i])
                    .append("), ").append(m.size()).append(" images");
            if (!m.isEmpty()) {
                Path p = m.get(0).path().toAbsolutePath().normalize();
                sb.append("<br>image ").append(p.startsWith(home) ? home.relativize(p) : p.getFileName());
                sb.append("<br>identity ").append(counts(m, s -> Integer.toString(GroundTruth.pid(s))));
                sb.append("<br>camera ").append(counts(m, s -> Integer.toString(s.camid())));
                sb.append("<br>modality ").append(counts(m, PseudoIdentityHover::modality));
                sb.append("<br>outfit ").append(counts(m, s -> GroundTruth.clothes(s) == Sample.NO_CLOTHES ? "-"
                        : Integer.toString(GroundTruth.clothes(s))));
            }
            out[i] = sb.toString();
        }
        return out;
    }

    /** What a homogeneous group means in its scenario. */
    public static String modality(Sample s) {
        boolean a = s.group() == Group.A;
        return switch (s.scenario()) {
            case VI -> a ? "visible" : "infrared";
            case CR -> a ? "high resolution" : "low resolution";
            case CC -> a ? "colour group A" : "colour group B";
        };
    }

    /** "7 (12), 3 (2), +1 more": values with their image counts, most frequent first. */
    static String counts(List<Sample> members, java.util.function.Function<Sample, String> value) {
        Map<String, Long> c = members.stream().collect(Collectors.groupingBy(value, TreeMap::new, Collectors.counting()));
        List<Map.Entry<String, Long>> sorted = c.entrySet().stream()
                .sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).toList();
        String shown = sorted.stream().limit(SHOWN).map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
        return sorted.size() > SHOWN ? shown + ", +" + (sorted.size() - SHOWN) + " more" : shown;
    }
}
