package org.itkm.data;

import org.itkm.io.InvalidInputException;

/** Model input height × width in pixels (the paper: 256 × 128; the pocket CLIP: 128 × 64 or 64 × 32). */
public record InputSize(int height, int width) {
    public InputSize {
        if (height < 2 || width < 2) {
            throw new InvalidInputException("input size " + height + "x" + width + " is too small; expected at least 2x2");
        }
    }

    /** Parses "HxW", e.g. "256x128". */
    public static InputSize parse(String text) {
        String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                return new InputSize(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new InvalidInputException("input size '" + text + "': expected HEIGHTxWIDTH, e.g. 256x128");
    }

    public int pixels() {
        return height * width;
    }

    @Override
    public String toString() {
        return height + "x" + width;
    }
}
