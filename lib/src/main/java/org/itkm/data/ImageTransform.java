package org.itkm.data;

import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Turns a decoded image into the model's input: a float CHW tensor (3 × H × W) normalised with
 * CLIP's channel mean and std. The training variant augments in the order CLIP-ReID / TransReID use:
 * resize, random horizontal flip (p = 0.5), zero padding + random crop back to size, normalisation,
 * random erasing (p = 0.5, area 2-40 %, aspect 0.3-3.3, filled with N(0, 1) noise as timm's
 * "pixel" mode); optionally preceded, as in CCLNet's visible pipeline, by a random greyscale (the
 * image's luma in all three channels, torchvision's weights). The test variant only resizes and
 * normalises.
 *
 * <p>Resizing averages k × k blocks when the image is exactly k times the input size (SynthUMS 128 × 64
 * to 64 × 32), and is bilinear with half-pixel centres otherwise.
 */
public final class ImageTransform {
    /** CLIP's pixel mean (RGB). */
    public static final float[] CLIP_MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    /** CLIP's pixel standard deviation (RGB). */
    public static final float[] CLIP_STD = {0.26862954f, 0.26130258f, 0.27577711f};

    private final InputSize size;
    private final boolean augment;
    private final int padding;
    private final double flipProbability;
    private final double erasingProbability;
    private final double greyscaleProbability;

    private ImageTransform(InputSize size, boolean augment, double greyscaleProbability) {
        this.size = size;
        this.augment = augment;
        // torchreid / CLIP-ReID pad 10 pixels at 256 x 128; keep the same fraction of the height
        this.padding = Math.max(1, Math.round(10f * size.height() / 256f));
        this.flipProbability = 0.5;
        this.erasingProbability = 0.5;
        if (!(greyscaleProbability >= 0 && greyscaleProbability <= 1)) {
            throw new IllegalArgumentException("greyscale probability must be in [0, 1], got " + greyscaleProbability);
        }
        this.greyscaleProbability = greyscaleProbability;
    }

    /** Resize, flip, pad + crop, normalise, random erasing. */
    public static ImageTransform training(InputSize size) {
        return training(size, 0);
    }

    /**
     * As {@link #training(InputSize)}, first replacing the image by its greyscale with probability
     * {@code greyscaleProbability} (no random draw is spent on it when that is 0).
     */
    public static ImageTransform training(InputSize size, double greyscaleProbability) {
        return new ImageTransform(size, true, greyscaleProbability);
    }

    /** Resize and normalise only. */
    public static ImageTransform test(InputSize size) {
        return new ImageTransform(size, false, 0);
    }

    public InputSize size() {
        return size;
    }

    public boolean augments() {
        return augment;
    }

    /** Values per image (3 × H × W). */
    public int length() {
        return 3 * size.pixels();
    }

    /**
     * Writes the transformed image into {@code out} at {@code offset} (CHW order).
     *
     * @param rnd the augmentation's random source (unused by the test variant)
     */
    public void apply(BufferedImage img, Random rnd, float[] out, int offset) {
        apply(RgbImage.of(img), rnd, out, offset);
    }

    /** As {@link #apply(BufferedImage, Random, float[], int)} for an already decoded image. */
    public void apply(RgbImage img, Random rnd, float[] out, int offset) {
        int h = size.height();
        int w = size.width();
        int n = h * w;
        float[] resized = RESIZED.get();
        if (resized.length != 3 * n) {
            resized = new float[3 * n];
            RESIZED.set(resized);
        }
        resize(img, h, w, resized);
        if (augment && greyscaleProbability > 0 && rnd.nextDouble() < greyscaleProbability) {
            toGreyscale(resized, n);
        }
        boolean flip = augment && rnd.nextDouble() < flipProbability;
        int dx = 0;
        int dy = 0;
        if (augment) { // pad by p on every side, then crop h x w at a random position
            dx = rnd.nextInt(2 * padding + 1) - padding;
            dy = rnd.nextInt(2 * padding + 1) - padding;
        }
        // output column x reads source column sx = (flip ? w-1-x : x) + dx; columns [x0, x1) fall inside
        // the image, the others on the zero padding
        int x0;
        int x1;
        if (flip) { // sx = w-1-x+dx in [0, w) <=> x in (dx-1, w-1+dx]
            x0 = Math.min(w, Math.max(0, dx));
            x1 = Math.min(w, w + dx);
        } else { // sx = x+dx in [0, w) <=> x in [-dx, w-dx)
            x0 = Math.min(w, Math.max(0, -dx));
            x1 = Math.min(w, w - dx);
        }
        for (int c = 0; c < 3; c++) {
            float mean = CLIP_MEAN[c];
            float std = CLIP_STD[c];
            float pad = (0f - mean) / std; // the padding's value, computed as every other pixel's
            int base = offset + c * n;
            for (int y = 0; y < h; y++) {
                int sy = y + dy;
                int row = base + y * w;
                if (sy < 0 || sy >= h) {
                    java.util.Arrays.fill(out, row, row + w, pad);
                    continue;
                }
                int src = c * n + sy * w;
                java.util.Arrays.fill(out, row, row + x0, pad);
                if (flip) {
                    int from = src + w - 1 + dx; // the source of column x is from - x
                    for (int x = x0; x < x1; x++) {
                        out[row + x] = (resized[from - x] - mean) / std;
                    }
                } else {
                    int from = src + dx;
                    for (int x = x0; x < x1; x++) {
                        out[row + x] = (resized[from + x] - mean) / std;
                    }
                }
                java.util.Arrays.fill(out, row + Math.max(x0, x1), row + w, pad);
            }
        }
        if (augment && rnd.nextDouble() < erasingProbability) {
            erase(out, offset, rnd);
        }
    }

    // the resized image, one per thread: apply() runs for every image of every batch
    private static final ThreadLocal<float[]> RESIZED = ThreadLocal.withInitial(() -> new float[0]);

    /** torchvision's rgb_to_grayscale weights: 0.2989 R + 0.587 G + 0.114 B. */
    public static float luma(float r, float g, float b) {
        return 0.2989f * r + 0.587f * g + 0.114f * b;
    }

    /** Every pixel replaced by its {@link #luma} in all three channels. */
    static void toGreyscale(float[] chw, int n) {
        for (int i = 0; i < n; i++) {
            float l = luma(chw[i], chw[n + i], chw[2 * n + i]);
            chw[i] = l;
            chw[n + i] = l;
            chw[2 * n + i] = l;
        }
    }

    private void erase(float[] out, int offset, Random rnd) {
        int h = size.height();
        int w = size.width();
        double area = h * w;
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * (0.02 + (0.4 - 0.02) * rnd.nextDouble());
            double logRatio = Math.log(0.3) + (Math.log(1 / 0.3) - Math.log(0.3)) * rnd.nextDouble();
            double aspect = Math.exp(logRatio);
            int eh = (int) Math.round(Math.sqrt(target * aspect));
            int ew = (int) Math.round(Math.sqrt(target / aspect));
            if (eh < 1 || ew < 1 || eh >= h || ew >= w) {
                continue;
            }
            int y0 = rnd.nextInt(h - eh + 1);
            int x0 = rnd.nextInt(w - ew + 1);
            for (int c = 0; c < 3; c++) {
                for (int y = y0; y < y0 + eh; y++) {
                    for (int x = x0; x < x0 + ew; x++) {
                        out[offset + c * h * w + y * w + x] = (float) rnd.nextGaussian();
                    }
                }
            }
            return;
        }
    }

    /** RGB in 0..1, CHW, resized to h × w. */
    static float[] resize(RgbImage img, int h, int w) {
        return resize(img, h, w, new float[3 * h * w]);
    }

    /** As {@link #resize(RgbImage, int, int)}, into {@code out} (every value written). */
    static float[] resize(RgbImage img, int h, int w, float[] out) {
        int sw = img.width();
        int sh = img.height();
        int[] px = img.pixels();
        int n = h * w;
        if (sw % w == 0 && sh % h == 0 && sw / w == sh / h) {
            int k = sw / w;
            float inv = 1f / (255f * k * k);
            if (k == 1) { // the input size itself: one source pixel per value, as the block loop below computes it
                for (int i = 0; i < n; i++) {
                    int p = px[i];
                    out[i] = ((p >> 16) & 0xff) * inv;
                    out[n + i] = ((p >> 8) & 0xff) * inv;
                    out[2 * n + i] = (p & 0xff) * inv;
                }
                return out;
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int r = 0;
                    int g = 0;
                    int b = 0;
                    for (int yy = y * k; yy < (y + 1) * k; yy++) {
                        for (int xx = x * k; xx < (x + 1) * k; xx++) {
                            int p = px[yy * sw + xx];
                            r += (p >> 16) & 0xff;
                            g += (p >> 8) & 0xff;
                            b += p & 0xff;
                        }
                    }
                    out[y * w + x] = r * inv;
                    out[n + y * w + x] = g * inv;
                    out[2 * n + y * w + x] = b * inv;
                }
            }
            return out;
        }
        for (int y = 0; y < h; y++) {
            double fy = Math.min(sh - 1, Math.max(0, (y + 0.5) * sh / h - 0.5));
            int y0 = (int) fy;
            int y1 = Math.min(sh - 1, y0 + 1);
            double ay = fy - y0;
            for (int x = 0; x < w; x++) {
                double fx = Math.min(sw - 1, Math.max(0, (x + 0.5) * sw / w - 0.5));
                int x0 = (int) fx;
                int x1 = Math.min(sw - 1, x0 + 1);
                double ax = fx - x0;
                int p00 = px[y0 * sw + x0];
                int p01 = px[y0 * sw + x1];
                int p10 = px[y1 * sw + x0];
                int p11 = px[y1 * sw + x1];
                for (int c = 0; c < 3; c++) {
                    int shift = 16 - 8 * c;
                    double top = ((p00 >> shift) & 0xff) * (1 - ax) + ((p01 >> shift) & 0xff) * ax;
                    double bottom = ((p10 >> shift) & 0xff) * (1 - ax) + ((p11 >> shift) & 0xff) * ax;
                    out[c * n + y * w + x] = (float) ((top * (1 - ay) + bottom * ay) / 255.0);
                }
            }
        }
        return out;
    }
}
