package org.itkm.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.itkm.io.InvalidInputException;

/**
 * A data set with its validation identities taken out of training and made its query and gallery, so
 * that hyper-parameters are chosen without looking at a test identity (its test query and gallery are
 * dropped). The query and gallery mirror the structure of the test ones, so every protocol of the
 * scenario applies unchanged:
 * <ul>
 *   <li>SYSU-MM01: the ids of {@code exp/val_id.txt}; query = their infrared images (cameras 3, 6),
 *       gallery = their visible ones (cameras 1, 2, 4, 5), as for the test ids.</li>
 *   <li>LTCC: the {@link HeldOutIdentities}; per outfit of a held-out person, the first image (by file
 *       name) of every camera that saw the outfit more than once is a query: one query per (person, outfit,
 *       camera), as in LTCC's test query, where the data have several images there (LTCC, SynthUMS quick).
 *       An outfit that no camera saw twice (SynthUMS tiny) gives one query, from its first camera, as
 *       SynthUMS's test query does, if another camera saw it. The rest is the gallery. So a query's outfit
 *       keeps gallery images in another camera (ltcc-same-clothes) wherever it was seen by two, and its
 *       person's other outfits, seen by other cameras, give it clothes-changing matches (ltcc-cc).</li>
 *   <li>MLR-CUHK03: the {@link HeldOutIdentities}; query = their low-resolution images (camera 2, {@link
 *       GroupDivision#LOW_RESOLUTION_CAMERAS}), gallery = their other (camera-1) images, as for the test ids.</li>
 * </ul>
 * Samples keep the order of the training split.
 */
public final class ValidationSplit {
    private ValidationSplit() {}

    /**
     * The validation identities of a data set as read (before group division): SYSU-MM01's val list, or
     * the held-out share of the LTCC / MLR-CUHK03 training identities.
     */
    public static Set<Integer> identities(ReidDataset d) {
        if (d.scenario() == Scenario.VI) {
            return Set.copyOf(SysuMm01Layout.readIds(d.root().resolve("exp").resolve("val_id.txt")));
        }
        List<Integer> train = d.train().stream().map(GroundTruth::pid).toList();
        return HeldOutIdentities.of(train, d.root().toString());
    }

    /** The data set with training = its training identities only, query and gallery = its validation ones. */
    public static ReidDataset of(ReidDataset d) {
        Set<Integer> ids = identities(d);
        List<Sample> train = new ArrayList<>();
        List<Sample> heldOut = new ArrayList<>();
        for (Sample s : d.train()) {
            (ids.contains(GroundTruth.pid(s)) ? heldOut : train).add(s);
        }
        Set<Path> query = switch (d.scenario()) {
            case VI -> pathsInCameras(heldOut, Set.copyOf(SysuMm01Layout.INFRARED_CAMERAS));
            case CC -> ltccQuery(heldOut);
            case CR -> pathsInCameras(heldOut, GroupDivision.LOW_RESOLUTION_CAMERAS);
        };
        List<Sample> q = new ArrayList<>();
        List<Sample> g = new ArrayList<>();
        for (Sample s : heldOut) {
            (query.contains(s.path()) ? q : g).add(s);
        }
        Map<Split, List<Sample>> splits = new EnumMap<>(Split.class);
        splits.put(Split.TRAIN, train);
        splits.put(Split.QUERY, q);
        splits.put(Split.GALLERY, g);
        for (Split s : Split.values()) {
            if (splits.get(s).isEmpty()) {
                throw new InvalidInputException(d.root() + ": the " + s.label() + " split of eval.split=val is"
                        + " empty (" + ids.size() + " validation identities with " + heldOut.size() + " of the "
                        + d.train().size() + " training images; " + rule(d.scenario()) + ")");
            }
        }
        return new ReidDataset(d.scenario(), d.layout(), d.root(), splits, d.report(), null);
    }

    /** How a scenario's validation identities are chosen and split, for messages and run records. */
    public static String rule(Scenario scenario) {
        return switch (scenario) {
            case VI -> "the ids of exp/val_id.txt, out of training; query = their infrared images (cameras 3, 6),"
                    + " gallery = their visible ones";
            case CC -> "a fixed " + Math.round(HeldOutIdentities.SHARE * 100) + " % of the training ids (pid hash),"
                    + " out of training; query = the first image of each (id, outfit, camera) with several, else"
                    + " one per outfit; gallery = the rest";
            case CR -> "a fixed " + Math.round(HeldOutIdentities.SHARE * 100) + " % of the training ids (pid hash),"
                    + " out of training; query = their camera-2 (low-resolution) images, gallery = their others";
        };
    }

    private static Set<Path> pathsInCameras(List<Sample> samples, Set<Integer> cameras) {
        Set<Path> out = new HashSet<>();
        for (Sample s : samples) {
            if (cameras.contains(s.camid())) {
                out.add(s.path());
            }
        }
        return out;
    }

    /**
     * Per outfit (clothes ids are unique per person and outfit) and camera, in ascending camera order: the
     * first image of each camera with several; failing any, of the first camera when there are two or more.
     * A camera with one image of an outfit others saw several times stays in the gallery, where it matches
     * their queries from another camera.
     */
    private static Set<Path> ltccQuery(List<Sample> heldOut) {
        Map<Integer, TreeMap<Integer, List<Sample>>> outfits = new LinkedHashMap<>();
        for (Sample s : heldOut) {
            outfits.computeIfAbsent(GroundTruth.clothes(s), k -> new TreeMap<>())
                    .computeIfAbsent(s.camid(), k -> new ArrayList<>()).add(s);
        }
        Set<Path> query = new HashSet<>();
        for (TreeMap<Integer, List<Sample>> cameras : outfits.values()) {
            List<List<Sample>> repeated = cameras.values().stream().filter(c -> c.size() > 1).toList();
            if (!repeated.isEmpty()) {
                repeated.forEach(c -> query.add(first(c)));
            } else if (cameras.size() > 1) {
                query.add(first(cameras.firstEntry().getValue()));
            }
        }
        return query;
    }

    private static Path first(List<Sample> images) {
        return images.stream().map(Sample::path).min(Comparator.comparing(Path::toString)).orElseThrow();
    }
}
