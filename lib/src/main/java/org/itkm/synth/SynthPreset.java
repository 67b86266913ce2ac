package org.itkm.synth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.itkm.io.InvalidInputException;

/**
 * Sizes of a SynthUMS data set: how many identities and images, and at which {@link ImageSize}.
 * tiny, quick and full give every identity the same number of images per camera ({@link UniformSizes})
 * at 128 × 64, the pocket CLIP's larger input (down-sized by the input pipeline for its 64 × 32
 * variant); paper-size has the published counts of the three real sets ({@link PublishedSizes}) at
 * the paper's 256 × 128.
 */
public enum SynthPreset {
    /** A few identities per scenario: unit tests, seconds. */
    TINY(new UniformSizes(4, 2, 4, 1, 4, 3, 6, 1, 5, 4, 2, 2, 6, 4), ImageSize.DESIGN,
            ImageFileWriter.PngCompression.DEFAULT),
    /** The main command's data set: a few hundred identities, under a minute to write on 2 cores. */
    QUICK(new UniformSizes(80, 20, 50, 3, 60, 40, 6, 3, 100, 50, 4, 10, 600, 6), ImageSize.DESIGN,
            ImageFileWriter.PngCompression.DEFAULT),
    /** Larger: SYSU-MM01's 395 / 96 identity split, LTCC's 77 / 75, more cross-resolution identities. */
    FULL(new UniformSizes(295, 100, 96, 4, 77, 75, 8, 4, 600, 100, 5, 50, 1000, 6), ImageSize.DESIGN,
            ImageFileWriter.PngCompression.DEFAULT),
    /**
     * The identity, camera and image counts of the real SYSU-MM01, LTCC and MLR-CUHK03 training, query
     * and gallery sets, at 256 × 128 (every count: {@link PublishedSizes#REAL}).
     */
    PAPER_SIZE(PublishedSizes.REAL, ImageSize.PAPER, ImageFileWriter.PngCompression.HUFFMAN_ONLY);

    /** How a preset counts its identities and images. */
    public sealed interface Sizes permits UniformSizes, PublishedSizes {
        /** Number of image files the preset writes. */
        int totalImages();

        /** Identities of the caption corpus (none of them in a ReID split). */
        int captionIds();

        int captionPerId();
    }

    /**
     * Sizes of a preset in which every identity has the same number of images per camera.
     *
     * @param viTrain ids in exp/train_id.txt; viVal in val_id.txt; viTest in test_id.txt
     * @param viPerCamera images per identity and camera (all six cameras)
     * @param ccCamerasPerId how many of the 12 cameras see each identity
     * @param crJunk pid -1 distractor images in the cross-resolution gallery
     * @param captionIds identities of the caption corpus (none shared with the ReID sets)
     */
    public record UniformSizes(int viTrain, int viVal, int viTest, int viPerCamera, int ccTrain, int ccTest,
            int ccCamerasPerId, int ccPerCamera, int crTrain, int crTest, int crPerCamera, int crJunk,
            int captionIds, int captionPerId) implements Sizes {

        @Override
        public int totalImages() {
            int vi = (viTrain + viVal + viTest) * 6 * viPerCamera;
            int cc = (ccTrain + ccTest) * ccCamerasPerId * ccPerCamera;
            int cr = (crTrain + crTest) * 2 * crPerCamera + crJunk;
            return vi + cc + cr + captionIds * captionPerId;
        }
    }

    private final Sizes sizes;
    private final ImageSize imageSize;
    private final ImageFileWriter.PngCompression pngCompression;

    SynthPreset(Sizes sizes, ImageSize imageSize, ImageFileWriter.PngCompression pngCompression) {
        this.sizes = sizes;
        this.imageSize = imageSize;
        this.pngCompression = pngCompression;
    }

    public Sizes sizes() {
        return sizes;
    }

    /** Height × width of every image of this preset. */
    public ImageSize imageSize() {
        return imageSize;
    }

    ImageFileWriter.PngCompression pngCompression() {
        return pngCompression;
    }

    /** The name on the command line and in synthums.json: tiny, quick, full, paper-size. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static SynthPreset fromId(String id) {
        for (SynthPreset p : values()) {
            if (p.id().equalsIgnoreCase(id.trim())) {
                return p;
            }
        }
        throw new InvalidInputException("unknown SynthUMS preset '" + id + "'; expected "
                + Arrays.stream(values()).map(SynthPreset::id).collect(Collectors.joining(", ")));
    }
}
