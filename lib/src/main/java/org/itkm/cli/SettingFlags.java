package org.itkm.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.itkm.io.InvalidInputException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The options that set a configuration key ({@code --mode S} is {@code training.mode=S}): a configuration
 * error about a key the user set with an option is reported with that option, as typed, not with the key
 * the user never wrote. Errors about keys set as {@code KEY=VALUE} (or in a {@code --config} file) keep the
 * key's name.
 */
final class SettingFlags {
    /** Configuration key -> the option that sets it. */
    static final Map<String, String> OPTION_OF_KEY = options();

    private static final Pattern CONFIG_ERROR = Pattern.compile("config key '([^']+)' = '(.*?)': expected (.*)",
            Pattern.DOTALL);

    private static final Pattern UNKNOWN_PROFILE = Pattern.compile("unknown profile '(.*?)'; expected (.*)",
            Pattern.DOTALL);

    /** Options whose values are written in capitals on the command line (VI, CC, CR; S, M; M1..M7). */
    private static final java.util.Set<String> UPPER_CASE_VALUES = java.util.Set.of("--scenario", "--mode",
            "--variant");

    private SettingFlags() {}

    private static Map<String, String> options() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("profile", "--profile");
        m.put("training.mode", "--mode");
        m.put("training.scenario", "--scenario");
        m.put("training.method", "--method");
        m.put("training.variant", "--variant");
        return m;
    }

    /**
     * Runs {@code load} (a configuration load of this command); an error about a key set by an option the user
     * typed is re-worded with that option: {@code --method foo: expected itkm, ...}. {@code --mode S} without
     * {@code --scenario} says so: {@code --mode S: expected --scenario VI, CC or CR with it ...}.
     */
    static <T> T load(CommandSpec spec, Supplier<T> load) {
        try {
            return load.get();
        } catch (InvalidInputException e) {
            String reworded = reword(spec, e.getMessage());
            if (reworded == null) {
                throw e;
            }
            throw new InvalidInputException(reworded, e);
        }
    }

    /** The message in the user's words, or null when the key is not one the user set with an option. */
    static String reword(CommandSpec spec, String message) {
        if (message == null) {
            return null;
        }
        Matcher p = UNKNOWN_PROFILE.matcher(message);
        if (p.matches() && spec.optionsMap().containsKey("--profile")
                && spec.commandLine().getParseResult().hasMatchedOption("--profile")) {
            return "--profile " + p.group(1) + ": expected " + p.group(2);
        }
        Matcher m = CONFIG_ERROR.matcher(message);
        if (!m.matches()) {
            return null;
        }
        String key = m.group(1);
        String value = m.group(2);
        String expected = m.group(3);
        String option = OPTION_OF_KEY.get(key);
        if (option == null || !spec.optionsMap().containsKey(option)) {
            return null;
        }
        var parsed = spec.commandLine().getParseResult();
        if (parsed.hasMatchedOption(option)) {
            if (UPPER_CASE_VALUES.contains(option) && expected.startsWith("one of ")) {
                expected = "one of " + expected.substring("one of ".length()).toUpperCase(java.util.Locale.ROOT);
            }
            return option + " " + parsed.matchedOptionValue(option, value) + ": expected " + expected;
        }
        // a key the user did not set, missing because of an option the user did set: --mode S without --scenario
        if (key.equals("training.scenario") && value.equals("null") && parsed.hasMatchedOption("--mode")) {
            return "--mode " + parsed.matchedOptionValue("--mode", "S") + ": expected --scenario " + expected
                    .replaceFirst(": mode S trains one scenario", "") + " with it (mode S trains one scenario)";
        }
        return null;
    }
}
