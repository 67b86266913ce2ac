package org.itkm.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command line a user typed, as text: to name this process in a results folder's lock and to print the
 * command that continues an interrupted run (the same words, less the options that would start anew).
 */
final class Invocation {
    private Invocation() {}

    /** {@code itkm <command> <arguments>} as typed, each argument quoted for a POSIX shell where needed. */
    static String of(CommandSpec spec) {
        return of(spec, Set.of());
    }

    /** {@link #of(CommandSpec)} without the options in {@code drop} (options without a value). */
    static String of(CommandSpec spec, Set<String> drop) {
        List<String> words = new ArrayList<>(List.of("itkm"));
        for (String a : spec.commandLine().getParseResult().originalArgs()) {
            if (!drop.contains(a)) {
                words.add(shellWord(a));
            }
        }
        return String.join(" ", words);
    }

    static String shellWord(String a) {
        return a.matches("[A-Za-z0-9_./=:@%+,-]+") ? a : "'" + a.replace("'", "'\\''") + "'";
    }
}
