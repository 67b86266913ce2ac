package org.itkm.cli;

import java.util.List;
import java.util.Locale;
import org.itkm.io.InvalidInputException;

/**
 * The bounds of the commands' count options, checked before any work starts: a value outside them is one
 * line naming the option, the value and the bound ("--batch 0: expected 1 to 4096 images per batch"), never
 * a hang, an endless loop or an allocation that cannot succeed.
 */
final class OptionBounds {
    private OptionBounds() {}

    /** {@code value} must lie in [min, max]; {@code what} says what is counted ("images per batch"). */
    static int require(String option, long value, long min, long max, String what) {
        if (value < min || value > max) {
            throw new InvalidInputException(option + " " + value + ": expected " + String.format(Locale.ROOT, "%,d", min)
                    + " to " + String.format(Locale.ROOT, "%,d", max) + (what.isEmpty() ? "" : " " + what));
        }
        return (int) value;
    }

    /** Every value of a list option must lie in [min, max]; the list must not be empty. */
    static void requireEach(String option, List<Integer> values, long min, long max, String what) {
        if (values == null || values.isEmpty()) {
            throw new InvalidInputException(option + " is empty: expected one or more values from " + min + " to "
                    + max + (what.isEmpty() ? "" : " " + what));
        }
        for (Integer v : values) {
            if (v == null) {
                throw new InvalidInputException(option + " has an empty value: expected values from " + min + " to "
                        + max);
            }
            require(option, v, min, max, what);
        }
    }

    /** A positive finite number no larger than {@code max}. */
    static double requirePositive(String option, double value, double max, String what) {
        if (!(value > 0 && value <= max)) {
            throw new InvalidInputException(option + " " + value + ": expected a number above 0 and at most "
                    + String.format(Locale.ROOT, "%,.0f", max) + (what.isEmpty() ? "" : " " + what));
        }
        return value;
    }
}
