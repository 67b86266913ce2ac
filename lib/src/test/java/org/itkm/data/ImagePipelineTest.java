package org.itkm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.itkm.io.FloatMatrix;
import org.itkm.runtime.EngineRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resize, augmentation, normalisation, parallel batch loading and the DJL dataset. */
class ImagePipelineTest {
    @TempDir
    Path dir;

    private static BufferedImage halves(int w, int h, int left, int right) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, x < w / 2 ? left : right);
            }
        }
        return img;
    }

    @Test
    void testTransformResizesAndNormalisesWithClipStatistics() {
        ImageTransform t = ImageTransform.test(new InputSize(8, 4));
        float[] out = new float[t.length()];
        t.apply(halves(8, 16, 0xff0000, 0x000080), new Random(0), out, 0);
        // 2x block average keeps the halves apart: left red, right (0, 0, 128/255)
        assertEquals((1f - ImageTransform.CLIP_MEAN[0]) / ImageTransform.CLIP_STD[0], out[0], 1e-6);
        assertEquals((0f - ImageTransform.CLIP_MEAN[0]) / ImageTransform.CLIP_STD[0], out[3], 1e-6);
        assertEquals((128f / 255f - ImageTransform.CLIP_MEAN[2]) / ImageTransform.CLIP_STD[2], out[2 * 32 + 3], 1e-6);
        // bilinear for non-integer factors: a constant image stays constant
        float[] odd = new float[3 * 10 * 5];
        ImageTransform.test(new InputSize(10, 5)).apply(halves(7, 13, 0x404040, 0x404040), new Random(0), odd, 0);
        for (int i = 0; i < 50; i++) {
            assertEquals((64f / 255f - ImageTransform.CLIP_MEAN[0]) / ImageTransform.CLIP_STD[0], odd[i], 1e-6);
        }
    }

    @Test
    void trainingTransformFlipsShiftsAndErases() {
        ImageTransform t = ImageTransform.training(new InputSize(64, 32));
        BufferedImage img = halves(32, 64, 0xffffff, 0x000000);
        float white = (1f - ImageTransform.CLIP_MEAN[0]) / ImageTransform.CLIP_STD[0];
        float black = (0f - ImageTransform.CLIP_MEAN[0]) / ImageTransform.CLIP_STD[0];
        int flipped = 0;
        int erased = 0;
        for (int seed = 0; seed < 200; seed++) {
            float[] out = new float[t.length()];
            t.apply(img, new Random(SeedMix.of(seed)), out, 0);
            float[] again = new float[t.length()];
            t.apply(img, new Random(SeedMix.of(seed)), again, 0);
            assertArrayEquals(out, again);
            // sample a row in the middle: left side white unless flipped
            int y = 32;
            flipped += near(out[y * 32 + 4], black) && near(out[y * 32 + 27], white) ? 1 : 0;
            boolean other = false;
            for (int c = 0; c < 3; c++) {
                float w = (1f - ImageTransform.CLIP_MEAN[c]) / ImageTransform.CLIP_STD[c];
                float b = (0f - ImageTransform.CLIP_MEAN[c]) / ImageTransform.CLIP_STD[c];
                for (int i = c * 64 * 32; i < (c + 1) * 64 * 32; i++) {
                    other |= !near(out[i], w) && !near(out[i], b);
                }
            }
            erased += other ? 1 : 0;
        }
        assertTrue(flipped > 60 && flipped < 140, "flipped " + flipped + " of 200");
        assertTrue(erased > 60 && erased < 140, "erased " + erased + " of 200");
    }

    @Test
    void greyscaleAugmentationWritesTheLumaToEveryChannelAboutAsOftenAsAsked() {
        InputSize size = new InputSize(8, 4);
        BufferedImage img = halves(4, 8, 0xc83214, 0x1e64b4);
        // torchvision's weights on the left half's (200, 50, 20) / 255
        float luma = (0.2989f * 200 + 0.587f * 50 + 0.114f * 20) / 255f;
        int grey = 0;
        for (int seed = 0; seed < 400; seed++) {
            float[] out = new float[3 * 32];
            ImageTransform.training(size, 0.3).apply(img, new Random(SeedMix.of(seed)), out, 0);
            float[] rgb = new float[3];
            boolean equal = true;
            for (int c = 0; c < 3; c++) { // undo the normalisation of pixel (4, 1): the 1-pixel crop shift stays inside
                rgb[c] = out[c * 32 + 4 * 4 + 1] * ImageTransform.CLIP_STD[c] + ImageTransform.CLIP_MEAN[c];
                equal &= c == 0 || Math.abs(rgb[c] - rgb[0]) < 1e-5;
            }
            if (equal) {
                grey++;
                // the left half's luma, or the right half's after a flip or shift
                float right = (0.2989f * 0x1e + 0.587f * 0x64 + 0.114f * 0xb4) / 255f;
                assertTrue(Math.abs(rgb[0] - luma) < 1e-5 || Math.abs(rgb[0] - right) < 1e-5, "grey value " + rgb[0]);
            }
        }
        // p = 0.3 of 400, less the draws whose random erasing covers the pixel
        assertTrue(grey > 90 && grey < 150, "greyscale in " + grey + " of 400");
        // p = 0 spends no random draw: the same output as the plain training transform
        float[] plain = new float[96];
        float[] zero = new float[96];
        ImageTransform.training(size).apply(img, new Random(7), plain, 0);
        ImageTransform.training(size, 0).apply(img, new Random(7), zero, 0);
        assertArrayEquals(plain, zero);
    }

    private static boolean near(float a, float b) {
        return Math.abs(a - b) < 1e-5;
    }

    private List<Sample> samples(int n) {
        List<Sample> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path p = ImageTree.image(dir.resolve("img" + i + ".png"), 0x101010 * (i % 15));
            list.add(new Sample(p, i % 2 == 0 ? Scenario.VI : Scenario.CR, Group.values()[(i / 2) % 2], 1, 0,
                    Sample.NO_CLOTHES));
        }
        return list;
    }

    @Test
    void batchLoaderIsReproducibleAcrossThreadCountsAndFeedsDjl() {
        List<Sample> samples = samples(12);
        ImageTransform t = ImageTransform.training(new InputSize(16, 8));
        int[] idx = {3, 1, 4, 1, 5, 9, 2, 6};
        float[] one;
        try (ImageBatchLoader l1 = new ImageBatchLoader(samples, t, 1)) {
            one = l1.load(idx, 77).clone();
        }
        try (ImageBatchLoader l2 = new ImageBatchLoader(samples, t, 2);
                NDManager m = NDManager.newBaseManager(EngineRuntime.engine().defaultDevice())) {
            assertArrayEquals(one, l2.load(idx, 77));
            NDArray batch = l2.batch(m, idx, 77);
            assertEquals(new Shape(8, 3, 16, 8), batch.getShape());
            assertArrayEquals(one, batch.toFloatArray());
            NDArray prefetched = l2.batch(m, new int[] {0, 2, 4, 6, 8, 10, 11, 7}, 78);
            assertArrayEquals(one, batch.toFloatArray(), "the previous batch survives one prefetch");
            assertEquals(new Shape(8, 3, 16, 8), prefetched.getShape());
        }
    }

    @Test
    void pixelRepresentationIsWhatTheTestTransformGivesTheEncoder() {
        List<Sample> samples = samples(3);
        InputSize size = new InputSize(16, 8);
        PixelRepresentation pixels = new PixelRepresentation(size);
        FloatMatrix rows = pixels.represent(samples);
        assertEquals(3, rows.rows());
        assertEquals(3 * 16 * 8, rows.cols());
        assertEquals("pixels(16x8)", pixels.name());
        try (ImageBatchLoader loader = new ImageBatchLoader(samples, ImageTransform.test(size), 1, 0)) {
            assertArrayEquals(loader.load(new int[] {0, 1, 2}, 5), rows.data());
        }
        // the grey levels differ, so the rows do
        assertTrue(rows.data()[0] != rows.data()[3 * 16 * 8]);
    }

    @Test
    void decodedImagesAreKeptWithinTheBudget() throws Exception {
        List<Sample> samples = samples(4);
        ImageTransform t = ImageTransform.test(new InputSize(16, 8));
        int[] idx = {0, 1, 2, 3};
        long oneImage = 4L * 16 * 8;
        try (ImageBatchLoader cached = new ImageBatchLoader(samples, t, 2, 3 * oneImage);
                ImageBatchLoader uncached = new ImageBatchLoader(samples, t, 2, 0)) {
            float[] first = cached.load(idx, 1).clone();
            assertArrayEquals(first, uncached.load(idx, 1));
            for (Sample s : samples) {
                java.nio.file.Files.delete(s.path());
            }
            // three of the four fit the budget; the fourth must be read again and is gone
            var e = org.junit.jupiter.api.Assertions.assertThrows(org.itkm.io.InvalidInputException.class,
                    () -> cached.load(idx, 1));
            assertTrue(e.getMessage().endsWith(": image file not found"), e.getMessage());
            int kept = 0;
            for (int i = 0; i < 4; i++) {
                try {
                    cached.load(new int[] {i}, 1);
                    kept++;
                } catch (org.itkm.io.InvalidInputException expected) {
                    // not cached
                }
            }
            assertEquals(3, kept);
            var e2 = org.junit.jupiter.api.Assertions.assertThrows(org.itkm.io.InvalidInputException.class,
                    () -> uncached.load(new int[] {0}, 1));
            assertTrue(e2.getMessage().startsWith(samples.get(0).path().toString()), e2.getMessage());
        }
    }
}
