package org.itkm.data;

import java.awt.image.BufferedImage;

/**
 * A decoded image as packed 0xRRGGBB pixels, row-major: what the input pipeline works on and what
 * {@link ImageBatchLoader} keeps in memory to skip decoding in later epochs.
 */
public record RgbImage(int width, int height, int[] pixels) {
    public RgbImage {
        if (pixels.length != width * height) {
            throw new IllegalArgumentException(width + "x" + height + " image with " + pixels.length + " pixels");
        }
    }

    public static RgbImage of(BufferedImage img) {
        return ImageDecoder.pixels(img);
    }

    /** Decodes a JPEG or PNG file ({@link ImageDecoder}: errors name the file). */
    public static RgbImage read(java.nio.file.Path path) {
        return ImageDecoder.decode(path);
    }

    /** Bytes held by the pixel array. */
    public long bytes() {
        return 4L * pixels.length;
    }
}
