package org.itkm.synth;

/**
 * Height × width of the images a SynthUMS preset writes. The renderer's shapes are fractions of the
 * image, so they scale by themselves; the few measures it takes in pixels (the wall pattern's period,
 * the optical blur) were tuned at {@link #DESIGN} and are multiplied by {@link #scale()}, so that at
 * 256 × 128 a person looks as at 128 × 64, only sharper, and at 128 × 64 every pixel is as before.
 */
public record ImageSize(int height, int width) {
    /** The size the renderer was designed at (the pocket CLIP's larger input), and tiny/quick/full's. */
    public static final ImageSize DESIGN = new ImageSize(128, 64);
    /** The paper's input size (CLIP-ReID's 256 × 128). */
    public static final ImageSize PAPER = new ImageSize(256, 128);

    public ImageSize {
        if (height <= 0 || width <= 0 || height != 2 * width) {
            throw new IllegalArgumentException("image size " + height + "x" + width
                    + ": expected a positive size with SynthUMS's 2:1 aspect (e.g. 128x64, 256x128)");
        }
    }

    /** Linear scale relative to {@link #DESIGN} (1 at 128 × 64, 2 at 256 × 128). */
    public double scale() {
        return height / (double) DESIGN.height;
    }

    /** {@code HEIGHTxWIDTH}, as the command line writes input sizes. */
    @Override
    public String toString() {
        return height + "x" + width;
    }
}
