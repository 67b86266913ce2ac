package org.itkm.synth;

/**
 * The published counts of the three real data sets (reference notes E.1-E.3, the README's real-data
 * table), which the paper-size preset reproduces exactly ({@link #REAL}: every count and where it comes
 * from is listed at {@link SynthPreset#PAPER_SIZE}); {@link PublishedPlanner} decides how the images
 * are shared out among identities and cameras.
 *
 * @param viAllSearchGallery (test id, visible camera) pairs with images: sysu-all's gallery per trial
 * @param viIndoorGallery those of them in cameras 1 and 2: sysu-indoor's gallery per trial
 * @param ccOutfits outfits over all ccTrainIds + ccTestIds identities
 * @param crImages images of the crTrainIds + crTestIds identities (junk not included)
 */
public record PublishedSizes(int viTrainIds, int viValIds, int viTestIds, int viTrainVisible,
        int viTrainInfrared, int viQuery, int viGallery, int viAllSearchGallery, int viIndoorGallery,
        int ccTrainIds, int ccTestIds, int ccTrainImages, int ccQuery, int ccGallery, int ccOutfits,
        int crTrainIds, int crTestIds, int crImages, int crJunk, int captionIds, int captionPerId)
        implements SynthPreset.Sizes {

    /** SYSU-MM01, LTCC and MLR-CUHK03 as published. */
    public static final PublishedSizes REAL = new PublishedSizes(296, 99, 96, 22_258, 11_909, 3_803, 5_410, 301,
            112, 77, 75, 9_576, 493, 7_050, 478, 1_367, 100, 14_097, 100, 1_000, 6);

    @Override
    public int totalImages() {
        int vi = viTrainVisible + viTrainInfrared + viQuery + viGallery;
        int cc = ccTrainImages + ccQuery + ccGallery;
        return vi + cc + crImages + crJunk + captionIds * captionPerId;
    }

    /** The cross-resolution training ids' share of crImages (the rest belongs to the test ids). */
    public int crTrainImages() {
        return (int) Math.round(crImages * (double) crTrainIds / (crTrainIds + crTestIds));
    }
}
