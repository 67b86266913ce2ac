package org.itkm.clip.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.itkm.cli.ItkmCli;
import org.itkm.clip.Golden;
import org.itkm.clip.PocketClip;
import org.itkm.clip.checkpoint.ClipCheckpoint;
import org.itkm.clip.inference.ClipInference;
import org.itkm.clip.zeroshot.ZeroShotRetrieval;
import org.itkm.io.FloatMatrix;
import org.itkm.io.NpyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pre-trains a very small CLIP on a generated corpus of coloured figures ("a person in a red top and black
 * trousers") and checks that zero-shot attribute retrieval on held-out pairs is far above chance, and that
 * the saved checkpoint loads through the CLI.
 */
class PocketClipPretrainingTest {
    static final String[] UPPER = {"red", "green", "blue"};
    static final String[] LOWER = {"black", "white", "yellow"};
    static final int[][] RGB = {{200, 30, 30}, {30, 170, 40}, {40, 60, 210}, {20, 20, 20}, {235, 235, 235},
        {230, 210, 40}};

    @TempDir
    Path tmp;

    /** Writes a corpus of n 32x16 figures with captions.tsv; returns its directory. */
    static Path writeCorpus(Path dir, int n, long seed) throws Exception {
        Files.createDirectories(dir.resolve("img"));
        Random r = new Random(seed);
        StringBuilder tsv = new StringBuilder("image\tcaption\tupper\tlower\n");
        for (int i = 0; i < n; i++) {
            int u = r.nextInt(3);
            int l = r.nextInt(3);
            BufferedImage img = new BufferedImage(16, 32, BufferedImage.TYPE_INT_RGB);
            int x0 = r.nextInt(4);
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 16; x++) {
                    int g = 90 + r.nextInt(60);
                    int[] c = {g, g, g};
                    boolean body = x >= x0 + 3 && x < x0 + 11;
                    if (body && y >= 2 && y < 7) {
                        c = new int[] {220, 180, 150};
                    } else if (body && y >= 7 && y < 18) {
                        c = RGB[u];
                    } else if (body && y >= 18 && y < 31) {
                        c = RGB[3 + l];
                    }
                    int rr = clamp(c[0] + r.nextInt(31) - 15);
                    int gg = clamp(c[1] + r.nextInt(31) - 15);
                    int bb = clamp(c[2] + r.nextInt(31) - 15);
                    img.setRGB(x, y, rr << 16 | gg << 8 | bb);
                }
            }
            String name = String.format("img/%04d.png", i);
            ImageIO.write(img, "png", dir.resolve(name).toFile());
            tsv.append(name).append('\t').append("a person in a ").append(UPPER[u]).append(" top and ")
                    .append(LOWER[l]).append(" trousers").append('\t').append(UPPER[u]).append('\t').append(LOWER[l])
                    .append('\n');
        }
        Files.writeString(dir.resolve(CaptionCorpus.FILE_NAME), tsv.toString());
        return dir;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    @Test
    void pretrainingLearnsColoursAndSavesALoadableCheckpoint() throws Exception {
        Path data = writeCorpus(tmp.resolve("corpus"), 320, 11);
        Path out = tmp.resolve("pocket");
        Map<String, String> zeroShot = new LinkedHashMap<>();
        zeroShot.put("upper", "a person in a {} top");
        zeroShot.put("lower", "{} trousers");
        PocketClipPretraining.Settings s = new PocketClipPretraining.Settings(PocketClip.config(1, 64, 2, 2, 32, 16),
                new ContrastivePretrainer.Options(25, 32, 1e-3f, 10, 5), 0.2, zeroShot);
        StringWriter log = new StringWriter();
        PocketClipPretraining.Report r = PocketClipPretraining.run(CaptionCorpus.readTsv(data), out, s,
                new PrintWriter(log, true), false);
        assertEquals(64, r.heldOutPairs());
        assertEquals(0, r.training().skippedSteps());
        assertTrue(r.training().lastLoss() < r.training().firstLoss() - 0.5, log.toString());
        for (ZeroShotRetrieval.Score sc : r.zeroShot()) {
            assertTrue(sc.accuracy() >= sc.chance() + 0.3, sc + "\n" + log);
        }
        // format (a): embed through the CLI, features equal the in-process ones
        StringWriter err = new StringWriter();
        Path f = tmp.resolve("f.npy");
        Path images = tmp.resolve("some");
        Files.createDirectories(images);
        List<Path> copied = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path p = images.resolve(String.format("%04d.png", i));
            Files.copy(data.resolve(String.format("img/%04d.png", i)), p);
            copied.add(p);
        }
        assertEquals(0, ItkmCli.execute(new String[] {"embed", "--checkpoint", out.toString(), "--images",
            images.toString(), "--out", f.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err)),
                err.toString());
        FloatMatrix viaCli = NpyFile.readFloat32Matrix(f);
        try (ClipCheckpoint c = ClipCheckpoint.open(out); ClipInference clip = ClipInference.load(c, 0, 0)) {
            assertEquals(32, c.config().vision().inputHeight());
            assertEquals(16, c.config().vision().inputWidth());
            Golden.assertClose(clip.encodeImages(copied, 0, -1, 8, false), viaCli, 1e-6, "reloaded pocket CLIP");
        }
    }
}
