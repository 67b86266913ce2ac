package org.itkm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.itkm.config.RunConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The --help of every command, as a user sees it: it fits an 80-column terminal, every option with a default
 * names it, and its examples use the paths the profiles read.
 */
class HelpLayoutTest extends CommandTestBase {
    /** Every command and subcommand, by the words that name it ("bench data"), with its spec. */
    static Map<String, CommandSpec> commands() {
        Map<String, CommandSpec> all = new LinkedHashMap<>();
        collect(new CommandLine(new ItkmCli()), new ArrayList<>(), all);
        return all;
    }

    private static void collect(CommandLine cl, List<String> words, Map<String, CommandSpec> all) {
        all.put(String.join(" ", words), cl.getCommandSpec());
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> w = new ArrayList<>(words);
                w.add(name);
                collect(sub, w, all);
            }
        });
    }

    private String help(String command) {
        List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.add("--help");
        assertEquals(0, run(args.toArray(String[]::new)), "itkm " + command + " --help: " + err);
        return out;
    }

    @Test
    void everyCommandsHelpFitsEightyColumns() {
        Map<String, CommandSpec> all = commands();
        assertTrue(all.size() > 20, "commands found: " + all.keySet());
        List<String> wide = new ArrayList<>();
        for (String c : all.keySet()) {
            for (String line : help(c).lines().toList()) {
                if (line.length() > 80) {
                    wide.add("itkm " + c + ": " + line.length() + " columns: " + line);
                }
            }
        }
        assertTrue(wide.isEmpty(), "lines wider than 80 columns:\n" + String.join("\n", wide));
    }

    /** Lines of a description or footer as written: each fits, so none is re-wrapped in mid-sentence. */
    @Test
    void descriptionsAreWrittenToFitNotWrappedByTheRenderer() {
        List<String> wide = new ArrayList<>();
        commands().forEach((c, spec) -> {
            List<String> lines = new ArrayList<>(List.of(spec.usageMessage().description()));
            lines.addAll(List.of(spec.usageMessage().footer()));
            for (String text : lines) {
                for (String line : text.split("\n")) {
                    if (line.length() > 79) {
                        wide.add("itkm " + c + ": " + line.length() + ": " + line);
                    }
                }
            }
        });
        assertTrue(wide.isEmpty(), "lines the help renderer has to re-wrap:\n" + String.join("\n", wide));
    }

    @Test
    void everyOptionWithADefaultShowsIt() {
        List<String> silent = new ArrayList<>();
        commands().forEach((c, spec) -> {
            String flat = help(c).replaceAll("\\s+", " ");
            for (OptionSpec o : spec.options()) {
                String d = o.defaultValue();
                if (d == null && spec.defaultValueProvider() != null) {
                    try {
                        d = spec.defaultValueProvider().defaultValue(o);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }
                if (d == null || o.hidden() || o.arity().max() == 0) {
                    continue; // no default, or a flag (off unless given)
                }
                String description = String.join(" ", o.description());
                boolean named = description.contains("${DEFAULT-VALUE}") || description.contains(d);
                if (!named || !flat.contains(d)) {
                    silent.add("itkm " + c + " " + o.longestName() + " (default " + d + ")");
                }
            }
        });
        assertTrue(silent.isEmpty(), "options whose --help does not show their default: " + silent);
    }

    @Test
    void pretrainingDefaultsAreTheShippedPocketClipsSettings() {
        Map<String, String> shipped = PocketClipDefaults.values();
        assertEquals(Integer.toString(PocketClipDefaults.manifest().pretraining().epochs()), shipped.get("--epochs"));
        for (String c : List.of("pretrain-clip", "make-pocket-clip")) {
            String flat = help(c).replaceAll("\\s+", " ");
            for (String option : List.of("--epochs", "--batch-size", "--lr", "--seed", "--image-view-weight",
                    "--held-out", "--input-size")) {
                Pattern shown = Pattern.compile(Pattern.quote(option) + "=\\S+(?:(?! --[a-z]).)*?default: "
                        + Pattern.quote(shipped.get(option)) + "\\)");
                assertTrue(shown.matcher(flat).find(), "itkm " + c + " " + option + " should default to the shipped "
                        + shipped.get(option) + ":\n" + out);
            }
        }
        // and the command that made the shipped CLIP is those defaults
        String made = PocketClipDefaults.manifest().command();
        shipped.forEach((option, value) -> assertTrue(made.contains(option + " " + value),
                "the manifest's command " + made + " should hold " + option + " " + value));
    }

    @Test
    void examplesUseThePathsTheProfilesRead() {
        String synth = help("synth");
        for (String profile : List.of("smoke", "quick", "rehearsal")) {
            String root = RunConfig.load(profile, null, List.of()).config().data().synthRoot().toString();
            assertTrue(synth.contains(root), "itkm synth --help should name " + profile + "'s " + root + ":\n" + synth);
        }
        Pattern bare = Pattern.compile("data/synthums(?![-\\w])"); // the default root no profile reads
        commands().keySet().forEach(c -> assertFalse(bare.matcher(help(c)).find(),
                "itkm " + c + " --help names data/synthums, which no profile reads:\n" + out));
    }
}
