package org.itkm.report;

import java.util.Locale;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Prints a Tablesaw number column with a fixed number of decimals, exactly as
 * {@code String.format(Locale.ROOT, "%.Nf", x)} does (half-up on the shortest decimal form, which is how
 * every table the kit has written so far was formatted), and missing values (NaN) as a fixed text.
 */
public final class FixedDecimals extends NumberColumnFormatter {
    private final String pattern;
    private final String missing;

    /** {@code decimals} digits after the point; {@code missing} for NaN, e.g. {@code "-"} or {@code ""}. */
    public FixedDecimals(int decimals, String missing) {
        super(missing);
        if (decimals < 0) {
            throw new IllegalArgumentException("decimals must be >= 0, not " + decimals);
        }
        this.pattern = "%." + decimals + "f";
        this.missing = missing;
    }

    @Override
    public String format(double value) {
        return Double.isNaN(value) ? missing : String.format(Locale.ROOT, pattern, value);
    }

    @Override
    public String format(float value) {
        return format((double) value);
    }

    @Override
    public String toString() {
        return "FixedDecimals{" + pattern + ", missing '" + missing + "'}";
    }
}
