package org.itkm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.itkm.config.RunConfig;
import org.itkm.train.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One path rule for the command line and the notebooks (docs/command-line.md, "Paths"): a relative path is
 * taken from the folder the command runs in; a notebook runs as if in the checkout ({@code ITKM_HOME}), so
 * {@code ./itkm reproduce} run in the checkout and the notebooks read and write the same folders.
 */
class PathRuleTest {
    @TempDir
    Path home;

    /** The --results default of every command that writes runs: one name, relative to the current folder. */
    @Test
    void everyCommandThatWritesRunsDefaultsToResultsInTheCurrentFolder() {
        for (String c : List.of("train", "reproduce", "rehearse", "sweep")) {
            var o = HelpLayoutTest.commands().get(c).findOption("--results");
            assertEquals("results", o.defaultValue(), "itkm " + c + " --results");
            assertTrue(String.join(" ", o.description()).contains("relative to the current folder"),
                    "itkm " + c + " --results says how it resolves");
        }
    }

    @Test
    void aNotebookWorkspaceIsTheCommandLinesRunInTheCheckout() {
        for (String profile : List.of("smoke", "quick", "rehearsal")) {
            Workspace notebook = Workspace.open(home, profile, List.of());
            RunConfig cli = new Workspace(Path.of("results"), profile, List.of()).config(); // as ./itkm sees it
            assertEquals(home.resolve("results"), notebook.results(), profile);
            assertEquals(home.resolve("results").resolve(profile), notebook.profileDir(), profile);
            assertEquals(home.resolve(cli.data().synthRoot()), notebook.config().data().synthRoot(), profile);
            assertTrue(!cli.data().synthRoot().isAbsolute(), "the profiles' data roots are relative: " + profile);
        }
    }

    @Test
    void aRelativeSettingOfANotebookIsTakenFromTheCheckoutAnAbsoluteOneAsItIs() {
        Workspace rel = Workspace.open(home, "quick", List.of("data.synthRoot=mine/synthums"));
        assertEquals(home.resolve("mine/synthums"), rel.config().data().synthRoot());
        Path elsewhere = home.resolveSibling("elsewhere").toAbsolutePath();
        Workspace abs = Workspace.open(home, "quick", List.of("data.synthRoot=" + elsewhere));
        assertEquals(elsewhere, abs.config().data().synthRoot());
    }
}
