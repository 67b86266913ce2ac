package org.itkm.synth;

import java.util.Locale;
import org.itkm.io.InvalidInputException;

/**
 * Sizes of a SynthUMS data set. Images are 128 × 64 (height × width) in every preset: the pocket
 * CLIP's larger input, down-sized by the input pipeline for the 64 × 32 variant.
 */
public enum SynthPreset {
    /** A few identities per scenario: unit tests, seconds. */
    TINY(new Sizes(4, 2, 4, 1, 4, 3, 6, 1, 5, 4, 2, 2, 6, 4)),
    /** The main command's data set: a few hundred identities, under a minute to write on 2 cores. */
    QUICK(new Sizes(80, 20, 50, 3, 60, 40, 6, 3, 100, 50, 4, 10, 600, 6)),
    /** Larger: SYSU-MM01's 395 / 96 identity split, LTCC's 77 / 75, more cross-resolution identities. */
    FULL(new Sizes(295, 100, 96, 4, 77, 75, 8, 4, 600, 100, 5, 50, 1000, 6));

    /** Image height and width of every preset. */
    public static final int HEIGHT = 128;
    public static final int WIDTH = 64;

    /**
     * @param viTrain ids in exp/train_id.txt; viVal in val_id.txt; viTest in test_id.txt
     * @param viPerCamera images per identity and camera (all six cameras)
     * @param ccCamerasPerId how many of the 12 cameras see each identity
     * @param crJunk pid -1 distractor images in the cross-resolution gallery
     * @param captionIds identities of the caption corpus (none shared with the ReID sets)
     */
    public record Sizes(int viTrain, int viVal, int viTest, int viPerCamera, int ccTrain, int ccTest,
            int ccCamerasPerId, int ccPerCamera, int crTrain, int crTest, int crPerCamera, int crJunk,
            int captionIds, int captionPerId) {

        /** Number of image files the preset writes. */
        public int totalImages() {
            int vi = (viTrain + viVal + viTest) * 6 * viPerCamera;
            int cc = (ccTrain + ccTest) * ccCamerasPerId * ccPerCamera;
            int cr = (crTrain + crTest) * 2 * crPerCamera + crJunk;
            return vi + cc + cr + captionIds * captionPerId;
        }
    }

    private final Sizes sizes;

    SynthPreset(Sizes sizes) {
        this.sizes = sizes;
    }

    public Sizes sizes() {
        return sizes;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SynthPreset fromId(String id) {
        for (SynthPreset p : values()) {
            if (p.id().equalsIgnoreCase(id.trim())) {
                return p;
            }
        }
        throw new InvalidInputException("unknown SynthUMS preset '" + id + "'; expected tiny, quick or full");
    }
}
