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
 * the paper's 256 × 128; corpus is a caption corpus alone, the one the shipped pocket CLIP is pre-trained on.
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
     * and gallery sets ({@link PublishedSizes#REAL}), at 256 × 128; what {@code itkm data summary} reports:
     * <ul>
     * <li><b>SYSU-MM01 (VI)</b>: 296 ids in exp/train_id.txt + 99 in val_id.txt (as the real exp/ files)
     *     = 395 training ids, 22,258 visible (cameras 1, 2, 4, 5) + 11,909 infrared (cameras 3, 6) =
     *     34,167 training images; 96 test ids; query = their infrared images, 3,803; gallery = their
     *     visible images, 5,410: a number the references do not give, so the training set's visible
     *     images per id (96 × 22,258 / 395 = 5,409.5, rounded up). As in the real set not every camera
     *     sees every identity: 301 (test id, visible camera) pairs, 112 of them in the indoor cameras 1
     *     and 2, so sysu-all and sysu-indoor draw single-shot galleries of 301 and 112 images per trial;
     *     the training ids have as many pairs per id (461 indoor, 778 outdoor of 790 each). Infrared
     *     camera 3 (in the room of camera 2) sees the ids an indoor visible camera sees, camera 6 every id,
     *     so every id has visible and infrared images. Images per (id, camera) vary about 7-fold.</li>
     * <li><b>LTCC (CC)</b>: 77 training ids with 9,576 images; 75 test ids with 493 query and 7,050
     *     gallery images (17,119 in all); 12 cameras; 478 outfits over the 152 ids (2 to 5 each, 3.1 on
     *     average), each outfit seen by 2-4 cameras. Every test outfit has a query image and every query
     *     a gallery image of its person in another outfit and camera (ltcc-cc).</li>
     * <li><b>MLR-CUHK03 (CR)</b>: 1,367 training and 100 test ids, 2 cameras; CUHK03's 14,097 images
     *     shared out in proportion to the ids (13,136 training, 961 test), 3-5 per (id, camera) as in
     *     CUHK03 (at most 5 per view, 4.8 on average); query = the test ids' camera-2 images
     *     (down-sampled by 2, 3 or 4 and resized back), gallery = their camera-1 images plus 100 junk
     *     (pid -1) distractors.</li>
     * <li><b>Caption corpus</b>: the full preset's, 1,000 other identities × 6 images.</li>
     * </ul>
     * 80,696 images in all; its PNGs are Huffman-coded only ({@link ImageFileWriter.PngCompression}).
     */
    PAPER_SIZE(PublishedSizes.REAL, ImageSize.PAPER, ImageFileWriter.PngCompression.HUFFMAN_ONLY),
    /**
     * The pocket CLIP's own caption corpus and nothing else (no ReID layout): 2,000 identities × 6
     * captioned images at 128 × 64. Like CLIP's web data it belongs to no benchmark: the shipped pocket CLIP
     * is pre-trained on it, drawn with a seed no profile draws its benchmark with, not on the caption split of
     * any benchmark preset.
     */
    CORPUS(new UniformSizes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2000, 6), ImageSize.DESIGN,
            ImageFileWriter.PngCompression.DEFAULT);

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

        /** Whether the preset has no ReID identity at all: it writes its caption corpus only. */
        public boolean captionsOnly() {
            return viTrain + viVal + viTest + ccTrain + ccTest + crTrain + crTest + crJunk == 0;
        }

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

    /** Whether the preset writes the three ReID layouts (every preset but corpus, which writes captions only). */
    public boolean hasReidSets() {
        return !(sizes instanceof UniformSizes z && z.captionsOnly());
    }

    /** The name on the command line and in synthums.json: tiny, quick, full, paper-size, corpus. */
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
