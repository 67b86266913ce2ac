package org.itkm.data;

/** What a reader does with an image file that cannot be decoded. */
public enum UnreadableImagePolicy {
    /** Stop with an error naming the file (default). */
    FAIL,
    /** Leave the image out and count it in the {@link ReadReport}. */
    SKIP
}
