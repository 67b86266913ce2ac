package org.itkm.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.itkm.config.RunConfig;
import org.itkm.data.ColourHistogramRepresentation;
import org.itkm.data.DatasetFingerprint;
import org.itkm.data.DatasetLocator;
import org.itkm.data.GroupDivision;
import org.itkm.data.ImageRepresentation;
import org.itkm.data.ReadOptions;
import org.itkm.data.ReidDataset;
import org.itkm.data.Sample;
import org.itkm.data.Scenario;
import org.itkm.io.InvalidInputException;

/**
 * The data sets of a run, read as distributed (or from SynthUMS, in the same layouts) and divided into
 * homogeneous groups (paper Appendix S1): VI by modality, CR by resolution, CC by k-means on the initial
 * image representations of the pre-trained CLIP.
 */
public final class TrainingData {
    private final List<ReidDataset> datasets;

    private TrainingData(List<ReidDataset> datasets) {
        this.datasets = datasets;
    }

    /**
     * Reads the scenarios the configuration names (all of them, or the one of a single-scenario run).
     *
     * @param representation the initial image representation for the CC k-means division (the colour
     *     histogram when null)
     */
    public static TrainingData load(RunConfig c, ImageRepresentation representation) {
        ImageRepresentation rep = representation != null ? representation : new ColourHistogramRepresentation();
        List<ReidDataset> out = new ArrayList<>();
        for (ReidDataset d : read(c)) {
            out.add(GroupDivision.divide(d, rep, c.seed()));
        }
        return new TrainingData(out);
    }

    /**
     * Each data set's {@link DatasetFingerprint} by layout name, as a run's manifest records them (names,
     * sizes and cameras of the files the run reads; group division does not change them).
     */
    public static Map<String, String> fingerprints(RunConfig c) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ReidDataset d : read(c)) {
            out.put(d.layout(), DatasetFingerprint.of(d));
        }
        return out;
    }

    /**
     * A SynthUMS folder is the data its {@code synthums.json} says (the preset and seed it was generated
     * with), and a run records its configuration as what it used: so the configured {@code data.synthPreset}
     * and {@code data.synthSeed} must be the folder's, or the record would name data the run never read.
     * A folder without synthums.json (not generated yet, or laid out by hand) is not checked.
     *
     * @throws InvalidInputException naming both when they differ
     */
    public static void checkSynthProvenance(RunConfig c) {
        if (c.data().source() != RunConfig.DataSource.SYNTH) {
            return;
        }
        Path f = c.data().synthRoot().resolve("synthums.json");
        if (!Files.isRegularFile(f)) {
            return;
        }
        String preset;
        long seed;
        try {
            com.google.gson.JsonObject j = com.google.gson.JsonParser.parseString(Files.readString(f))
                    .getAsJsonObject();
            preset = j.get("preset").getAsString();
            seed = j.get("seed").getAsLong();
        } catch (java.io.IOException | RuntimeException e) {
            throw new InvalidInputException(f + ": unreadable SynthUMS description (expected the JSON itkm synth"
                    + " writes, with \"preset\" and \"seed\"): " + e.getMessage(), e);
        }
        List<String> differ = new ArrayList<>();
        if (!preset.equalsIgnoreCase(c.data().synthPreset().trim())) {
            differ.add("data.synthPreset=" + c.data().synthPreset() + " (the folder's: " + preset + ")");
        }
        if (seed != c.data().synthSeed()) {
            differ.add("data.synthSeed=" + c.data().synthSeed() + " (the folder's: " + seed + ")");
        }
        if (!differ.isEmpty()) {
            throw new InvalidInputException(c.data().synthRoot() + " holds SynthUMS generated with preset " + preset
                    + " and seed " + seed + " (" + f.getFileName() + "), but the configuration says "
                    + String.join(" and ", differ) + "; a run records the data it reads: set data.synthPreset="
                    + preset + " data.synthSeed=" + seed + ", or point data.synthRoot at SynthUMS generated with yours"
                    + " (itkm synth --preset " + c.data().synthPreset() + " --seed " + c.data().synthSeed()
                    + " --out DIR)");
        }
    }

    /**
     * The data sets of the scenarios a run trains, as read (before group division), in scenario order, with
     * the training, query and gallery of {@code eval.split} (validation identities out of training and as
     * query and gallery, for {@code val}).
     */
    private static List<ReidDataset> read(RunConfig c) {
        List<Scenario> wanted = c.training().mode() == RunConfig.Mode.S ? List.of(c.training().scenario())
                : c.data().scenarios();
        ReadOptions options = new ReadOptions(true, c.data().onUnreadableImage());
        List<ReidDataset> read = new ArrayList<>();
        if (c.data().source() == RunConfig.DataSource.SYNTH) {
            Path root = c.data().synthRoot();
            if (!Files.isDirectory(root)) {
                throw new InvalidInputException(root + ": SynthUMS not found; generate it with ./itkm synth --preset "
                        + c.data().synthPreset() + " --out " + root + " (./itkm reproduce does this for you)");
            }
            checkSynthProvenance(c);
            read.addAll(DatasetLocator.readAll(root, options));
        } else {
            for (Scenario s : wanted) {
                Path root = switch (s) {
                    case VI -> c.data().sysu();
                    case CC -> c.data().ltcc();
                    case CR -> c.data().mlr();
                };
                read.addAll(DatasetLocator.readAll(root, options));
            }
        }
        List<ReidDataset> out = new ArrayList<>();
        for (Scenario s : wanted) {
            out.add(c.eval().split().apply(read.stream().filter(x -> x.scenario() == s).findFirst().orElseThrow(
                    () -> new InvalidInputException("no " + s.layoutName() + " data set found for scenario " + s))));
        }
        return out;
    }

    public List<ReidDataset> datasets() {
        return datasets;
    }

    /** Every training image of every scenario, in scenario order. */
    public List<Sample> trainSamples() {
        List<Sample> out = new ArrayList<>();
        datasets.forEach(d -> out.addAll(d.train()));
        return out;
    }
}
