package org.itkm.cli;

import java.util.Map;

/**
 * Option spellings the command line no longer takes, each with the one that replaced it. One grammar for
 * every command: {@code --replace} is the only flag that replaces an earlier output (it was {@code synth
 * --overwrite}, {@code make-clip --force}, {@code reproduce --fresh}). An old spelling is an error naming the
 * new one (exit 2), never a silent alias.
 */
final class RetiredSpellings {
    /** Command -> retired option -> its replacement. */
    private static final Map<String, Map<String, String>> RETIRED = Map.of(
            "synth", Map.of("--overwrite", "--replace"),
            "make-clip", Map.of("--force", "--replace"),
            "reproduce", Map.of("--fresh", "--replace"),
            "rehearse", Map.of("--fresh", "--replace"));

    private RetiredSpellings() {}

    /**
     * The error for {@code arg}, an argument {@code command} did not recognise, when it is a retired spelling
     * ({@code --overwrite} or {@code --overwrite=true}); null when it is not.
     */
    static String message(String command, String arg) {
        String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        String now = RETIRED.getOrDefault(command, Map.of()).get(option);
        if (now == null) {
            return null;
        }
        return option + " is no longer an option of itkm " + command + "; expected " + now + " (the one flag"
                + " that replaces an earlier output, in every command)";
    }
}
