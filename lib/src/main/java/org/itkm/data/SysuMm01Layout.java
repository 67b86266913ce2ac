package org.itkm.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.itkm.io.InvalidInputException;

/**
 * SYSU-MM01 as distributed: {@code cam1..cam6/<pid as 4 digits>/<image as 4 digits>.jpg} and
 * {@code exp/train_id.txt}, {@code val_id.txt}, {@code test_id.txt} (comma-separated ids).
 * Train = every image of the train and val ids in all six cameras; query = the infrared images
 * (cameras 3 and 6) of the test ids; gallery = their visible images (cameras 1, 2, 4, 5), from which
 * the sysu protocols draw single-shot galleries (reference notes E.1).
 */
public final class SysuMm01Layout implements DatasetLayout {
    /** Infrared cameras of SYSU-MM01. */
    public static final List<Integer> INFRARED_CAMERAS = List.of(3, 6);
    /** Visible cameras of SYSU-MM01. */
    public static final List<Integer> VISIBLE_CAMERAS = List.of(1, 2, 4, 5);
    private static final String DIR_NAME = "SYSU-MM01";

    @Override
    public String name() {
        return "SYSU-MM01";
    }

    @Override
    public Scenario scenario() {
        return Scenario.VI;
    }

    @Override
    public Optional<Path> locate(Path dir) {
        if (Files.isDirectory(dir.resolve("exp")) && Files.isDirectory(dir.resolve("cam1"))) {
            return Optional.of(dir);
        }
        Path child = dir.resolve(DIR_NAME);
        return Files.isDirectory(child) ? Optional.of(child) : Optional.empty();
    }

    @Override
    public ReidDataset read(Path root, ReadOptions options) {
        ImageDirectory.require(root, "a SYSU-MM01 root holding cam1..cam6/ and exp/");
        for (int c = 1; c <= 6; c++) {
            ImageDirectory.require(root.resolve("cam" + c), "SYSU-MM01 camera folder cam" + c
                    + "/<pid as 4 digits>/<image>.jpg");
        }
        ImageDirectory.require(root.resolve("exp"), "SYSU-MM01 folder exp/ of train_id.txt, val_id.txt, test_id.txt");
        TreeSet<Integer> trainIds = new TreeSet<>(readIds(root.resolve("exp/train_id.txt")));
        trainIds.addAll(readIds(root.resolve("exp/val_id.txt")));
        TreeSet<Integer> testIds = new TreeSet<>(readIds(root.resolve("exp/test_id.txt")));
        Map<Split, List<Sample>> splits = new EnumMap<>(Split.class);
        splits.put(Split.TRAIN, images(root, trainIds, List.of(1, 2, 3, 4, 5, 6)));
        splits.put(Split.QUERY, images(root, testIds, INFRARED_CAMERAS));
        splits.put(Split.GALLERY, images(root, testIds, VISIBLE_CAMERAS));
        requireIdsPresent(root, trainIds, splits.get(Split.TRAIN), "exp/train_id.txt and val_id.txt");
        List<Sample> test = new ArrayList<>(splits.get(Split.QUERY));
        test.addAll(splits.get(Split.GALLERY));
        requireIdsPresent(root, testIds, test, "exp/test_id.txt");
        for (Split s : Split.values()) {
            if (splits.get(s).isEmpty()) {
                throw new InvalidInputException(root + ": the " + s.label() + " split is empty; expected "
                        + (s == Split.TRAIN ? "images of the train/val ids in cam1..cam6"
                        : s == Split.QUERY ? "infrared images (cam3, cam6) of the test ids"
                        : "visible images (cam1, cam2, cam4, cam5) of the test ids"));
            }
        }
        List<String> skipped = new ArrayList<>();
        Map<Split, List<Sample>> verified = ImageVerifier.verify(name(), splits, options, skipped);
        return new ReidDataset(scenario(), name(), root, verified, new ReadReport(0, skipped), null);
    }

    private List<Sample> images(Path root, TreeSet<Integer> ids, List<Integer> cams) {
        List<Sample> out = new ArrayList<>();
        for (int id : ids) {
            for (int cam : cams) {
                Path dir = root.resolve("cam" + cam).resolve(String.format("%04d", id));
                if (!Files.isDirectory(dir)) {
                    continue; // not every identity is seen by every camera
                }
                for (Path f : ImageDirectory.list(dir, ".jpg", ".jpeg", ".png")) {
                    out.add(new Sample(f, scenario(), Group.A, cam, id, Sample.NO_CLOTHES));
                }
            }
        }
        return out;
    }

    private static void requireIdsPresent(Path root, TreeSet<Integer> ids, List<Sample> samples, String source) {
        TreeSet<Integer> seen = new TreeSet<>();
        samples.forEach(s -> seen.add(GroundTruth.pid(s)));
        for (int id : ids) {
            if (!seen.contains(id)) {
                throw new InvalidInputException(root.resolve("exp") + ": " + source + " lists id " + id
                        + " but no image cam*/" + String.format("%04d", id) + "/*.jpg exists");
            }
        }
    }

    /** Reads one id list: integers separated by commas and/or white space. */
    static List<Integer> readIds(Path file) {
        String text;
        org.itkm.io.ReadAccess.requireFile(file, "the SYSU-MM01 id list");
        try {
            text = Files.readString(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found; SYSU-MM01 needs exp/train_id.txt, val_id.txt"
                    + " and test_id.txt (one line of comma-separated person ids each)");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + org.itkm.io.IoReasons.of(e) + ")", e);
        }
        List<Integer> ids = new ArrayList<>();
        for (String tok : text.trim().split("[,\\s]+")) {
            if (tok.isEmpty()) {
                continue;
            }
            try {
                ids.add(Integer.parseInt(tok));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(file + ": '" + tok + "' is not a person id; expected"
                        + " comma-separated integers");
            }
        }
        if (ids.isEmpty()) {
            throw new InvalidInputException(file + ": no person ids; expected one line of comma-separated integers");
        }
        return ids;
    }
}
