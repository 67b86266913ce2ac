package org.itkm.clip.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.itkm.clip.ClipConfig;
import org.itkm.clip.ClipModel;
import org.itkm.clip.PocketClip;
import org.itkm.clip.checkpoint.ClipCheckpoint;
import org.itkm.clip.inference.ClipImagePreprocessor;
import org.itkm.clip.inference.ClipInference;
import org.itkm.io.FloatMatrix;
import org.itkm.runtime.EngineRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image-image (SLIP) term of pocket CLIP pre-training: its second views, and what it teaches. */
class ContrastivePretrainerTest {
    @TempDir
    Path tmp;

    @Test
    void secondViewsAreShiftedFlippedCopiesOrTheirLumaAboutHalfTheTimeGrey() {
        int h = 16;
        int w = 8;
        ClipConfig cfg = PocketClip.config(1, 32, 1, 1, h, w);
        try (NDManager m = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            ContrastivePretrainer p = new ContrastivePretrainer(ClipModel.create(cfg, m), m,
                    new ContrastivePretrainer.Options(1, 2, 1e-3f, 1, 1, 1.0), 1);
            Random r = new Random(3);
            float[] src = new float[3 * h * w];
            for (int i = 0; i < src.length; i++) {
                src[i] = (float) r.nextGaussian();
            }
            int n = h * w;
            int grey = 0;
            for (int draw = 0; draw < 300; draw++) {
                float[] dst = new float[src.length + 5];
                p.secondView(src, dst, 5, r);
                // the centre pixel always comes from inside the image (shift <= 3 < 4)
                int o = 5 + 8 * w + 4;
                float[] rgb = new float[3];
                for (int c = 0; c < 3; c++) {
                    rgb[c] = dst[o + c * n] * ClipImagePreprocessor.STD[c] + ClipImagePreprocessor.MEAN[c];
                }
                boolean isGrey = Math.abs(rgb[0] - rgb[1]) < 1e-5 && Math.abs(rgb[1] - rgb[2]) < 1e-5;
                grey += isGrey ? 1 : 0;
                // every pixel is one of the source's (or its luma), at most VIEW_SHIFT away, or 0 outside
                boolean found = false;
                for (int sy = 8 - 3; sy <= 8 + 3 && !found; sy++) {
                    for (int sx = 0; sx < w && !found; sx++) {
                        int i = sy * w + sx;
                        float[] s = new float[3];
                        for (int c = 0; c < 3; c++) {
                            s[c] = src[c * n + i] * ClipImagePreprocessor.STD[c] + ClipImagePreprocessor.MEAN[c];
                        }
                        float luma = 0.2989f * s[0] + 0.587f * s[1] + 0.114f * s[2];
                        found = isGrey ? Math.abs(rgb[0] - luma) < 1e-5
                                : Math.abs(rgb[0] - s[0]) < 1e-5 && Math.abs(rgb[1] - s[1]) < 1e-5
                                        && Math.abs(rgb[2] - s[2]) < 1e-5;
                    }
                }
                assertTrue(found, "draw " + draw + ": the centre pixel is not a source pixel nearby");
            }
            assertTrue(grey > 120 && grey < 180, "grey in " + grey + " of 300");
            assertThrows(IllegalArgumentException.class, () -> p.step(new float[2 * 3 * n], null,
                    new int[][] {{0, 1}, {0, 1}}));
        }
    }

    @Test
    void theImageViewTermBringsAColourImageAndItsGreyVersionTogether() throws Exception {
        Path data = PocketClipPretrainingTest.writeCorpus(tmp.resolve("corpus"), 320, 11);
        double[] cosine = new double[2];
        for (int k = 0; k < 2; k++) {
            Path out = tmp.resolve("pocket" + k);
            PocketClipPretraining.Settings s = new PocketClipPretraining.Settings(PocketClip.config(1, 64, 2, 2, 32, 16),
                    new ContrastivePretrainer.Options(30, 32, 1e-3f, 10, 5, k), 0.2, Map.of());
            PocketClipPretraining.run(CaptionCorpus.readTsv(data), out, s, new PrintWriter(new StringWriter()), false);
            cosine[k] = colourGreyCosine(out, data);
        }
        // without the term the grey images are far from their colour originals; with it, close
        assertTrue(cosine[1] > cosine[0] + 0.3, "mean cosine colour vs grey: without " + cosine[0] + ", with "
                + cosine[1]);
    }

    /** Mean cosine between the features of the corpus's first 40 images and of their greyscale copies. */
    private double colourGreyCosine(Path checkpoint, Path corpus) throws Exception {
        List<Path> colour = new ArrayList<>();
        List<Path> grey = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Path src = corpus.resolve(String.format("img/%04d.png", i));
            BufferedImage img = ImageIO.read(src.toFile());
            BufferedImage g = new BufferedImage(img.getWidth(), img.getHeight(),
                    BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    int p = img.getRGB(x, y);
                    int l = (int) Math.round(0.2989 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff));
                    g.setRGB(x, y, l << 16 | l << 8 | l);
                }
            }
            Path gp = tmp.resolve("grey" + i + ".png");
            ImageIO.write(g, "png", gp.toFile());
            colour.add(src);
            grey.add(gp);
        }
        try (ClipCheckpoint c = ClipCheckpoint.open(checkpoint); ClipInference clip = ClipInference.load(c, 0, 0)) {
            FloatMatrix a = clip.encodeImages(colour, 0, -1, 40, false);
            FloatMatrix b = clip.encodeImages(grey, 0, -1, 40, false);
            double sum = 0;
            for (int i = 0; i < a.rows(); i++) {
                double dot = 0;
                double na = 0;
                double nb = 0;
                for (int j = 0; j < a.cols(); j++) {
                    dot += (double) a.get(i, j) * b.get(i, j);
                    na += (double) a.get(i, j) * a.get(i, j);
                    nb += (double) b.get(i, j) * b.get(i, j);
                }
                sum += dot / Math.sqrt(na * nb);
            }
            assertEquals(40, a.rows());
            return sum / a.rows();
        }
    }
}
