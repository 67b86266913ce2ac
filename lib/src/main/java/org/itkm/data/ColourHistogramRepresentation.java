package org.itkm.data;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.IntStream;
import org.itkm.io.FloatMatrix;

/**
 * A hand-made colour embedding: the image is cut into horizontal stripes (head, torso, legs, feet
 * roughly), and each stripe gets a joint RGB histogram with 4 levels per channel (64 bins). Each
 * stripe histogram is L1-normalised and square-rooted (Hellinger embedding, so cosine similarity is
 * the Bhattacharyya coefficient). It serves as the fallback representation for the clothes-changing
 * group division and as the "plain colour matching" baseline of SynthUMS.
 */
public final class ColourHistogramRepresentation implements ImageRepresentation {
    private static final int LEVELS = 4;
    private static final int BINS = LEVELS * LEVELS * LEVELS;
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
        return "colour-histogram(" + stripes + " stripes x " + BINS + " RGB bins)";
    }

    public int dimension() {
        return stripes * BINS;
    }

    @Override
    public FloatMatrix represent(List<Sample> samples) {
        int d = dimension();
        float[] out = new float[samples.size() * d];
        IntStream.range(0, samples.size()).parallel().forEach(i -> {
            float[] h = embed(ImageDecoder.decodeRgb(samples.get(i).path()));
            System.arraycopy(h, 0, out, i * d, d);
        });
        return new FloatMatrix(samples.size(), d, out);
    }

    /** The embedding of one image. */
    public float[] embed(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] px = img.getRGB(0, 0, w, h, null, 0, w);
        float[] hist = new float[dimension()];
        for (int y = 0; y < h; y++) {
            int stripe = Math.min(stripes - 1, y * stripes / h);
            for (int x = 0; x < w; x++) {
                int p = px[y * w + x];
                int r = ((p >> 16) & 0xff) * LEVELS / 256;
                int g = ((p >> 8) & 0xff) * LEVELS / 256;
                int b = (p & 0xff) * LEVELS / 256;
                hist[stripe * BINS + (r * LEVELS + g) * LEVELS + b] += 1;
            }
        }
        for (int s = 0; s < stripes; s++) {
            float sum = 0;
            for (int k = 0; k < BINS; k++) {
                sum += hist[s * BINS + k];
            }
            for (int k = 0; k < BINS; k++) {
                hist[s * BINS + k] = sum > 0 ? (float) Math.sqrt(hist[s * BINS + k] / sum) : 0;
            }
        }
        return hist;
    }
}
