package org.itkm.data;

import java.util.List;
import org.itkm.io.FloatMatrix;

/**
 * A function from images to feature vectors (one row per sample, in order). The clothes-changing
 * group division clusters these; the kit's fallback is the {@link ColourHistogramRepresentation}, and
 * the CLIP image encoder supplies the paper's "initial image representations" once a model is loaded.
 */
public interface ImageRepresentation {
    /** A short name for manifests, e.g. "colour-histogram". */
    String name();

    /** One feature row per sample. */
    FloatMatrix represent(List<Sample> samples);
}
