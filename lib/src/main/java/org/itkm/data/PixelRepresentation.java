package org.itkm.data;

import java.util.List;
import java.util.stream.IntStream;
import org.itkm.io.FloatMatrix;

/**
 * The image itself as a feature vector: its pixels at a model's input size, normalised as the test-time
 * {@link ImageTransform} gives them to the encoder (CHW order, 3 × H × W values). The reference for
 * "is it in the images at all?": a linear probe of these rows shows what an encoder could have kept of
 * what it is given, e.g. hair or skin colour.
 */
public final class PixelRepresentation implements ImageRepresentation {
    private final ImageTransform transform;

    public PixelRepresentation(InputSize size) {
        this.transform = ImageTransform.test(size);
    }

    @Override
    public String name() {
        return "pixels(" + transform.size() + ")";
    }

    @Override
    public FloatMatrix represent(List<Sample> samples) {
        int d = transform.length();
        float[] out = new float[samples.size() * d];
        IntStream.range(0, samples.size()).parallel()
                .forEach(i -> transform.apply(ImageDecoder.decode(samples.get(i).path()), null, out, i * d));
        return new FloatMatrix(samples.size(), d, out);
    }
}
