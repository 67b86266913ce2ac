package org.itkm.data;

import java.util.List;

/**
 * What a reader left out: junk images (Market-style pid -1) and, under
 * {@link UnreadableImagePolicy#SKIP}, images that could not be decoded (with the reason of each).
 */
public record ReadReport(int junkImages, List<String> skippedImages) {
    public ReadReport {
        skippedImages = List.copyOf(skippedImages);
    }
}
