package org.itkm.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Images at 128 × 64 are as before the renderer knew other sizes; at 256 × 128 they show the same people. */
class SynthImageSizeTest {
    /**
     * SHA-256 of every tiny (seed 1) image's pixels for SynthUMS version 4 (a rendering change must bump
     * {@link SynthUmsGenerator#FORMAT_VERSION} and this value together). Version 3 had aeda11eb...c60cb3c23;
     * version 2 had 21a15c50...43cb17f, recorded when the renderer became size-aware, from output whose
     * files had the md5 sums of the generator before.
     */
    private static final String TINY_PIXELS_SHA256 = "44f5c1c1384f1f6b7f3b3a1726953944da9dc4bad66386e3eda8d0eb4b33e797";

    private static List<ImageJob> plan(SynthPreset preset) {
        return new SynthUmsGenerator(preset, 1).plan(Path.of("out")).images();
    }

    @Test
    void tinyPixelsAt128x64AreUnchanged() throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (ImageJob j : plan(SynthPreset.TINY)) {
            md.update((j.root().getFileName() + "/" + j.file() + "\n").getBytes(StandardCharsets.UTF_8));
            int[] rgb = SynthUmsGenerator.photograph(j, SynthPreset.TINY.imageSize()).rgb();
            ByteBuffer bytes = ByteBuffer.allocate(4 * rgb.length);
            bytes.asIntBuffer().put(rgb);
            md.update(bytes.array());
        }
        assertEquals(TINY_PIXELS_SHA256, HexFormat.of().formatHex(md.digest()));
    }

    @Test
    void at256x128TheSamePersonLooksAsAt128x64() {
        List<ImageJob> jobs = plan(SynthPreset.PAPER_SIZE);
        double same = 0;
        double other = 0;
        int n = 0;
        for (int i = 0; i < jobs.size(); i += jobs.size() / 40) {
            ImageJob j = jobs.get(i);
            int[] large = SynthUmsGenerator.photograph(j, ImageSize.PAPER).rgb();
            assertEquals(256 * 128, large.length);
            int[] halved = halve(large, 128, 256);
            same += meanAbsDifference(halved, SynthUmsGenerator.photograph(j, ImageSize.DESIGN).rgb());
            ImageJob someoneElse = jobs.get((i + jobs.size() / 2) % jobs.size());
            other += meanAbsDifference(halved, SynthUmsGenerator.photograph(someoneElse, ImageSize.DESIGN).rgb());
            n++;
        }
        same /= n;
        other /= n;
        assertTrue(same < 10 && same * 4 < other, "mean |256x128 halved - 128x64| " + same + " vs another image " + other);
    }

    @Test
    void huffmanOnlyPngsDecodeToTheirPixels() throws IOException {
        ImageJob j = plan(SynthPreset.PAPER_SIZE).get(50_000);
        int[] rgb = SynthUmsGenerator.photograph(j, ImageSize.PAPER).rgb();
        byte[] huffman = ImageFileWriter.png(rgb, 128, 256, ImageFileWriter.PngCompression.HUFFMAN_ONLY);
        byte[] deflated = ImageFileWriter.png(rgb, 128, 256, ImageFileWriter.PngCompression.DEFAULT);
        for (byte[] png : List.of(huffman, deflated)) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(128, img.getWidth());
            assertEquals(256, img.getHeight());
            int[] back = img.getRGB(0, 0, 128, 256, null, 0, 128);
            for (int i = 0; i < back.length; i++) {
                back[i] &= 0xffffff;
            }
            assertArrayEquals(rgb, back);
        }
        assertTrue(huffman.length < deflated.length * 1.1, huffman.length + " vs " + deflated.length + " bytes");
    }

    @Test
    void theManifestRecordsThePresetsImageSize() {
        SynthUmsGenerator paper = new SynthUmsGenerator(SynthPreset.PAPER_SIZE, 1);
        String manifest = paper.manifest(SynthUmsGenerator.countsPerSplit(plan(SynthPreset.PAPER_SIZE)));
        assertTrue(manifest.contains("\"preset\": \"paper-size\"") && manifest.contains("\"image_height\": 256,")
                && manifest.contains("\"image_width\": 128,"), manifest);
        assertTrue(manifest.contains("\"SYSU-MM01\": {\"train\": 34167, \"query\": 3803, \"gallery\": 5410}"), manifest);
        String tiny = new SynthUmsGenerator(SynthPreset.TINY, 1).manifest(
                SynthUmsGenerator.countsPerSplit(plan(SynthPreset.TINY)));
        assertTrue(tiny.contains("\"image_height\": 128,") && tiny.contains("\"image_width\": 64,"), tiny);
    }

    @Test
    void imageSizesKeepSynthUmssAspect() {
        assertEquals(2.0, ImageSize.PAPER.scale());
        assertEquals(1.0, ImageSize.DESIGN.scale());
        assertEquals("256x128", ImageSize.PAPER.toString());
        assertThrows(IllegalArgumentException.class, () -> new ImageSize(256, 256));
        assertEquals(SynthPreset.PAPER_SIZE, SynthPreset.fromId("paper-size"));
    }

    /** 2 × 2 block means, per channel. */
    private static int[] halve(int[] rgb, int width, int height) {
        int w = width / 2;
        int[] out = new int[w * (height / 2)];
        for (int y = 0; y < height / 2; y++) {
            for (int x = 0; x < w; x++) {
                int packed = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    int sum = 0;
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            sum += (rgb[(2 * y + dy) * width + 2 * x + dx] >> shift) & 0xff;
                        }
                    }
                    packed |= ((sum + 2) / 4) << shift;
                }
                out[y * w + x] = packed;
            }
        }
        return out;
    }

    private static double meanAbsDifference(int[] a, int[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            for (int shift = 16; shift >= 0; shift -= 8) {
                sum += Math.abs(((a[i] >> shift) & 0xff) - ((b[i] >> shift) & 0xff));
            }
        }
        return sum / (3.0 * a.length);
    }
}
