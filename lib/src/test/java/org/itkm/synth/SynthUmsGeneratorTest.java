package org.itkm.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.itkm.data.DatasetLocator;
import org.itkm.data.DatasetSummary;
import org.itkm.data.GroundTruth;
import org.itkm.data.ImageDecoder;
import org.itkm.data.ReadOptions;
import org.itkm.data.ReidDataset;
import org.itkm.data.Sample;
import org.itkm.data.Scenario;
import org.itkm.data.Split;
import org.itkm.io.InvalidInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SynthUMS tiny: determinism, the three layouts as the readers see them, scenario properties. */
class SynthUmsGeneratorTest {
    private static final SynthPreset.UniformSizes TINY_SIZES = (SynthPreset.UniformSizes) SynthPreset.TINY.sizes();
    @TempDir
    static Path tmp;
    static Path first;
    static List<ReidDataset> sets;

    @BeforeAll
    static void generate() {
        first = tmp.resolve("a");
        new SynthUmsGenerator(SynthPreset.TINY, 7).generate(first, false, false);
        sets = DatasetLocator.readAll(first, ReadOptions.defaults());
    }

    /** The data set's files: every regular file but the output marker (which says when it was made). */
    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize)
                    .filter(p -> !p.toString().equals(org.itkm.io.OutputFolder.MARKER)).sorted().toList();
        }
    }

    @Test
    void sameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot() throws IOException {
        Path second = tmp.resolve("b");
        new SynthUmsGenerator(SynthPreset.TINY, 7).generate(second, false, false);
        List<Path> names = files(first);
        assertEquals(names, files(second));
        assertEquals(SynthPreset.TINY.sizes().totalImages() + 4 /* attributes.csv */ + 1 /* captions.tsv */
                + 3 /* SYSU exp */ + 1 /* synthums.json */, names.size());
        for (Path p : names) {
            assertArrayEquals(Files.readAllBytes(first.resolve(p)), Files.readAllBytes(second.resolve(p)), p.toString());
        }
        Path other = tmp.resolve("c");
        new SynthUmsGenerator(SynthPreset.TINY, 8).generate(other, false, false);
        Path probe = Path.of("LTCC_ReID/attributes.csv");
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(first.resolve(probe)),
                Files.readAllBytes(other.resolve(probe))));
    }

    @Test
    void ensureKeepsAMatchingDataSetAndFingerprintsFollowTheFiles() throws IOException {
        Path e = tmp.resolve("ensure");
        assertTrue(new SynthUmsGenerator(SynthPreset.TINY, 7).ensure(e, false));
        String before = org.itkm.data.DatasetFingerprint.of(DatasetLocator.readAll(e, ReadOptions.namesOnly()).get(1));
        assertEquals(before, org.itkm.data.DatasetFingerprint.of(sets.get(1)), "same files, same fingerprint");
        assertFalse(new SynthUmsGenerator(SynthPreset.TINY, 7).ensure(e, false));
        assertTrue(new SynthUmsGenerator(SynthPreset.TINY, 9).ensure(e, false));
        String after = org.itkm.data.DatasetFingerprint.of(DatasetLocator.readAll(e, ReadOptions.namesOnly()).get(1));
        assertFalse(before.equals(after));
    }

    @Test
    void theManifestNamesTheFormatVersionAndAnOlderOneIsRegenerated() throws IOException {
        assertEquals(SynthUmsGenerator.FORMAT_VERSION, SynthUmsGenerator.versionOf(first));
        assertEquals(-1, SynthUmsGenerator.versionOf(tmp.resolve("nothing-here")));
        Path old = tmp.resolve("old");
        assertTrue(new SynthUmsGenerator(SynthPreset.TINY, 7).ensure(old, false));
        Path manifest = old.resolve("synthums.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"version\": "
                + SynthUmsGenerator.FORMAT_VERSION + ",", "\"version\": 1,"));
        assertEquals(1, SynthUmsGenerator.versionOf(old));
        assertTrue(new SynthUmsGenerator(SynthPreset.TINY, 7).ensure(old, false), "version 1 is not this kit's");
        assertEquals(SynthUmsGenerator.FORMAT_VERSION, SynthUmsGenerator.versionOf(old));
    }

    @Test
    void captionCorpusReadsBackAsThePreTrainingCorpus() throws IOException {
        List<org.itkm.clip.zeroshot.CaptionedImage> corpus = org.itkm.clip.pretrain.CaptionCorpus.readTsv(first).items();
        SynthPreset.UniformSizes z = TINY_SIZES;
        assertEquals(z.captionIds() * z.captionPerId(), corpus.size());
        assertTrue(corpus.get(0).caption().startsWith("a photo of ") || corpus.get(0).caption().startsWith("an infrared"));
        assertTrue(Files.isRegularFile(corpus.get(0).image()));
        assertTrue(corpus.stream().allMatch(c -> List.of("visible", "infrared").contains(c.attributes().get("modality"))));
    }

    @Test
    void aFolderOfTheSameNameThatIsNotSynthUmsIsKeptEvenWithReplace() throws IOException {
        Path real = tmp.resolve("real");
        Files.createDirectories(real.resolve("LTCC_ReID/train"));
        for (boolean replace : new boolean[] {false, true}) {
            var e = assertThrows(InvalidInputException.class,
                    () -> new SynthUmsGenerator(SynthPreset.TINY, 7).generate(real, replace, false));
            assertTrue(e.getMessage().contains("was not made by itkm synth"), e.getMessage());
            assertTrue(Files.isDirectory(real.resolve("LTCC_ReID/train")));
            assertFalse(Files.exists(tmp.resolve(".real.partial")));
        }
        assertThrows(InvalidInputException.class, () -> new SynthUmsGenerator(SynthPreset.TINY, 7).ensure(real, false));
        assertTrue(Files.isDirectory(real.resolve("LTCC_ReID/train")));
    }

    @Test
    void theOutputIsMarkedAndAnEarlierOneIsReplacedOnlyWhenAsked() throws IOException {
        assertTrue(org.itkm.io.OutputFolder.madeBy(first, SynthUmsGenerator.COMMAND));
        Path again = tmp.resolve("again");
        new SynthUmsGenerator(SynthPreset.TINY, 7).generate(again, false, false);
        var e = assertThrows(InvalidInputException.class,
                () -> new SynthUmsGenerator(SynthPreset.TINY, 8).generate(again, false, false));
        assertTrue(e.getMessage().contains("--replace"), e.getMessage());
        // a SynthUMS of an older kit (synthums.json, no marker) counts as synth's earlier output
        Files.delete(again.resolve(org.itkm.io.OutputFolder.MARKER));
        new SynthUmsGenerator(SynthPreset.TINY, 8).generate(again, true, false);
        assertTrue(Files.readString(again.resolve(SynthUmsGenerator.MANIFEST)).contains("\"seed\": 8,"));
        assertTrue(org.itkm.io.OutputFolder.madeBy(again, SynthUmsGenerator.COMMAND));
    }

    @Test
    void readersSeeTheTinyPresetSizes() {
        assertEquals(List.of(Scenario.VI, Scenario.CC, Scenario.CR), sets.stream().map(ReidDataset::scenario).toList());
        SynthPreset.UniformSizes z = TINY_SIZES;
        DatasetSummary vi = DatasetSummary.of(sets.get(0));
        assertEquals(z.viTrain() + z.viVal(), vi.counts(Split.TRAIN).ids());
        assertEquals((z.viTrain() + z.viVal()) * 6 * z.viPerCamera(), vi.counts(Split.TRAIN).images());
        assertEquals(z.viTest() * 2 * z.viPerCamera(), vi.counts(Split.QUERY).images());
        assertEquals(z.viTest() * 4 * z.viPerCamera(), vi.counts(Split.GALLERY).images());
        DatasetSummary cc = DatasetSummary.of(sets.get(1));
        assertEquals(z.ccTrain(), cc.counts(Split.TRAIN).ids());
        assertEquals(z.ccTest(), cc.counts(Split.QUERY).ids());
        assertEquals(z.ccTest() * z.ccCamerasPerId() * z.ccPerCamera(),
                cc.counts(Split.QUERY).images() + cc.counts(Split.GALLERY).images());
        DatasetSummary cr = DatasetSummary.of(sets.get(2));
        assertEquals(z.crTrain() * 2 * z.crPerCamera(), cr.counts(Split.TRAIN).images());
        assertEquals(List.of(2), cr.counts(Split.QUERY).cameras());
        assertEquals(List.of(1), cr.counts(Split.GALLERY).cameras());
        assertEquals(z.crJunk(), cr.report().junkImages());
    }

    @Test
    void infraredCamerasAreGreyAndVisibleOnesAreNot() {
        for (Sample s : sets.get(0).train()) {
            BufferedImage img = ImageDecoder.decodeRgb(s.path());
            assertEquals(SynthPreset.TINY.imageSize().height(), img.getHeight());
            assertEquals(SynthPreset.TINY.imageSize().width(), img.getWidth());
            double chroma = chroma(img);
            if (s.camid() == 3 || s.camid() == 6) {
                assertTrue(chroma < 3, s + " chroma " + chroma); // JPEG may leave a trace of colour
            } else {
                assertTrue(chroma > 10, s + " chroma " + chroma);
            }
        }
    }

    private static double chroma(BufferedImage img) {
        double sum = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                int r = (p >> 16) & 0xff;
                int g = (p >> 8) & 0xff;
                int b = p & 0xff;
                sum += Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b));
            }
        }
        return sum / (img.getWidth() * img.getHeight());
    }

    @Test
    void lowResolutionCameraHasLessFineDetail() {
        ReidDataset cr = sets.get(2);
        double hr = cr.gallery().stream().mapToDouble(s -> detail(s.path())).average().orElseThrow();
        double lr = cr.query().stream().mapToDouble(s -> detail(s.path())).average().orElseThrow();
        assertTrue(lr < 0.6 * hr, "LR detail " + lr + " vs HR " + hr);
    }

    /** Mean absolute difference between horizontally adjacent green values. */
    private static double detail(Path p) {
        BufferedImage img = ImageDecoder.decodeRgb(p);
        double sum = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 1; x < img.getWidth(); x++) {
                sum += Math.abs(((img.getRGB(x, y) >> 8) & 0xff) - ((img.getRGB(x - 1, y) >> 8) & 0xff));
            }
        }
        return sum / (img.getHeight() * (img.getWidth() - 1));
    }

    @Test
    void everyClothesChangingQueryHasAClothesChangedMatch() {
        ReidDataset cc = sets.get(1);
        for (Sample q : cc.query()) {
            boolean found = cc.gallery().stream().anyMatch(g -> GroundTruth.pid(g) == GroundTruth.pid(q)
                    && GroundTruth.clothes(g) != GroundTruth.clothes(q) && g.camid() != q.camid());
            assertTrue(found, q.toString());
        }
        Map<Integer, Long> outfitsPerPerson = cc.train().stream().collect(java.util.stream.Collectors.groupingBy(
                GroundTruth::pid, java.util.stream.Collectors.mapping(GroundTruth::clothes,
                        java.util.stream.Collectors.counting())));
        assertEquals(TINY_SIZES.ccTrain(), outfitsPerPerson.size());
    }

    @Test
    void attributesAndCaptionsCoverEveryImage() throws IOException {
        List<String> sysu = Files.readAllLines(first.resolve("SYSU-MM01/attributes.csv"));
        SynthPreset.UniformSizes z = TINY_SIZES;
        assertEquals(1 + (z.viTrain() + z.viVal() + z.viTest()) * 6 * z.viPerCamera(), sysu.size());
        assertTrue(sysu.get(0).startsWith("file,split,pid,camid,clothes,modality,downsample,viewpoint"));
        List<String> captions = Files.readAllLines(first.resolve("captions/captions.tsv"));
        assertEquals(1 + z.captionIds() * z.captionPerId(), captions.size());
        int infrared = 0;
        for (String line : captions.subList(1, captions.size())) {
            String[] cells = line.split("\t");
            infrared += cells[2].equals("infrared") ? 1 : 0;
            assertTrue(Files.isRegularFile(first.resolve("captions").resolve(cells[0])), cells[0]);
            if (cells[2].equals("infrared")) {
                for (NamedColour c : NamedColour.GARMENT) {
                    assertFalse(cells[1].matches(".*\\b" + c.name() + "\\b.*"), "colour in IR caption: " + line);
                }
            }
        }
        assertTrue(infrared > 0, "the tiny caption corpus should hold an infrared image");
    }
}
