package org.itkm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.itkm.io.NpyFile;
import org.junit.jupiter.api.Test;

/** {@code itkm make-clip}: help, output, refusal to overwrite, and the warning of the commands that use it. */
class MakeClipCommandTest extends CommandTestBase {

    @Test
    void helpSaysWhatItMakesAndThatItIsNotOpenAis() {
        assertEquals(0, run("make-clip", "--help"));
        for (String s : new String[] {"RANDOM weights", "NOT OpenAI's weights", "--format hf", "--format openai",
            "149,620,737", "model.checkpoint", "openai/clip-vit-base-patch16", "ViT-B-16.pt"}) {
            assertTrue(out.contains(s), s + " not in help:\n" + out);
        }
    }

    @Test
    void writesBothLayoutsAndEmbedWarnsAboutRandomWeights() throws Exception {
        Path hf = dir.resolve("hf");
        assertEquals(0, run("make-clip", "--arch", "vit-tiny", "--out", hf.toString(), "--seed", "3"), err);
        assertTrue(out.contains("model.safetensors") && out.contains("parameters: "), out);
        assertTrue(out.contains("use: model.checkpoint=" + hf), out);
        Path oa = dir.resolve("oa");
        assertEquals(0, run("make-clip", "--arch", "vit-tiny", "--format", "openai", "--out", oa.toString()), err);
        assertTrue(out.contains("use: model.checkpoint=" + oa.resolve("ViT-tiny.pt")), out);

        Path images = dir.resolve("images");
        Files.createDirectories(images);
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(32, 16,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        javax.imageio.ImageIO.write(img, "png", images.resolve("a.png").toFile());
        for (Path ckpt : new Path[] {hf, oa.resolve("ViT-tiny.pt")}) {
            Path f = dir.resolve(ckpt.getFileName() + ".npy");
            assertEquals(0, run("embed", "--checkpoint", ckpt.toString(), "--images", images.toString(), "--out",
                    f.toString()), err);
            assertTrue(err.contains("warning: random weights made by itkm make-clip: " + ckpt), err);
            assertTrue(err.contains("numbers mean nothing"), err);
            assertEquals(1, err.lines().filter(l -> l.startsWith("warning: random weights")).count(), err);
            assertEquals(32, NpyFile.readFloat32Matrix(f).cols());
        }
        Path texts = dir.resolve("texts.txt");
        Files.writeString(texts, "a photo of a person\n");
        assertEquals(0, run("embed-text", "--checkpoint", hf.toString(), "--texts", texts.toString(), "--out",
                dir.resolve("t.npy").toString()), err);
        assertTrue(err.contains("warning: random weights made by itkm make-clip"), err);
    }

    @Test
    void refusesANonEmptyDirectoryAndAnUnknownArchitecture() throws Exception {
        Files.writeString(dir.resolve("x.txt"), "keep");
        assertEquals(2, run("make-clip", "--arch", "vit-tiny", "--out", dir.toString()));
        assertTrue(err.contains("was not made by itkm make-clip"), err);
        assertTrue(Files.exists(dir.resolve("x.txt")));
        assertEquals(2, run("make-clip", "--arch", "vit-l-14", "--out", dir.resolve("l").toString()));
        assertTrue(err.contains("unknown CLIP architecture 'vit-l-14'"), err);
        assertFalse(Files.exists(dir.resolve("l")));
        assertEquals(2, run("make-clip", "--arch", "vit-tiny", "--format", "onnx", "--out", dir.resolve("o").toString()));
        assertTrue(err.contains("--format must be hf or openai"), err);
    }
}
