package org.itkm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One command-line grammar: one replace flag, one scenario vocabulary, the rehearsal's own verb, errors in the
 * words the user typed. Each refusal is one line on stderr, exit 2, and leaves nothing behind.
 */
class GrammarTest extends CommandTestBase {

    /** Exit 2 and exactly one line, "error: ...", holding every fragment. */
    private void assertRefused(int code, String... fragments) {
        assertEquals(2, code, "expected exit 2; stdout:\n" + out + "\nstderr:\n" + err);
        List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "one line expected:\n" + err);
        assertTrue(lines.get(0).startsWith("error: "), err);
        for (String f : fragments) {
            assertTrue(lines.get(0).contains(f), "'" + f + "' not in: " + lines.get(0));
        }
    }

    @Test
    void replacingIsSpelledReplaceInEveryCommand() {
        List<String> others = new ArrayList<>();
        Set<String> withReplace = new java.util.TreeSet<>();
        for (var e : HelpLayoutTest.commands().entrySet()) {
            CommandSpec spec = e.getValue();
            for (OptionSpec o : spec.options()) {
                for (String n : o.names()) {
                    if (Set.of("--overwrite", "--force", "--fresh", "--clean", "--new").contains(n)) {
                        others.add("itkm " + e.getKey() + " " + n);
                    }
                }
            }
            if (spec.findOption("--replace") != null) {
                withReplace.add(e.getKey());
            }
        }
        assertTrue(others.isEmpty(), "other words for replace: " + others);
        assertEquals(new java.util.TreeSet<>(Set.of("synth", "make-clip", "pretrain-clip", "make-pocket-clip",
                "lab student", "reproduce", "rehearse", "export")), withReplace, "the commands that replace an earlier output");
    }

    @ParameterizedTest(name = "itkm {0} {1}")
    @CsvSource({"synth, --overwrite, --out", "make-clip, --force, --out", "reproduce, --fresh, --results",
        "rehearse, --fresh, --results"})
    void anOldReplaceSpellingIsAnErrorNamingReplace(String command, String old, String output) {
        Path target = dir.resolve("target");
        assertRefused(run(command, old, output, target.toString()), old + " is no longer an option of itkm " + command,
                "expected --replace", "(see itkm " + command + " --help)");
        assertFalse(Files.exists(target));
    }

    @Test
    void theRehearsalIsItsOwnVerb() {
        Path results = dir.resolve("results");
        assertRefused(run("reproduce", "--profile", "rehearsal", "--results", results.toString()),
                "--profile rehearsal: the rehearsal has its own command, itkm rehearse",
                "smoke, quick or paper");
        assertFalse(Files.exists(results), "nothing made");
        assertTrue(HelpLayoutTest.commands().containsKey("rehearse"));
        assertEquals(0, run("rehearse", "--help"));
        assertTrue(out.contains("results/rehearsal/report.md"), out);
        assertTrue(HelpLayoutTest.commands().get("rehearse").findOption("--profile") == null,
                "rehearse has one profile");
    }

    @Test
    void modeSWithoutAScenarioNamesTheFlags() {
        Path results = dir.resolve("results");
        assertRefused(run("train", "--profile", "smoke", "--mode", "S", "--results", results.toString()),
                "--mode S: expected --scenario VI, CC or CR with it");
        assertFalse(err.contains("training.scenario"), err);
        // set as KEY=VALUE, the key is what the user typed
        assertRefused(run("train", "--profile", "smoke", "training.mode=S", "--results", results.toString()),
                "config key 'training.scenario'");
        assertFalse(Files.exists(results.resolve("smoke")), "nothing made");
    }

    @Test
    void aBadValueOfASettingOptionNamesTheOption() {
        Path results = dir.resolve("results");
        assertRefused(run("train", "--method", "foo", "--results", results.toString()), "--method foo: expected");
        assertRefused(run("train", "--profile", "smok", "--results", results.toString()),
                "--profile smok: expected one of smoke, quick, rehearsal, paper");
        assertRefused(run("reproduce", "--profile", "quik", "--results", results.toString()), "--profile quik: expected");
        assertRefused(run("train", "--profile", "smoke", "--mode", "S", "--scenario", "XY", "--results",
                results.toString()), "--scenario XY: expected one of VI, CC, CR");
        assertFalse(Files.exists(results.resolve("smoke")), "nothing made");
    }

    @Test
    void everyScenarioOptionTakesTheSameVocabulary() {
        int found = 0;
        for (var e : HelpLayoutTest.commands().entrySet()) {
            OptionSpec o = e.getValue().findOption("--scenario");
            if (o != null) {
                found++;
                String said = o.paramLabel() + " " + String.join(" ", o.description());
                assertTrue(said.contains("VI") && said.contains("CC") && said.contains("CR"),
                        "itkm " + e.getKey() + " --scenario: " + said);
                assertFalse(said.matches(".*-1.*|.*\\b0 to\\b.*"), "numbered rows: itkm " + e.getKey() + ": " + said);
            }
        }
        assertTrue(found >= 2, "train and embed take --scenario");
    }

    @ParameterizedTest(name = "--scenario {0} -> row {1}")
    @CsvSource({"VI, 0", "cc, 1", "CR, 2", "none, -1", "None, -1"})
    void scenarioNamesAreTheEmbeddingRows(String name, int row) {
        assertEquals(row, ScenarioOption.row("--scenario", name));
        assertEquals(name.toUpperCase(java.util.Locale.ROOT).equals("NONE") ? "none" : name.toUpperCase(
                java.util.Locale.ROOT), ScenarioOption.name(row));
    }

    @Test
    void verboseIsSeenBeforeOrAfterTheCommandAndBadInputStaysOneLine() {
        assertTrue(ItkmCli.verbose(new picocli.CommandLine(new ItkmCli()).parseArgs("synth", "--out", "x",
                "--verbose")));
        assertTrue(ItkmCli.verbose(new picocli.CommandLine(new ItkmCli()).parseArgs("--verbose", "synth", "--out",
                "x")));
        assertFalse(ItkmCli.verbose(new picocli.CommandLine(new ItkmCli()).parseArgs("synth", "--out", "x")));
        // --verbose is about unexpected failures: bad input is still its one line
        assertRefused(run("embed", "--verbose", "--checkpoint", dir.toString(), "--images", dir.toString(), "--out",
                dir.resolve("f.npy").toString(), "--scenario", "1"), "--scenario 1: expected VI, CC, CR or none");
    }

    @Test
    void verboseIsAnOptionOfEveryCommand() {
        for (var e : HelpLayoutTest.commands().entrySet()) {
            assertTrue(e.getValue().findOption("--verbose") != null, "itkm " + e.getKey() + " has no --verbose");
        }
    }
}
