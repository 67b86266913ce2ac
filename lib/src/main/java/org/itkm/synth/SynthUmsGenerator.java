package org.itkm.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.itkm.io.OutputFolder;
import org.itkm.runtime.ConsoleProgress;

/**
 * Writes SynthUMS: the VI scenario in the SYSU-MM01 layout, CC in the LTCC layout, CR in the
 * MLR-CUHK03 (Market-style) layout, each with an {@code attributes.csv}, plus a caption corpus of
 * other identities, and {@code synthums.json} describing the run. Preset {@code corpus} writes the caption
 * corpus alone: the one the shipped pocket CLIP is pre-trained on.
 *
 * <p>Everything is drawn from the seed: the plan (identities, splits, which image goes where) is made
 * sequentially, and each image then has its own generator seeded from (seed, scenario, image index),
 * so images can be rendered in parallel and regeneration gives byte-identical files.
 */
public final class SynthUmsGenerator {
    /** Top-level entries a SynthUMS folder holds (besides the {@link OutputFolder#MARKER}). */
    public static final List<String> OUTPUTS = List.of(SynthLayout.SYSU, SynthLayout.LTCC, SynthLayout.MLR,
            SynthLayout.CAPTIONS, SynthUmsGenerator.MANIFEST);
    /** The file describing the run; a folder holding it is an earlier SynthUMS output (kits before the marker). */
    public static final String MANIFEST = "synthums.json";
    /** The command whose outputs SynthUMS folders are ({@link OutputFolder}'s marker). */
    public static final String COMMAND = "synth";
    private static final String ATTRIBUTE_HEADER = "file,split,pid,camid,clothes,modality,downsample,viewpoint,"
            + "build,height,skin,hair_colour,hair_length,hat,hat_colour,bag,bag_colour,shoes,upper_type,upper_colour,"
            + "upper_pattern,upper_second_colour,upper_thermal,upper_second_thermal,lower_type,lower_colour,lower_thermal,occluder,blur";

    /**
     * Bumped whenever the generator's output changes for the same preset and seed. Version 2: captions
     * of one focus each (whole / person / clothes) with tone words; 600 caption ids in quick. (paper-size
     * appeared in version 2; with it the renderer became size-aware, leaving tiny/quick/full's files
     * byte for byte as they were, hence no new version.) Version 3: the infrared intensity follows the
     * visible luma more closely (share 0.85, was 0.6) and hats and bags are commoner and bags larger, because
     * even the true identities could not teach the pocket encoder to match infrared to visible images or
     * people across clothes (the measurements are in {@code Material} and the README's benchmark section).
     * Version 4: hats on 90 % and bags on everyone, hats, bags, shoes and long hair drawn larger, because
     * the supervised bound still stayed near chance across clothes (docs/benchmark-ceiling.md).
     */
    public static final int FORMAT_VERSION = 4;
    private static final Comparator<String> SPLIT_ORDER = Comparator.comparingInt(
            s -> List.of("train", "query", "gallery", "junk", "caption").indexOf(s));
    private final SynthPreset preset;
    private final long seed;

    public SynthUmsGenerator(SynthPreset preset, long seed) {
        this.preset = preset;
        this.seed = seed;
    }

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
     * Generates the folder {@code out} whole: written into a hidden sibling, then moved into place
     * ({@link OutputFolder}), so an interruption never leaves half a data set under the final name.
     *
     * @param replace replace {@code out} when it is an earlier SynthUMS output (it carries synth's marker, or,
     *     made by an older kit, a synthums.json); any other non-empty folder is never replaced
     * @param showProgress draw a progress display on stderr
     */
    public Result generate(Path out, boolean replace, boolean showProgress) {
        return generate(out, replace, showProgress, "--out");
    }

    /** {@link #generate(Path, boolean, boolean)}, naming the setting that gave {@code out} in messages. */
    public Result generate(Path out, boolean replace, boolean showProgress, String option) {
        long t0 = System.nanoTime();
        try (OutputFolder folder = OutputFolder.prepare(COMMAND, out, replace, option, List.of(), MANIFEST)) {
            Path dir = folder.staging();
            SynthPlan plan = plan(dir);
            plan.textFiles().forEach(SynthUmsGenerator::writeText);
            List<ImageJob> jobs = plan.images();
            Map<String, Map<String, Integer>> counts = countsPerSplit(jobs);
            String[] rows = new String[jobs.size()];
            String[] captions = new String[jobs.size()];
            ImageSize size = preset.imageSize();
            ImageFileWriter.PngCompression compression = preset.pngCompression();
            try (ConsoleProgress progress = showProgress
                    ? new ConsoleProgress("SynthUMS " + preset.id(), jobs.size()) : null) {
                IntStream.range(0, jobs.size()).parallel().forEach(i -> {
                    render(jobs.get(i), size, compression, rows, captions, i);
                    if (progress != null) {
                        progress.step(1);
                    }
                });
            }
            writeTables(jobs, rows, captions);
            writeText(dir.resolve(MANIFEST), manifest(counts));
            Path done = folder.commit();
            return new Result(done, counts, (System.nanoTime() - t0) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write SynthUMS " + out, e);
        }
    }

    /**
     * What {@link #generate} writes into {@code out}, without writing anything: every image and the
     * layouts' text files.
     */
    SynthPlan plan(Path out) {
        SynthPlan.Builder b = new SynthPlan.Builder(seed);
        SynthPreset.Sizes sizes = preset.sizes();
        if (sizes instanceof SynthPreset.UniformSizes z) {
            if (!z.captionsOnly()) { // the corpus preset: no SYSU id lists or empty layout folders either
                UniformPlanner.plan(b, z, out);
            }
        } else if (sizes instanceof PublishedSizes z) {
            PublishedPlanner.plan(b, z, out);
        }
        CaptionPlanner.plan(b, sizes.captionIds(), sizes.captionPerId(), out.resolve(SynthLayout.CAPTIONS));
        return b.build();
    }

    /** Images per scenario folder and split, in the plan's order of folders. */
    static Map<String, Map<String, Integer>> countsPerSplit(List<ImageJob> jobs) {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        for (ImageJob j : jobs) {
            counts.computeIfAbsent(j.root().getFileName().toString(), k -> new TreeMap<>(SPLIT_ORDER))
                    .merge(j.split(), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * Generates into {@code out} unless it already holds this preset and seed (its synthums.json
     * says so), e.g. for notebooks and the main command that must not regenerate on every run. An earlier
     * SynthUMS of another preset, seed or version is replaced; any other non-empty folder is an error.
     *
     * @return true if it generated, false if the data set was already there
     */
    public boolean ensure(Path out, boolean showProgress) {
        Path manifest = out.resolve(MANIFEST);
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
        generate(out, true, showProgress);
        return true;
    }

    /**
     * The version of the SynthUMS in {@code root} (its synthums.json), or -1 when there is none or it
     * names no version.
     */
    public static int versionOf(Path root) {
        Path manifest = root.resolve(MANIFEST);
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

    /** One image as its camera records it (packed 0xRRGGBB, row-major), and what it shows. */
    record Photo(int[] rgb, Outfit outfit, Shot shot) {}

    /** Renders one planned image at the given size: a function of the job alone. */
    static Photo photograph(ImageJob j, ImageSize size) {
        SplittableRandom rnd = new SplittableRandom(j.seed());
        Shot shot = Shot.random(rnd, j.downsample());
        Outfit outfit = j.identity().outfits().get(j.outfit());
        Canvas canvas = new Canvas(size);
        PersonRenderer.render(canvas, j.identity(), outfit, shot, j.camera());
        return new Photo(CameraSensor.capture(canvas, j.camera(), shot, rnd), outfit, shot);
    }

    private static void render(ImageJob j, ImageSize size, ImageFileWriter.PngCompression compression, String[] rows,
            String[] captions, int index) {
        Photo photo = photograph(j, size);
        ImageFileWriter.write(j.root().resolve(j.file()), photo.rgb(), size.width(), size.height(), compression);
        rows[index] = attributeRow(j, photo.outfit(), photo.shot());
        if (j.split().equals("caption")) {
            // the focus has its own stream so that the image does not depend on it
            CaptionWriter.Focus focus = CaptionWriter.Focus.of(new SplittableRandom(~j.seed()).nextDouble());
            captions[index] = CaptionWriter.describe(j.identity(), photo.outfit(), photo.shot(), j.camera().infrared(),
                    focus);
        }
    }

    private static String attributeRow(ImageJob j, Outfit o, Shot s) {
        Identity id = j.identity();
        return String.join(",", j.file(), j.split(), String.valueOf(j.pid()), String.valueOf(j.camid()),
                j.clothes() < 0 ? "" : String.valueOf(j.clothes()), j.camera().infrared() ? "infrared" : "visible",
                String.valueOf(j.downsample()), lower(s.viewpoint()), num(id.build()), num(id.height()), id.skin().name(),
                id.hair().name(), lower(id.hairLength()), lower(id.hat()),
                id.hat() == Identity.Hat.NONE ? "" : id.hatColour().name(), lower(id.bag()),
                id.bag() == Identity.Bag.NONE ? "" : id.bagColour().name(), id.shoes().name(), lower(o.upperType()),
                o.upperColour().name(), lower(o.pattern()), o.secondColour().name(), num(o.upperThermal()),
                num(o.secondThermal()),
                lower(o.lowerType()), o.lowerColour().name(), num(o.lowerThermal()), lower(s.occluder()),
                s.blur() ? "1" : "0");
    }

    private void writeTables(List<ImageJob> jobs, String[] rows, String[] captions) {
        Map<Path, StringBuilder> tables = new LinkedHashMap<>();
        StringBuilder captionTable = null;
        Path captionRoot = null;
        for (int i = 0; i < jobs.size(); i++) {
            ImageJob j = jobs.get(i);
            tables.computeIfAbsent(j.root(), k -> new StringBuilder(ATTRIBUTE_HEADER).append('\n'))
                    .append(rows[i]).append('\n');
            if (captions[i] != null) {
                if (captionTable == null) {
                    // the caption corpus format CaptionCorpus.readTsv reads: image, caption, then attributes
                    captionTable = new StringBuilder("image\tcaption\tmodality\n");
                    captionRoot = j.root();
                }
                captionTable.append(j.file()).append('\t').append(captions[i]).append('\t')
                        .append(j.camera().infrared() ? "infrared" : "visible").append('\n');
            }
        }
        tables.forEach((root, sb) -> writeText(root.resolve("attributes.csv"), sb.toString()));
        if (captionTable != null) {
            writeText(captionRoot.resolve("captions.tsv"), captionTable.toString());
        }
    }

    /** synthums.json: generator, version, preset, seed, image size and images per folder and split. */
    String manifest(Map<String, Map<String, Integer>> counts) {
        StringBuilder sb = new StringBuilder("{\n  \"generator\": \"SynthUMS (ITKM-J)\",\n  \"version\": ")
                .append(FORMAT_VERSION).append(",\n");
        sb.append("  \"preset\": \"").append(preset.id()).append("\",\n  \"seed\": ").append(seed).append(",\n");
        sb.append("  \"image_height\": ").append(preset.imageSize().height()).append(",\n  \"image_width\": ")
                .append(preset.imageSize().width()).append(",\n  \"images\": {");
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
        return sb.append("\n  }\n}\n").toString();
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
