package org.itkm.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.itkm.config.RunConfig;
import org.itkm.data.Group;
import org.itkm.data.Sample;
import org.itkm.data.Scenario;
import org.itkm.io.FloatMatrix;
import org.itkm.io.InvalidInputException;
import org.itkm.train.RunCatalog;
import org.itkm.train.TextRepresentations;
import org.itkm.train.TrainingUnit;

/**
 * A finished ITKM run's Stage II output (the cluster-level text representations, one per Stage I
 * pseudo-identity of every homogeneous group) with what each row stands for: its unit (scenario and
 * group) and, on request, the training images of its pseudo-identity, so that figures can colour the
 * rows by scenario (Fig. 4) or by an image trait (figure S4).
 */
public final class RunTextRepresentations {
    private final Path runDir;
    private final RunConfig config;
    private final TextRepresentations text;
    private final List<String> units;

    private RunTextRepresentations(Path runDir, RunConfig config, TextRepresentations text, List<String> units) {
        this.runDir = runDir;
        this.config = config;
        this.text = text;
        this.units = units;
    }

    /** Reads {@code text-representations/} and {@code config.yaml} of a run directory. */
    public static RunTextRepresentations read(Path runDir) throws IOException {
        Path dir = runDir.resolve("text-representations");
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(runDir + ": no text-representations/ (not an ITKM run past Stage II?)");
        }
        RunConfig c = RunConfig.loadFile(runDir.resolve("config.yaml")).config();
        TextRepresentations t = TextRepresentations.load(dir);
        List<String> units = new ArrayList<>();
        List<Scenario> trained = c.training().mode() == RunConfig.Mode.S ? List.of(c.training().scenario())
                : c.data().scenarios();
        for (Scenario s : Scenario.values()) { // the order of TrainingUnit.of
            if (trained.contains(s)) {
                for (Group g : Group.values()) {
                    units.add(s + "-" + g);
                }
            }
        }
        if (units.size() != t.offsets().length) {
            throw new InvalidInputException(runDir + ": " + t.offsets().length + " units of text representations, but "
                    + "the run's scenarios make " + units.size() + " (" + units + "); a group was empty?");
        }
        return new RunTextRepresentations(runDir, c, t, units);
    }

    /** Every row's text representation (rows × D). */
    public FloatMatrix text() {
        return text.clusterText();
    }

    /** Number of rows (pseudo-identities over all units). */
    public int rows() {
        return text.clusterText().rows();
    }

    /** The unit of every row ({@code VI-A}, {@code CC-B}...). */
    public String[] unitOfRows() {
        String[] out = new String[rows()];
        for (int u = 0; u < units.size(); u++) {
            for (int i = 0; i < text.clusters()[u]; i++) {
                out[text.offsets()[u] + i] = units.get(u);
            }
        }
        return out;
    }

    /** The scenario of every row ({@code VI}, {@code CC}, {@code CR}). */
    public String[] scenarioOfRows() {
        return Stream.of(unitOfRows()).map(u -> u.substring(0, u.indexOf('-'))).toArray(String[]::new);
    }

    /**
     * The training images of every row's pseudo-identity: the run's training set read again as the run
     * read it (CC divided by the same pre-trained CLIP, so the same groups) and the final Stage I
     * pseudo-labels from the run's last Stage I checkpoint.
     *
     * @param home the checkout the run's relative paths are relative to
     */
    public List<List<Sample>> members(Path home) throws IOException {
        RunConfig c = config.resolvedAgainst(home);
        int[] labels = stageOneLabels();
        List<Sample> samples = RunCatalog.dataOf(c, home.resolve("results")).trainSamples();
        if (samples.size() != labels.length) {
            throw new InvalidInputException(runDir + ": Stage I labelled " + labels.length + " images but the data set"
                    + " now has " + samples.size() + " training images (regenerated since the run?)");
        }
        List<TrainingUnit> trainingUnits = TrainingUnit.of(samples, false);
        List<List<Sample>> out = new ArrayList<>();
        for (int i = 0; i < rows(); i++) {
            out.add(new ArrayList<>());
        }
        for (int u = 0; u < trainingUnits.size(); u++) {
            for (int r : trainingUnits.get(u).rows()) {
                if (labels[r] >= 0) {
                    out.get(text.offsets()[u] + labels[r]).add(samples.get(r));
                }
            }
        }
        return out;
    }

    /**
     * Every row's majority value of a trait over its images ({@code "-"} for a row without images).
     *
     * @param trait the value of an image, e.g. from its {@code attributes.csv} row
     */
    public static String[] majority(List<List<Sample>> members, Function<Sample, String> trait) {
        String[] out = new String[members.size()];
        for (int i = 0; i < out.length; i++) {
            Map<String, Integer> counts = new HashMap<>();
            for (Sample s : members.get(i)) {
                counts.merge(String.valueOf(trait.apply(s)), 1, Integer::sum);
            }
            String best = "-";
            int bestCount = 0;
            for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(counts).entrySet()) { // ties: first by name
                if (e.getValue() > bestCount) {
                    best = e.getKey();
                    bestCount = e.getValue();
                }
            }
            out[i] = best;
        }
        return out;
    }

    /**
     * Mean cosine similarity of pairs of rows with the same label and of pairs with different labels:
     * how far apart the separation loss pushed the scenarios' text representations (Fig. 4 in numbers).
     */
    public static double[] withinAndAcrossCosine(FloatMatrix x, String[] label) {
        int n = x.rows();
        double[] norm = new double[n];
        for (int i = 0; i < n; i++) {
            double ss = 0;
            for (int k = 0; k < x.cols(); k++) {
                ss += (double) x.get(i, k) * x.get(i, k);
            }
            norm[i] = Math.sqrt(ss);
        }
        double within = 0;
        double across = 0;
        long nw = 0;
        long na = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < x.cols(); k++) {
                    dot += (double) x.get(i, k) * x.get(j, k);
                }
                double cos = norm[i] > 0 && norm[j] > 0 ? dot / (norm[i] * norm[j]) : 0;
                if (label[i].equals(label[j])) {
                    within += cos;
                    nw++;
                } else {
                    across += cos;
                    na++;
                }
            }
        }
        return new double[] {nw == 0 ? Double.NaN : within / nw, na == 0 ? Double.NaN : across / na};
    }

    /** Whether a run has its text representations here ({@code text-representations/} is not committed). */
    public static boolean present(Path runDir) {
        return Files.isRegularFile(runDir.resolve("text-representations").resolve("cluster-text.npy"));
    }

    /**
     * Whether a run still has what {@link #members} and {@link RankLists} read back: its last Stage I
     * and Stage III checkpoints. Checkpoints are not committed, so runs from a clone lack them.
     */
    public static boolean hasCheckpoints(Path runDir) throws IOException {
        if (!present(runDir)) {
            return false;
        }
        Path s1 = lastCheckpoint(runDir, "stage1");
        Path s3 = lastCheckpoint(runDir, "stage3");
        return s1 != null && Files.isRegularFile(s1.resolve("labels.txt")) && s3 != null
                && Files.isRegularFile(s3.resolve("vision.params"));
    }

    /** The newest {@code checkpoints/<stage>-eNNNN} of a run, or null. */
    static Path lastCheckpoint(Path runDir, String stage) throws IOException {
        Path cps = runDir.resolve("checkpoints");
        if (!Files.isDirectory(cps)) {
            return null;
        }
        try (Stream<Path> s = Files.list(cps)) {
            return s.filter(p -> p.getFileName().toString().matches(stage + "-e\\d{4}"))
                    .max(java.util.Comparator.comparing(p -> p.getFileName().toString())).orElse(null);
        }
    }

    private int[] stageOneLabels() throws IOException {
        Path last = lastCheckpoint(runDir, "stage1");
        if (last == null || !Files.isRegularFile(last.resolve("labels.txt"))) {
            throw new InvalidInputException(runDir + ": no Stage I checkpoint with labels.txt (checkpoints are not"
                    + " committed; train the run again to colour its text representations by image traits)");
        }
        return Files.readAllLines(last.resolve("labels.txt")).stream().filter(l -> !l.isBlank())
                .mapToInt(l -> Integer.parseInt(l.trim())).toArray();
    }
}
