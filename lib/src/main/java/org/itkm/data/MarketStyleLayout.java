package org.itkm.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.itkm.io.InvalidInputException;

/**
 * Market-1501-style sets, among them MLR-CUHK03 (the cross-resolution scenario):
 * {@code bounding_box_train/}, {@code query/}, {@code bounding_box_test/}, files {@code <pid>_c<cam>...}
 * (.jpg or .png). Images with pid -1 are junk and are left out (counted in the {@link ReadReport}).
 * For MLR-CUHK03 the query holds the low-resolution images, the gallery the high-resolution ones
 * (reference notes E.3).
 */
public final class MarketStyleLayout implements DatasetLayout {
    private static final Pattern NAME = Pattern.compile("^(-?\\d+)_c(\\d+).*\\.(?:jpe?g|png)$",
            Pattern.CASE_INSENSITIVE);
    private static final String DIR_NAME = "MLR-CUHK03";
    private static final Map<Split, String> FOLDERS = Map.of(Split.TRAIN, "bounding_box_train", Split.QUERY,
            "query", Split.GALLERY, "bounding_box_test");

    @Override
    public String name() {
        return "MLR-CUHK03";
    }

    @Override
    public Scenario scenario() {
        return Scenario.CR;
    }

    @Override
    public Optional<Path> locate(Path dir) {
        if (Files.isDirectory(dir.resolve("bounding_box_train"))) {
            return Optional.of(dir);
        }
        Path child = dir.resolve(DIR_NAME);
        if (Files.isDirectory(child)) {
            return Optional.of(child);
        }
        // another Market-style set under its own name (e.g. Market-1501-v15.09.15)
        try (java.util.stream.Stream<Path> children = Files.list(dir)) {
            return children.filter(c -> Files.isDirectory(c.resolve("bounding_box_train"))).sorted().findFirst();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public ReidDataset read(Path root, ReadOptions options) {
        ImageDirectory.require(root, "a Market-style root holding bounding_box_train/, query/ and bounding_box_test/");
        Map<Split, List<Sample>> splits = new EnumMap<>(Split.class);
        int junk = 0;
        for (Split s : Split.values()) {
            Path dir = ImageDirectory.require(root.resolve(FOLDERS.get(s)),
                    "Market-style folder " + FOLDERS.get(s) + "/ of <pid>_c<cam>... images");
            List<Sample> samples = new ArrayList<>();
            List<Path> files = ImageDirectory.list(dir, ".jpg", ".jpeg", ".png");
            for (Path f : files) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (!m.matches()) {
                    throw new InvalidInputException(f + ": file name does not follow the Market-style layout"
                            + " <pid>_c<cam>... (e.g. 0001_c1_0003.png; pid -1 marks junk)");
                }
                int pid = Integer.parseInt(m.group(1));
                if (pid == -1) {
                    junk++;
                    continue;
                }
                if (pid < 0) {
                    throw new InvalidInputException(f + ": pid " + pid + " is negative; only -1 (junk) is allowed");
                }
                samples.add(new Sample(f, scenario(), Group.A, Integer.parseInt(m.group(2)), pid, Sample.NO_CLOTHES));
            }
            if (samples.isEmpty()) {
                throw new InvalidInputException(dir + ": the " + s.label() + " split is empty; expected"
                        + " <pid>_c<cam>... .jpg/.png images" + (files.isEmpty() ? "" : " (all " + files.size()
                        + " are junk, pid -1)"));
            }
            splits.put(s, samples);
        }
        List<String> skipped = new ArrayList<>();
        Map<Split, List<Sample>> verified = ImageVerifier.verify(name(), splits, options, skipped);
        return new ReidDataset(scenario(), name(), root, verified, new ReadReport(junk, skipped), null);
    }
}
