package org.itkm.eval.dataset;

import ai.djl.Device;
import java.util.List;
import org.itkm.clip.ClipModel;
import org.itkm.data.ImageRepresentation;
import org.itkm.data.Sample;
import org.itkm.io.FloatMatrix;

/**
 * The pre-trained CLIP image encoder as an {@link ImageRepresentation}: the "initial image
 * representations" the clothes-changing group division clusters (paper Appendix S1).
 */
public final class EncoderRepresentation implements ImageRepresentation {
    private final ClipModel model;
    private final Device device;
    private final String name;

    public EncoderRepresentation(ClipModel model, Device device, String name) {
        this.model = model;
        this.device = device;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FloatMatrix represent(List<Sample> samples) {
        return EncoderFeatures.of(model, device, samples, 0, -1, 128);
    }
}
