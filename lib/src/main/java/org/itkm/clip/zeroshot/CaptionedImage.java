package org.itkm.clip.zeroshot;

import java.nio.file.Path;
import java.util.Map;

/**
 * One image-text pair of a caption corpus, with optional attribute values (e.g. {@code upper_colour=red})
 * used only to measure zero-shot attribute retrieval, never for training.
 */
public record CaptionedImage(Path image, String caption, Map<String, String> attributes) {
    public CaptionedImage {
        attributes = Map.copyOf(attributes);
    }
}
