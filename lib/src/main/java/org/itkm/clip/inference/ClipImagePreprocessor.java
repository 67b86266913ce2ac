package org.itkm.clip.inference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.itkm.data.ImageDecoder;
import org.itkm.data.RgbImage;
import org.itkm.io.InvalidInputException;
import org.itkm.io.ReadAccess;

/**
 * Turns image files into CLIP input tensors: RGB, resized to the model's input size only when needed
 * (bilinear, half-pixel centres), pixels / 255, then CLIP's mean and std per channel, CHW order.
 */
public final class ClipImagePreprocessor {
    /** CLIP's per-channel pixel mean (RGB), the one the training pipeline uses. */
    public static final float[] MEAN = org.itkm.data.ImageTransform.CLIP_MEAN;
    /** CLIP's per-channel pixel standard deviation (RGB). */
    public static final float[] STD = org.itkm.data.ImageTransform.CLIP_STD;

    private final int height;
    private final int width;

    public ClipImagePreprocessor(int height, int width) {
        this.height = height;
        this.width = width;
    }

    /**
     * PNG and JPEG files of a directory, sorted by file name; a folder or image the user may not read is an
     * error ("permission denied"), never left out.
     */
    public static List<Path> listImages(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("image directory " + dir + (Files.exists(dir) ? " is not a directory"
                    : " does not exist") + " (expected a folder of .png/.jpg/.jpeg images)");
        }
        List<Path> images = ReadAccess.list(dir, "the image directory").stream().filter(p -> {
            String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
            return Files.isRegularFile(p) && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"));
        }).sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        if (images.isEmpty()) {
            throw new InvalidInputException("image directory " + dir + " holds no .png/.jpg/.jpeg files");
        }
        for (Path f : images) {
            ReadAccess.requireFile(f, "the image");
        }
        return images;
    }

    /**
     * Reads an image and writes its normalised (3, H, W) values into {@code out} at {@code offset}. A damaged
     * or truncated file is an error naming it ({@link ImageDecoder} treats every decoder warning as one:
     * ImageIO alone returns a partly grey picture for a truncated JPEG).
     */
    public void load(Path file, float[] out, int offset) {
        RgbImage img = ImageDecoder.decode(file);
        normalise(img.pixels(), img.height(), img.width(), out, offset);
    }

    /** Normalises packed ARGB pixels of an h x w image (resizing when it is not at the input size). */
    public void normalise(int[] argb, int h, int w, float[] out, int offset) {
        int plane = height * width;
        if (h == height && w == width) {
            for (int i = 0; i < plane; i++) {
                int p = argb[i];
                out[offset + i] = ((p >> 16 & 0xff) / 255f - MEAN[0]) / STD[0];
                out[offset + plane + i] = ((p >> 8 & 0xff) / 255f - MEAN[1]) / STD[1];
                out[offset + 2 * plane + i] = ((p & 0xff) / 255f - MEAN[2]) / STD[2];
            }
            return;
        }
        float sy = (float) h / height;
        float sx = (float) w / width;
        for (int y = 0; y < height; y++) {
            float fy = Math.max((y + 0.5f) * sy - 0.5f, 0f);
            int y0 = Math.min((int) fy, h - 1);
            int y1 = Math.min(y0 + 1, h - 1);
            float wy = fy - y0;
            for (int x = 0; x < width; x++) {
                float fx = Math.max((x + 0.5f) * sx - 0.5f, 0f);
                int x0 = Math.min((int) fx, w - 1);
                int x1 = Math.min(x0 + 1, w - 1);
                float wx = fx - x0;
                for (int c = 0; c < 3; c++) {
                    int shift = 16 - 8 * c;
                    float top = (1 - wx) * (argb[y0 * w + x0] >> shift & 0xff) + wx * (argb[y0 * w + x1] >> shift & 0xff);
                    float bot = (1 - wx) * (argb[y1 * w + x0] >> shift & 0xff) + wx * (argb[y1 * w + x1] >> shift & 0xff);
                    out[offset + c * plane + y * width + x] = (((1 - wy) * top + wy * bot) / 255f - MEAN[c]) / STD[c];
                }
            }
        }
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }
}
