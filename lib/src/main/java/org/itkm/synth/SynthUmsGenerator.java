package org.itkm.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.itkm.io.InvalidInputException;
import org.itkm.runtime.ConsoleProgress;

/**
 * Writes SynthUMS: the VI scenario in the SYSU-MM01 layout, CC in the LTCC layout, CR in the
 * MLR-CUHK03 (Market-style) layout, each with an {@code attributes.csv}, plus a caption corpus of
 * other identities for pocket-CLIP pre-training, and {@code synthums.json} describing the run.
 *
 * <p>Everything is drawn from the seed: the plan (identities, splits, which image goes where) is made
 * sequentially, and each image then has its own generator seeded from (seed, scenario, image index),
 * so images can be rendered in parallel and regeneration gives byte-identical files.
 */
public final class SynthUmsGenerator {
    /** Top-level entries a SynthUMS folder holds (the only ones --overwrite removes). */
    public static final List<String> OUTPUTS = List.of("SYSU-MM01", "LTCC_ReID", "MLR-CUHK03", "captions",
            "synthums.json");
    static final List<Integer> INFRARED_CAMERAS = List.of(3, 6);
    /** Share of the caption corpus photographed by an infrared camera. */
    static final double INFRARED_CAPTION_SHARE = 0.3;
    private static final int LTCC_CAMERAS = 12;
    private static final String ATTRIBUTE_HEADER = "file,split,pid,camid,clothes,modality,downsample,viewpoint,"
            + "build,height,skin,hair_colour,hair_length,hat,hat_colour,bag,bag_colour,shoes,upper_type,upper_colour,"
            + "upper_pattern,upper_second_colour,upper_thermal,upper_second_thermal,lower_type,lower_colour,lower_thermal,occluder,blur";

    /** Bumped whenever the generator's output changes for the same preset and seed. */
    /** Version 2: captions of one focus each (whole / person / clothes) with tone words; 600 caption ids in quick. */
    public static final int FORMAT_VERSION = 2;
    private static final Comparator<String> SPLIT_ORDER = Comparator.comparingInt(
            s -> List.of("train", "query", "gallery", "junk", "caption").indexOf(s));
    private final SynthPreset preset;
    private final long seed;

    public SynthUmsGenerator(SynthPreset preset, long seed) {
        this.preset = preset;
        this.seed = seed;
    }

    /** One image to render: where, who, in which outfit, by which camera. */
    private record Job(Path root, String file, String split, Identity identity, int outfit, int pid, int camid,
            int clothes, CameraStyle camera, int downsample, long seed) {}

    /** What was written: images per scenario folder and split, and the wall time. */
    public record Result(Path out, Map<String, Map<String, Integer>> images, double seconds) {
        public String format() {
            StringBuilder sb = new StringBuilder();
            images.forEach((folder, splits) -> {
                sb.append(String.format(Locale.ROOT, "  %-11s", folder));
                splits.forEach((split, n) -> sb.append(String.format(Locale.ROOT, " %s %d", split, n)));
                sb.append('\n');
            });
            return sb.toString();
        }
    }

    /**
     * Generates into {@code out}.
     *
     * @param overwrite remove earlier outputs in out first (other files are left alone); without it,
     *     they are replaced only when out holds a synthums.json (i.e. an earlier SynthUMS run), so a
     *     real data set folder of the same name is never deleted by accident
     * @param showProgress draw a progress display on stderr
     */
    public Result generate(Path out, boolean overwrite, boolean showProgress) {
        long t0 = System.nanoTime();
        prepare(out, overwrite);
        List<Job> jobs = new ArrayList<>();
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        planVisibleInfrared(out.resolve("SYSU-MM01"), jobs);
        planClothesChanging(out.resolve("LTCC_ReID"), jobs);
        planCrossResolution(out.resolve("MLR-CUHK03"), jobs);
        planCaptions(out.resolve("captions"), jobs);
        for (Job j : jobs) {
            counts.computeIfAbsent(j.root.getFileName().toString(), k -> new java.util.TreeMap<>(SPLIT_ORDER))
                    .merge(j.split, 1, Integer::sum);
        }
        String[] rows = new String[jobs.size()];
        String[] captions = new String[jobs.size()];
        try (ConsoleProgress progress = showProgress
                ? new ConsoleProgress("SynthUMS " + preset.id(), jobs.size()) : null) {
            IntStream.range(0, jobs.size()).parallel().forEach(i -> {
                render(jobs.get(i), rows, captions, i);
                if (progress != null) {
                    progress.step(1);
                }
            });
        }
        writeTables(jobs, rows, captions);
        writeManifest(out, counts);
        return new Result(out, counts, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Generates into {@code out} unless it already holds this preset and seed (its synthums.json
     * says so), e.g. for notebooks and the main command that must not regenerate on every run.
     *
     * @return true if it generated, false if the data set was already there
     */
    public boolean ensure(Path out, boolean showProgress) {
        Path manifest = out.resolve("synthums.json");
        if (Files.isRegularFile(manifest)) {
            try {
                String text = Files.readString(manifest, StandardCharsets.UTF_8);
                if (text.contains("\"preset\": \"" + preset.id() + "\"") && text.contains("\"seed\": " + seed + ",")
                        && versionOf(out) == FORMAT_VERSION) {
                    return false;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + manifest, e);
            }
        }
        generate(out, false, showProgress);
        return true;
    }

    /**
     * The version of the SynthUMS in {@code root} (its synthums.json), or -1 when there is none or it
     * names no version.
     */
    public static int versionOf(Path root) {
        Path manifest = root.resolve("synthums.json");
        if (!Files.isRegularFile(manifest)) {
            return -1;
        }
        try {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"version\": (\\d+)")
                    .matcher(Files.readString(manifest, StandardCharsets.UTF_8));
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest, e);
        }
    }

    private void prepare(Path out, boolean overwrite) {
        try {
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new InvalidInputException(out + ": exists and is not a directory; expected a folder for SynthUMS");
            }
            boolean earlierRun = Files.isRegularFile(out.resolve("synthums.json"));
            for (String name : OUTPUTS) {
                Path p = out.resolve(name);
                if (Files.exists(p)) {
                    if (!overwrite && !earlierRun) {
                        throw new InvalidInputException(p + ": already exists and " + out + " holds no synthums.json"
                                + " (not an earlier SynthUMS run); pass --overwrite to replace it (other files are kept)");
                    }
                    deleteTree(p);
                }
            }
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + out, e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    private SplittableRandom planRandom(String scenario) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + scenario.hashCode());
    }

    private long jobSeed(String scenario, int index) {
        return new SplittableRandom(seed ^ ((long) scenario.hashCode() << 32) ^ (index * 0xBF58476D1CE4E5B9L))
                .nextLong();
    }

    /** SYSU-MM01 layout: cam1..cam6/<pid4>/<img4>.jpg, exp/{train,val,test}_id.txt. */
    private void planVisibleInfrared(Path root, List<Job> jobs) {
        SynthPreset.Sizes z = preset.sizes();
        SplittableRandom rnd = planRandom("VI");
        int n = z.viTrain() + z.viVal() + z.viTest();
        List<Integer> pids = shuffledIds(n, rnd);
        TreeSet<Integer> train = new TreeSet<>(pids.subList(0, z.viTrain()));
        TreeSet<Integer> val = new TreeSet<>(pids.subList(z.viTrain(), z.viTrain() + z.viVal()));
        TreeSet<Integer> test = new TreeSet<>(pids.subList(z.viTrain() + z.viVal(), n));
        writeText(root.resolve("exp/train_id.txt"), joinIds(train));
        writeText(root.resolve("exp/val_id.txt"), joinIds(val));
        writeText(root.resolve("exp/test_id.txt"), joinIds(test));
        CameraStyle[] cams = new CameraStyle[7];
        for (int c = 1; c <= 6; c++) {
            cams[c] = CameraStyle.of(seed, "VI", c, INFRARED_CAMERAS.contains(c));
        }
        for (int pid = 1; pid <= n; pid++) {
            Identity id = IdentitySampler.identity(pid, 1, rnd);
            for (int c = 1; c <= 6; c++) {
                boolean ir = INFRARED_CAMERAS.contains(c);
                String split = test.contains(pid) ? (ir ? "query" : "gallery") : "train";
                for (int k = 1; k <= z.viPerCamera(); k++) {
                    String file = String.format(Locale.ROOT, "cam%d/%04d/%04d.jpg", c, pid, k);
                    jobs.add(new Job(root, file, split, id, 0, pid, c, -1, cams[c], 1, jobSeed("VI", jobs.size())));
                }
            }
        }
    }

    /**
     * LTCC layout: train/, query/, test/ of <pid>_<clothes>_c<cam>_<frame>.png. Each identity has 2-3
     * outfits and is seen by ccCamerasPerId of the 12 cameras; the cameras are shared out among the
     * outfits, so every outfit is seen by at least two cameras. A test identity's query holds one
     * image of each outfit; the rest goes to the gallery (test/).
     */
    private void planClothesChanging(Path root, List<Job> jobs) {
        SynthPreset.Sizes z = preset.sizes();
        SplittableRandom rnd = planRandom("CC");
        int n = z.ccTrain() + z.ccTest();
        List<Integer> pids = shuffledIds(n, rnd);
        TreeSet<Integer> test = new TreeSet<>(pids.subList(z.ccTrain(), n));
        CameraStyle[] cams = new CameraStyle[LTCC_CAMERAS + 1];
        for (int c = 1; c <= LTCC_CAMERAS; c++) {
            cams[c] = CameraStyle.of(seed, "CC", c, false);
        }
        int frame = 0;
        for (int pid = 1; pid <= n; pid++) {
            int nOutfits = 2 + rnd.nextInt(2);
            Identity id = IdentitySampler.identity(pid, nOutfits, rnd);
            List<Integer> camOrder = shuffledIds(LTCC_CAMERAS, rnd).subList(0, z.ccCamerasPerId());
            boolean[] queried = new boolean[nOutfits];
            for (int v = 0; v < camOrder.size(); v++) {
                int cam = camOrder.get(v);
                int outfit = v % nOutfits;
                for (int k = 0; k < z.ccPerCamera(); k++) {
                    frame += 1 + rnd.nextInt(40);
                    String split = "train";
                    if (test.contains(pid)) {
                        split = queried[outfit] ? "gallery" : "query";
                        queried[outfit] = true;
                    }
                    String folder = switch (split) {
                        case "query" -> "query";
                        case "gallery" -> "test";
                        default -> "train";
                    };
                    String file = String.format(Locale.ROOT, "%s/%03d_%d_c%d_%06d.png", folder, pid, outfit + 1, cam,
                            frame);
                    jobs.add(new Job(root, file, split, id, outfit, pid, cam, outfit + 1, cams[cam], 1,
                            jobSeed("CC", jobs.size())));
                }
            }
        }
    }

    /**
     * MLR-CUHK03 layout: bounding_box_train/, query/, bounding_box_test/ of <pid4>_c<cam>_<img4>.png.
     * Camera 2 images are down-sampled by 2, 3 or 4 and resized back; query = camera-2 images of the
     * test identities, gallery = their camera-1 images plus a few junk (pid -1) distractors.
     */
    private void planCrossResolution(Path root, List<Job> jobs) {
        SynthPreset.Sizes z = preset.sizes();
        SplittableRandom rnd = planRandom("CR");
        int n = z.crTrain() + z.crTest();
        List<Integer> pids = shuffledIds(n, rnd);
        TreeSet<Integer> test = new TreeSet<>(pids.subList(z.crTrain(), n));
        CameraStyle[] cams = {null, CameraStyle.of(seed, "CR", 1, false), CameraStyle.of(seed, "CR", 2, false)};
        for (int pid = 1; pid <= n; pid++) {
            Identity id = IdentitySampler.identity(pid, 1, rnd);
            for (int c = 1; c <= 2; c++) {
                for (int k = 1; k <= z.crPerCamera(); k++) {
                    int factor = c == 2 ? 2 + rnd.nextInt(3) : 1;
                    String split = test.contains(pid) ? (c == 2 ? "query" : "gallery") : "train";
                    String folder = switch (split) {
                        case "query" -> "query";
                        case "gallery" -> "bounding_box_test";
                        default -> "bounding_box_train";
                    };
                    String file = String.format(Locale.ROOT, "%s/%04d_c%d_%04d.png", folder, pid, c, k);
                    jobs.add(new Job(root, file, split, id, 0, pid, c, -1, cams[c], factor, jobSeed("CR", jobs.size())));
                }
            }
        }
        for (int j = 1; j <= z.crJunk(); j++) {
            Identity junk = IdentitySampler.identity(n + j, 1, rnd);
            String file = String.format(Locale.ROOT, "bounding_box_test/-1_c1_%04d.png", j);
            jobs.add(new Job(root, file, "junk", junk, 0, -1, 1, -1, cams[1], 1, jobSeed("CR", jobs.size())));
        }
    }

    /**
     * Caption corpus: identities drawn from their own stream (none of them is in a ReID split), each
     * photographed by random cameras of all three scenarios (infrared ones included).
     */
    private void planCaptions(Path root, List<Job> jobs) {
        SynthPreset.Sizes z = preset.sizes();
        SplittableRandom rnd = planRandom("captions");
        List<CameraStyle> cams = new ArrayList<>();
        List<Integer> factors = new ArrayList<>();
        for (int c = 1; c <= 6; c++) {
            cams.add(CameraStyle.of(seed, "VI", c, INFRARED_CAMERAS.contains(c)));
            factors.add(1);
        }
        for (int c = 1; c <= LTCC_CAMERAS; c++) {
            cams.add(CameraStyle.of(seed, "CC", c, false));
            factors.add(1);
        }
        cams.add(CameraStyle.of(seed, "CR", 1, false));
        factors.add(1);
        cams.add(CameraStyle.of(seed, "CR", 2, false));
        factors.add(0); // down-sampled, factor drawn per image
        for (int pid = 1; pid <= z.captionIds(); pid++) {
            int nOutfits = 1 + rnd.nextInt(2);
            Identity id = IdentitySampler.identity(pid, nOutfits, rnd);
            for (int k = 1; k <= z.captionPerId(); k++) {
                // a third of the corpus infrared (2 of its 20 cameras would give a tenth): enough for
                // the pocket CLIP to learn what infrared images show, as web CLIP has seen grey photos
                int cam = rnd.nextDouble() < INFRARED_CAPTION_SHARE
                        ? INFRARED_CAMERAS.get(rnd.nextInt(INFRARED_CAMERAS.size())) - 1
                        : visibleCameraIndex(rnd.nextInt(cams.size() - INFRARED_CAMERAS.size()));
                int factor = factors.get(cam) == 0 ? 2 + rnd.nextInt(3) : 1;
                int outfit = rnd.nextInt(nOutfits);
                String file = String.format(Locale.ROOT, "images/%05d_%02d.png", pid, k);
                jobs.add(new Job(root, file, "caption", id, outfit, pid, cams.get(cam).camid(), outfit + 1,
                        cams.get(cam), factor, jobSeed("captions", jobs.size())));
            }
        }
    }

    /** The k-th camera of the caption corpus's list that is not infrared. */
    private static int visibleCameraIndex(int k) {
        int i = 0;
        for (int seen = -1; ; i++) {
            if (!(i < 6 && INFRARED_CAMERAS.contains(i + 1)) && ++seen == k) {
                return i;
            }
        }
    }

    private static void render(Job j, String[] rows, String[] captions, int index) {
        SplittableRandom rnd = new SplittableRandom(j.seed);
        Shot shot = Shot.random(rnd, j.downsample);
        Outfit outfit = j.identity.outfits().get(j.outfit);
        Canvas canvas = new Canvas(SynthPreset.WIDTH, SynthPreset.HEIGHT);
        PersonRenderer.render(canvas, j.identity, outfit, shot, j.camera);
        int[] pixels = CameraSensor.capture(canvas, j.camera, shot, rnd);
        ImageFileWriter.write(j.root.resolve(j.file), pixels, SynthPreset.WIDTH, SynthPreset.HEIGHT);
        rows[index] = attributeRow(j, outfit, shot);
        if (j.split.equals("caption")) {
            // the focus has its own stream so that the image does not depend on it
            CaptionWriter.Focus focus = CaptionWriter.Focus.of(new SplittableRandom(~j.seed).nextDouble());
            captions[index] = CaptionWriter.describe(j.identity, outfit, shot, j.camera.infrared(), focus);
        }
    }

    private static String attributeRow(Job j, Outfit o, Shot s) {
        Identity id = j.identity;
        return String.join(",", j.file, j.split, String.valueOf(j.pid), String.valueOf(j.camid),
                j.clothes < 0 ? "" : String.valueOf(j.clothes), j.camera.infrared() ? "infrared" : "visible",
                String.valueOf(j.downsample), lower(s.viewpoint()), num(id.build()), num(id.height()), id.skin().name(),
                id.hair().name(), lower(id.hairLength()), lower(id.hat()),
                id.hat() == Identity.Hat.NONE ? "" : id.hatColour().name(), lower(id.bag()),
                id.bag() == Identity.Bag.NONE ? "" : id.bagColour().name(), id.shoes().name(), lower(o.upperType()),
                o.upperColour().name(), lower(o.pattern()), o.secondColour().name(), num(o.upperThermal()),
                num(o.secondThermal()),
                lower(o.lowerType()), o.lowerColour().name(), num(o.lowerThermal()), lower(s.occluder()),
                s.blur() ? "1" : "0");
    }

    private void writeTables(List<Job> jobs, String[] rows, String[] captions) {
        Map<Path, StringBuilder> tables = new LinkedHashMap<>();
        StringBuilder captionTable = null;
        Path captionRoot = null;
        for (int i = 0; i < jobs.size(); i++) {
            Job j = jobs.get(i);
            tables.computeIfAbsent(j.root, k -> new StringBuilder(ATTRIBUTE_HEADER).append('\n'))
                    .append(rows[i]).append('\n');
            if (captions[i] != null) {
                if (captionTable == null) {
                    // the caption corpus format CaptionCorpus.readTsv reads: image, caption, then attributes
                    captionTable = new StringBuilder("image\tcaption\tmodality\n");
                    captionRoot = j.root;
                }
                captionTable.append(j.file).append('\t').append(captions[i]).append('\t')
                        .append(j.camera.infrared() ? "infrared" : "visible").append('\n');
            }
        }
        tables.forEach((root, sb) -> writeText(root.resolve("attributes.csv"), sb.toString()));
        if (captionTable != null) {
            writeText(captionRoot.resolve("captions.tsv"), captionTable.toString());
        }
    }

    private void writeManifest(Path out, Map<String, Map<String, Integer>> counts) {
        StringBuilder sb = new StringBuilder("{\n  \"generator\": \"SynthUMS (ITKM-J)\",\n  \"version\": ")
                .append(FORMAT_VERSION).append(",\n");
        sb.append("  \"preset\": \"").append(preset.id()).append("\",\n  \"seed\": ").append(seed).append(",\n");
        sb.append("  \"image_height\": ").append(SynthPreset.HEIGHT).append(",\n  \"image_width\": ")
                .append(SynthPreset.WIDTH).append(",\n  \"images\": {");
        String sep = "\n";
        for (Map.Entry<String, Map<String, Integer>> e : counts.entrySet()) {
            sb.append(sep).append("    \"").append(e.getKey()).append("\": {");
            String s2 = "";
            for (Map.Entry<String, Integer> s : e.getValue().entrySet()) {
                sb.append(s2).append('"').append(s.getKey()).append("\": ").append(s.getValue());
                s2 = ", ";
            }
            sb.append('}');
            sep = ",\n";
        }
        sb.append("\n  }\n}\n");
        writeText(out.resolve("synthums.json"), sb.toString());
    }

    private static List<Integer> shuffledIds(int n, SplittableRandom rnd) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ids.add(i);
        }
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates with the plan's own generator
            int j = rnd.nextInt(i + 1);
            ids.set(i, ids.set(j, ids.get(i)));
        }
        return ids;
    }

    private static String joinIds(TreeSet<Integer> ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            sb.append(sb.length() == 0 ? "" : ",").append(id);
        }
        return sb.append('\n').toString();
    }

    private static void writeText(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
