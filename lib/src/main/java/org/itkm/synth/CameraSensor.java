package org.itkm.synth;

import java.util.SplittableRandom;

/**
 * Turns a painted {@link Canvas} into the 8-bit RGB pixels a camera records: optical blur, the
 * camera's lighting (colour cast, gain, vertical fall-off, per-image brightness) or, for an infrared
 * camera, a grey image of the infrared intensities; sensor noise; and for low-resolution views a
 * down-sampling by r followed by a bilinear resize back. Only arithmetic on floats and a seeded
 * generator, so the output is identical on every run.
 */
final class CameraSensor {
    private CameraSensor() {}

    /** Packed 0xRRGGBB pixels, row-major. */
    static int[] capture(Canvas c, CameraStyle cam, Shot s, SplittableRandom rnd) {
        int w = c.width;
        int h = c.height;
        float[][] ch = cam.infrared() ? new float[][] {c.t.clone()} : new float[][] {c.r.clone(), c.g.clone(), c.b.clone()};
        if (s.blur()) {
            // a 3 x 3 box at the design size; n passes of it have n times its variance, so scale^2
            // passes blur as much of the person at any size (4 at 256 x 128)
            int passes = (int) Math.round(c.size.scale() * c.size.scale());
            for (float[] x : ch) {
                for (int p = 0; p < passes; p++) {
                    boxBlur(x, w, h);
                }
            }
        }
        for (int y = 0; y < h; y++) {
            double light = s.brightness() * (1 + cam.lightSlope() * (y / (double) h - 0.5));
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (cam.infrared()) {
                    double v = cam.irOffset() + cam.irGain() * ch[0][i] * (0.85 + 0.15 * s.brightness());
                    ch[0][i] = (float) (v + cam.noise() * noise(rnd));
                } else {
                    for (int k = 0; k < 3; k++) {
                        double v = ch[k][i] * cam.tint()[k] * cam.gain() * light;
                        ch[k][i] = (float) (v + cam.noise() * noise(rnd));
                    }
                }
            }
        }
        if (s.downsample() > 1) {
            for (int k = 0; k < ch.length; k++) {
                ch[k] = downAndUp(ch[k], w, h, s.downsample());
            }
        }
        int[] out = new int[w * h];
        for (int i = 0; i < out.length; i++) {
            int r = toByte(ch[0][i]);
            int g = cam.infrared() ? r : toByte(ch[1][i]);
            int b = cam.infrared() ? r : toByte(ch[2][i]);
            out[i] = (r << 16) | (g << 8) | b;
        }
        return out;
    }

    /** Approximately normal noise with unit variance (sum of three uniforms; no transcendental functions). */
    private static double noise(SplittableRandom rnd) {
        return (rnd.nextDouble() + rnd.nextDouble() + rnd.nextDouble() - 1.5) * 2;
    }

    private static int toByte(float v) {
        int q = Math.round(v * 255f);
        return q < 0 ? 0 : Math.min(255, q);
    }

    private static void boxBlur(float[] x, int w, int h) {
        float[] src = x.clone();
        for (int y = 0; y < h; y++) {
            for (int xx = 0; xx < w; xx++) {
                float sum = 0;
                int n = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int yy = y + dy;
                        int xk = xx + dx;
                        if (yy >= 0 && yy < h && xk >= 0 && xk < w) {
                            sum += src[yy * w + xk];
                            n++;
                        }
                    }
                }
                x[y * w + xx] = sum / n;
            }
        }
    }

    /** Area-average down-sampling by r, then bilinear resize (half-pixel centres) back to w × h. */
    static float[] downAndUp(float[] x, int w, int h, int r) {
        int sw = Math.max(1, w / r);
        int sh = Math.max(1, h / r);
        float[] small = new float[sw * sh];
        for (int y = 0; y < sh; y++) {
            for (int xx = 0; xx < sw; xx++) {
                float sum = 0;
                int n = 0;
                for (int dy = y * h / sh; dy < (y + 1) * h / sh; dy++) {
                    for (int dx = xx * w / sw; dx < (xx + 1) * w / sw; dx++) {
                        sum += x[dy * w + dx];
                        n++;
                    }
                }
                small[y * sw + xx] = sum / n;
            }
        }
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            double sy = Math.min(sh - 1, Math.max(0, (y + 0.5) * sh / h - 0.5));
            int y0 = (int) sy;
            int y1 = Math.min(sh - 1, y0 + 1);
            double fy = sy - y0;
            for (int xx = 0; xx < w; xx++) {
                double sx = Math.min(sw - 1, Math.max(0, (xx + 0.5) * sw / w - 0.5));
                int x0 = (int) sx;
                int x1 = Math.min(sw - 1, x0 + 1);
                double fx = sx - x0;
                double top = small[y0 * sw + x0] * (1 - fx) + small[y0 * sw + x1] * fx;
                double bottom = small[y1 * sw + x0] * (1 - fx) + small[y1 * sw + x1] * fx;
                out[y * w + xx] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }
}
