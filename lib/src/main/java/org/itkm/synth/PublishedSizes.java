package org.itkm.synth;

/**
 * The published counts of the three real data sets (reference notes E.1-E.3, the README's real-data
 * table), which the paper-size preset reproduces exactly; {@link PublishedPlanner} decides how the
 * images are shared out among identities and cameras.
 *
 * <p>{@link #REAL}, what {@code ./itkm data summary} reports on a paper-size SynthUMS:
 * <ul>
 * <li><b>SYSU-MM01 (VI)</b>: 296 ids in exp/train_id.txt + 99 in val_id.txt (as the real exp/ files) =
 *     395 training ids, 22,258 visible (cameras 1, 2, 4, 5) + 11,909 infrared (cameras 3, 6) = 34,167
 *     training images; 96 test ids; query = their infrared images, 3,803; gallery = their visible
 *     images, 5,410, a number the references do not give: it is the training set's visible images per
 *     id (96 × 22,258 / 395 = 5,409.5, rounded up). As in the real set not every camera sees every
 *     identity: 301 (test id, visible camera) pairs, of which 112 in the indoor cameras 1 and 2, so the
 *     single-shot galleries of sysu-all and sysu-indoor hold 301 and 112 images per trial.</li>
 * <li><b>LTCC (CC)</b>: 77 training ids with 9,576 images; 75 test ids with 493 query and 7,050
 *     gallery images (17,119 in all); 12 cameras; 478 outfits over the 152 ids (2 to 5 each, 3.1 on
 *     average).</li>
 * <li><b>MLR-CUHK03 (CR)</b>: 1,367 training and 100 test ids, 2 cameras; CUHK03's 14,097 images
 *     shared out in proportion to the ids (13,136 training, 961 test); query = the test ids'
 *     camera-2 images (down-sampled), gallery = their camera-1 images plus 100 junk (pid -1)
 *     distractors.</li>
 * <li><b>Caption corpus</b>: the full preset's, 1,000 other identities × 6 images.</li>
 * </ul>
 * 80,696 images in all.
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
