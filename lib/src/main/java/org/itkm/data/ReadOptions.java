package org.itkm.data;

/**
 * How a data set is read.
 *
 * @param verifyImages decode every image once while reading (in parallel) so that an unreadable or
 *     truncated file is found before training starts rather than in the middle of it
 * @param unreadable what to do with an image that cannot be decoded
 */
public record ReadOptions(boolean verifyImages, UnreadableImagePolicy unreadable) {
    /** Verify every image and fail on the first unreadable one. */
    public static ReadOptions defaults() {
        return new ReadOptions(true, UnreadableImagePolicy.FAIL);
    }

    /** File names only: no image is decoded (fast listing, e.g. for a summary of a huge set). */
    public static ReadOptions namesOnly() {
        return new ReadOptions(false, UnreadableImagePolicy.FAIL);
    }
}
