package org.itkm.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.itkm.io.InvalidInputException;

/**
 * LTCC as distributed: {@code LTCC_ReID/train}, {@code query} and {@code test} (the gallery), files
 * {@code <pid>_<clothes>_c<cam>_<frame>.png}. The clothes number in a file name counts a person's
 * outfits; the reader maps every (pid, clothes) pair to one data-set-wide clothes id, as Simple-CCReID
 * does (reference notes E.2).
 */
public final class LtccLayout implements DatasetLayout {
    private static final Pattern NAME = Pattern.compile("^(\\d+)_(\\d+)_c(\\d+)(?:_.*)?\\.png$",
            Pattern.CASE_INSENSITIVE);
    private static final String DIR_NAME = "LTCC_ReID";
    private static final Map<Split, String> FOLDERS = Map.of(Split.TRAIN, "train", Split.QUERY, "query",
            Split.GALLERY, "test");

    @Override
    public String name() {
        return "LTCC";
    }

    @Override
    public Scenario scenario() {
        return Scenario.CC;
    }

    @Override
    public Optional<Path> locate(Path dir) {
        Path child = dir.resolve(DIR_NAME);
        if (Files.isDirectory(child)) {
            return Optional.of(child);
        }
        boolean folders = Files.isDirectory(dir.resolve("train")) && Files.isDirectory(dir.resolve("query"))
                && Files.isDirectory(dir.resolve("test"));
        return folders ? Optional.of(dir) : Optional.empty();
    }

    @Override
    public ReidDataset read(Path root, ReadOptions options) {
        ImageDirectory.require(root, "an LTCC root (LTCC_ReID) holding train/, query/ and test/");
        record Parsed(Path path, int pid, int clothesInName, int cam) {}
        Map<Split, List<Parsed>> parsed = new EnumMap<>(Split.class);
        TreeMap<Long, Integer> clothesIds = new TreeMap<>();
        for (Split s : Split.values()) {
            Path dir = ImageDirectory.require(root.resolve(FOLDERS.get(s)),
                    "LTCC folder " + FOLDERS.get(s) + "/ of <pid>_<clothes>_c<cam>_<frame>.png files");
            List<Parsed> list = new ArrayList<>();
            for (Path f : ImageDirectory.list(dir, ".png")) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (!m.matches()) {
                    throw new InvalidInputException(f + ": file name does not follow the LTCC layout"
                            + " <pid>_<clothes>_c<cam>_<frame>.png (e.g. 001_1_c11_015796.png)"
                            + (f.getFileName().toString().contains("_c") ? "" : "; the '_c<cam>' camera tag is missing"));
                }
                Parsed p = new Parsed(f, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
                list.add(p);
                clothesIds.put(((long) p.pid << 32) | p.clothesInName, 0);
            }
            if (list.isEmpty()) {
                throw new InvalidInputException(dir + ": the " + s.label() + " split is empty; expected"
                        + " <pid>_<clothes>_c<cam>_<frame>.png files");
            }
            parsed.put(s, list);
        }
        int next = 0;
        for (Map.Entry<Long, Integer> e : clothesIds.entrySet()) {
            e.setValue(next++);
        }
        Map<Split, List<Sample>> splits = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            List<Sample> samples = new ArrayList<>();
            for (Parsed p : parsed.get(s)) {
                int clothes = clothesIds.get(((long) p.pid << 32) | p.clothesInName);
                samples.add(new Sample(p.path, scenario(), Group.A, p.cam, p.pid, clothes));
            }
            splits.put(s, samples);
        }
        List<String> skipped = new ArrayList<>();
        Map<Split, List<Sample>> verified = ImageVerifier.verify(name(), splits, options, skipped);
        return new ReidDataset(scenario(), name(), root, verified, new ReadReport(0, skipped), null);
    }
}
