package org.itkm.data;

import java.util.List;
import java.util.stream.IntStream;
import org.itkm.io.FloatMatrix;

/**
 * A hand-made colour embedding: the image is cut into horizontal stripes (head, torso, legs, feet
 * roughly), and each stripe gets a joint RGB histogram with 4 levels per channel (64 bins) and an
 * intensity histogram (16 bins; all a grey infrared image has to offer). Two
 * classic steps make it usable across cameras: grey-world colour constancy (each channel divided by
 * its image mean, cancelling the camera's colour cast) and a Gaussian weight across the width
 * (sigma = width / 8) that favours the centred person over the background. Each histogram is
 * L1-normalised and square-rooted (Hellinger embedding, so cosine similarity is the Bhattacharyya
 * coefficient). It serves as the fallback representation for the clothes-changing
 * group division and as the "plain colour matching" baseline of SynthUMS.
 */
public final class ColourHistogramRepresentation implements ImageRepresentation {
    private static final int LEVELS = 4;
    private static final int COLOUR_BINS = LEVELS * LEVELS * LEVELS;
    private static final int LUMA_BINS = 16;
    private static final int BINS = COLOUR_BINS + LUMA_BINS;
    /** Channel mean after grey-world normalisation (on the 0..255 scale). */
    private static final double GREY_WORLD_MEAN = 110;
    private final int stripes;

    public ColourHistogramRepresentation() {
        this(4);
    }

    public ColourHistogramRepresentation(int stripes) {
        if (stripes < 1) {
            throw new IllegalArgumentException("stripes must be >= 1");
        }
        this.stripes = stripes;
    }

    @Override
    public String name() {
        return "colour-histogram(" + stripes + " stripes x " + COLOUR_BINS + " RGB + " + LUMA_BINS
                + " intensity bins, grey-world, centre-weighted)";
    }

    public int dimension() {
        return stripes * BINS;
    }

    @Override
    public FloatMatrix represent(List<Sample> samples) {
        int d = dimension();
        float[] out = new float[samples.size() * d];
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        // decoding every image is the long part: shown for sets as large as the real ones
        try (org.itkm.runtime.ConsoleProgress progress = samples.size() >= 20_000
                ? new org.itkm.runtime.ConsoleProgress("colour histograms", samples.size()) : null) {
            IntStream.range(0, samples.size()).parallel().forEach(i -> {
                float[] h = embed(ImageDecoder.decode(samples.get(i).path()));
                System.arraycopy(h, 0, out, i * d, d);
                int n = done.incrementAndGet();
                if (progress != null && n % 500 == 0) {
                    progress.set(n);
                }
            });
            if (progress != null) {
                progress.set(samples.size());
            }
        }
        return new FloatMatrix(samples.size(), d, out);
    }

    /** The embedding of one image. */
    public float[] embed(RgbImage img) {
        int w = img.width();
        int h = img.height();
        int[] px = img.pixels();
        double[] mean = new double[3];
        for (int p : px) {
            mean[0] += (p >> 16) & 0xff;
            mean[1] += (p >> 8) & 0xff;
            mean[2] += p & 0xff;
        }
        double[] scale = new double[3];
        for (int c = 0; c < 3; c++) {
            mean[c] /= px.length;
            scale[c] = mean[c] > 0 ? GREY_WORLD_MEAN / mean[c] : 1;
        }
        float[] weight = new float[w];
        double sigma = w / 8.0;
        for (int x = 0; x < w; x++) {
            double dx = x + 0.5 - w / 2.0;
            weight[x] = (float) Math.exp(-dx * dx / (2 * sigma * sigma));
        }
        float[] hist = new float[dimension()];
        for (int y = 0; y < h; y++) {
            int stripe = Math.min(stripes - 1, y * stripes / h);
            for (int x = 0; x < w; x++) {
                int p = px[y * w + x];
                int r = level(((p >> 16) & 0xff) * scale[0]);
                int g = level(((p >> 8) & 0xff) * scale[1]);
                int b = level((p & 0xff) * scale[2]);
                hist[stripe * BINS + (r * LEVELS + g) * LEVELS + b] += weight[x];
                double luma = 0.299 * ((p >> 16) & 0xff) * scale[0] + 0.587 * ((p >> 8) & 0xff) * scale[1]
                        + 0.114 * (p & 0xff) * scale[2];
                int l = (int) Math.min(LUMA_BINS - 1, Math.max(0, luma * LUMA_BINS / 256));
                hist[stripe * BINS + COLOUR_BINS + l] += weight[x];
            }
        }
        for (int s = 0; s < stripes; s++) {
            normalise(hist, s * BINS, COLOUR_BINS);
            normalise(hist, s * BINS + COLOUR_BINS, LUMA_BINS);
        }
        return hist;
    }

    /** L1-normalise a block, then take square roots (each block then has unit L2 norm). */
    private static void normalise(float[] h, int from, int n) {
        float sum = 0;
        for (int k = from; k < from + n; k++) {
            sum += h[k];
        }
        for (int k = from; k < from + n; k++) {
            h[k] = sum > 0 ? (float) Math.sqrt(h[k] / sum) : 0;
        }
    }

    private static int level(double v) {
        return (int) Math.min(LEVELS - 1, Math.max(0, v * LEVELS / 256));
    }
}
