package org.itkm.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes hand-made data set trees of small solid-colour images for the reader tests. */
final class ImageTree {
    private ImageTree() {}

    /** Writes a 16x8 image of one colour; the format follows the extension (.jpg or .png). */
    static Path image(Path file, int rgb) {
        try {
            Files.createDirectories(file.getParent());
            BufferedImage img = new BufferedImage(8, 16, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 8; x++) {
                    img.setRGB(x, y, rgb);
                }
            }
            String format = file.toString().endsWith(".png") ? "png" : "jpg";
            if (!ImageIO.write(img, format, file.toFile())) {
                throw new IllegalStateException("no writer for " + format);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cuts a file to half its length (a truncated download). */
    static void truncate(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(b, b.length / 2));
    }

    static void text(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
