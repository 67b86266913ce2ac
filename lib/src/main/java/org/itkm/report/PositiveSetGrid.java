package org.itkm.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.itkm.config.RunConfig;
import org.itkm.data.DatasetLocator;
import org.itkm.data.GroundTruth;
import org.itkm.data.ReadOptions;
import org.itkm.data.Sample;

/**
 * Fig. 6: instance-level positive sets of the same anchors found by two methods (IHM and a CNL-style
 * image-only search) as image-grid rows, each positive bordered green when it shows the anchor's
 * identity and red when not, and the share of true positives per method.
 */
public final class PositiveSetGrid {
    private final Map<Path, List<Path>> sets;
    private final Map<Path, Integer> pids;

    private PositiveSetGrid(Map<Path, List<Path>> sets, Map<Path, Integer> pids) {
        this.sets = sets;
        this.pids = pids;
    }

    /**
     * A run's positive sets of one scenario ({@code instance-positives-<scenario>.tsv}).
     *
     * @param home what relative image paths in the file are relative to (the checkout)
     * @param truth images with their identities (ground truth, for the borders only)
     */
    public static PositiveSetGrid read(Path runDir, String scenario, Path home, List<Sample> truth) throws IOException {
        Map<Path, Integer> pids = new LinkedHashMap<>();
        truth.forEach(s -> pids.put(s.path().toAbsolutePath().normalize(), GroundTruth.pid(s)));
        Map<Path, Path> bySuffix = suffixes(pids.keySet());
        Map<Path, List<Path>> sets = new LinkedHashMap<>();
        for (RunFigures.PositiveSet s : RunFigures.positiveSets(runDir, scenario)) {
            sets.put(locate(home, s.anchor(), pids, bySuffix), s.positives().stream()
                    .map(p -> locate(home, p, pids, bySuffix)).toList());
        }
        return new PositiveSetGrid(sets, pids);
    }

    /** Longest trailing parts of a path that identify one known image, at most this many names. */
    private static final int SUFFIX_NAMES = 5;

    /**
     * Where a recorded image is here: its path against {@code home} when that is a known image, else the
     * known image with the longest common trailing path (a run recorded on another machine or checkout
     * names its images by absolute paths there).
     */
    static Path locate(Path home, Path recorded, Map<Path, Integer> known, Map<Path, Path> bySuffix) {
        Path p = home.resolve(recorded).toAbsolutePath().normalize();
        if (known.containsKey(p)) {
            return p;
        }
        for (int n = Math.min(SUFFIX_NAMES, p.getNameCount()); n > 0; n--) {
            Path hit = bySuffix.get(p.subpath(p.getNameCount() - n, p.getNameCount()));
            if (hit != null) {
                return hit;
            }
        }
        return p;
    }

    /** Every trailing part (1 to {@link #SUFFIX_NAMES} names) that only one known image has. */
    private static Map<Path, Path> suffixes(java.util.Collection<Path> images) {
        Map<Path, Path> out = new java.util.HashMap<>();
        java.util.Set<Path> ambiguous = new java.util.HashSet<>();
        for (Path p : images) {
            for (int n = 1; n <= Math.min(SUFFIX_NAMES, p.getNameCount()); n++) {
                Path key = p.subpath(p.getNameCount() - n, p.getNameCount());
                if (out.containsKey(key) && !out.get(key).equals(p)) {
                    ambiguous.add(key);
                }
                out.putIfAbsent(key, p);
            }
        }
        ambiguous.forEach(out::remove);
        return out;
    }

    /**
     * Every image (all splits) of the data sets a configuration reads, with their identities: the ground
     * truth the borders are drawn from. Names only; no image is decoded.
     */
    public static List<Sample> truth(RunConfig c) {
        List<Path> roots = c.data().source() == RunConfig.DataSource.SYNTH ? List.of(c.data().synthRoot())
                : List.of(c.data().sysu(), c.data().ltcc(), c.data().mlr());
        List<Sample> out = new ArrayList<>();
        for (Path root : roots) {
            if (java.nio.file.Files.isDirectory(root)) {
                DatasetLocator.readAll(root, ReadOptions.namesOnly()).forEach(d -> out.addAll(d.all()));
            }
        }
        return out;
    }

    /** Anchors in file order. */
    /**
     * Fig. 6's summary: per method, its anchors, mean positive-set size (one decimal) and the share of positives
     * that are the anchor's identity (percent, one decimal).
     */
    public static ResultTable precisionTable(Map<String, PositiveSetGrid> byMethod) {
        ResultTable t = new ResultTable("positives", "anchors", "mean set size", "correct %");
        byMethod.forEach((method, g) -> t.addRow(method, Integer.toString(g.anchors().size()),
                String.format(java.util.Locale.ROOT, "%.1f", g.meanSetSize()),
                String.format(java.util.Locale.ROOT, "%.1f", 100 * g.precision())));
        return t;
    }

    public List<Path> anchors() {
        return new ArrayList<>(sets.keySet());
    }

    /** The first {@code n} anchors with at least one positive, in file order. */
    public List<Path> anchorsWithPositives(int n) {
        return sets.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).limit(n).toList();
    }

    /** Share of positives (over all anchors) that show the anchor's identity; NaN when there are none. */
    public double precision() {
        long all = 0;
        long right = 0;
        for (Map.Entry<Path, List<Path>> e : sets.entrySet()) {
            for (Path p : e.getValue()) {
                all++;
                right += same(e.getKey(), p) ? 1 : 0;
            }
        }
        return all == 0 ? Double.NaN : right / (double) all;
    }

    /** Mean size of the positive sets. */
    public double meanSetSize() {
        return sets.values().stream().mapToInt(List::size).average().orElse(0);
    }

    /** One row per anchor: the anchor, then up to {@code maxPositives} of its positives, judged. */
    public List<ImageGrid.Row> rows(String method, List<Path> anchors, int maxPositives) {
        List<ImageGrid.Row> out = new ArrayList<>();
        for (Path a : anchors) {
            List<ImageGrid.Tile> tiles = new ArrayList<>();
            tiles.add(new ImageGrid.Tile(a, ImageGrid.Mark.ANCHOR));
            for (Path p : sets.getOrDefault(a, List.of()).stream().limit(maxPositives).toList()) {
                tiles.add(new ImageGrid.Tile(p, !pids.containsKey(p) ? ImageGrid.Mark.NONE
                        : same(a, p) ? ImageGrid.Mark.CORRECT : ImageGrid.Mark.WRONG));
            }
            out.add(new ImageGrid.Row(method, tiles));
        }
        return out;
    }

    private boolean same(Path anchor, Path positive) {
        Integer a = pids.get(anchor);
        return a != null && a.equals(pids.get(positive));
    }

}
