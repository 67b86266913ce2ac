package org.itkm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The direct raster read agrees with ImageIO's own colour conversion (grey: the value itself). */
class ImageDecoderTest {
    @TempDir
    Path dir;

    private static BufferedImage noise(int type) {
        BufferedImage img = new BufferedImage(13, 21, type);
        Random rnd = new Random(3);
        for (int y = 0; y < 21; y++) {
            for (int x = 0; x < 13; x++) {
                img.setRGB(x, y, rnd.nextInt(1 << 24));
            }
        }
        return img;
    }

    @Test
    void rgbPngAndJpegMatchGetRgb() throws Exception {
        for (String format : new String[] {"png", "jpg"}) {
            Path f = dir.resolve("rgb." + format);
            ImageIO.write(noise(BufferedImage.TYPE_INT_RGB), format, f.toFile());
            BufferedImage ref = ImageIO.read(f.toFile());
            RgbImage px = ImageDecoder.decode(f);
            assertEquals(13, px.width());
            assertEquals(21, px.height());
            int[] expected = ref.getRGB(0, 0, 13, 21, null, 0, 13);
            for (int i = 0; i < expected.length; i++) {
                expected[i] &= 0xffffff;
            }
            assertArrayEquals(expected, px.pixels(), format);
        }
    }

    @Test
    void greyPngRepeatsItsValueInEveryChannel() throws Exception {
        BufferedImage grey = noise(BufferedImage.TYPE_BYTE_GRAY);
        Path f = dir.resolve("grey.png");
        ImageIO.write(grey, "png", f.toFile());
        RgbImage px = ImageDecoder.decode(f);
        int v = grey.getRaster().getSample(4, 7, 0);
        assertEquals((v << 16) | (v << 8) | v, px.pixels()[7 * 13 + 4]);
    }

    @Test
    void palettePngTakesTheGeneralPath() throws Exception {
        BufferedImage indexed = noise(BufferedImage.TYPE_BYTE_INDEXED);
        Path f = dir.resolve("palette.png");
        ImageIO.write(indexed, "png", f.toFile());
        BufferedImage ref = ImageIO.read(f.toFile());
        assertEquals(ref.getRGB(5, 9) & 0xffffff, ImageDecoder.decode(f).pixels()[9 * 13 + 5]);
    }
}
