package org.itkm.cli;

import java.util.Arrays;
import java.util.Locale;
import org.itkm.data.Scenario;
import org.itkm.io.InvalidInputException;

/**
 * The one scenario vocabulary of the command line: {@code VI}, {@code CC} or {@code CR} (any case) in every
 * command, plus {@code none} where a command may add no scenario (embed's scenario embedding). Inside the
 * kit a scenario is the row of the scenario embedding, {@link Scenario#ordinal()}: VI 0, CC 1, CR 2.
 */
final class ScenarioOption {
    /** The value that asks for no scenario. */
    static final String NONE = "none";

    private ScenarioOption() {}

    /** "VI, CC, CR or none": the values an option with {@code none} takes. */
    static String valuesWithNone() {
        return String.join(", ", names()) + " or " + NONE;
    }

    private static String[] names() {
        return Arrays.stream(Scenario.values()).map(Enum::name).toArray(String[]::new);
    }

    /**
     * The scenario embedding row of {@code value} given to {@code option}: VI 0, CC 1, CR 2, none -1.
     *
     * @throws InvalidInputException naming the option and value and the vocabulary (a number of the old
     *     numbered form is told which name it now is)
     */
    static int row(String option, String value) {
        String v = value == null ? "" : value.trim();
        if (v.equalsIgnoreCase(NONE)) {
            return -1;
        }
        for (Scenario s : Scenario.values()) {
            if (s.name().equalsIgnoreCase(v)) {
                return s.ordinal();
            }
        }
        String hint = "";
        if (v.matches("-?\\d+")) {
            int n = Integer.parseInt(v);
            hint = n == -1 ? " (-1 is now " + NONE + ")" : n >= 0 && n < Scenario.values().length
                    ? " (row " + n + " is " + Scenario.values()[n].name() + ")" : " (the scenarios are named, not numbered)";
        }
        throw new InvalidInputException(option + " " + value + ": expected " + valuesWithNone() + hint);
    }

    /** The name of scenario row {@code row} ({@code none} for -1), as a user writes it. */
    static String name(int row) {
        return row < 0 ? NONE : Scenario.values()[row].name().toUpperCase(Locale.ROOT);
    }
}
