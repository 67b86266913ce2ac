package org.itkm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every command that makes a folder or a file says in its --help what it may replace and how it writes. */
class OutputRulesHelpTest extends CommandTestBase {

    private void assertHelpSays(List<String> command, String... phrases) {
        String[] args = new String[command.size() + 1];
        command.toArray(args);
        args[command.size()] = "--help";
        assertEquals(0, run(args), err);
        String flat = out.replaceAll("\\s+", " ");
        for (String p : phrases) {
            assertTrue(flat.contains(p), "'" + p + "' not in " + String.join(" ", command) + " --help:\n" + out);
        }
    }

    @Test
    void folderOutputsSayTheyAreWrittenWholeAndReplacedOnlyWhenTheirs() {
        assertHelpSays(List.of("synth"), "--replace", "written whole into a hidden sibling",
                "never leaves half a data set", "only with --replace", "Never the current folder");
        assertHelpSays(List.of("lab", "student"), "--replace", "--labs", "the only copy kept",
                "never their folder", "ITKM_HOME", "wherever it is run from", "only with --replace");
        assertHelpSays(List.of("pretrain-clip"), "--replace", "written whole into a hidden sibling",
                "the --zero-shot columns included, is checked before pre-training starts", "or the corpus");
        assertHelpSays(List.of("make-clip"), "--replace", "written whole beside it");
        assertHelpSays(List.of("make-pocket-clip"), "--replace", "written whole into a hidden sibling",
                "replaced only with --replace", "Never the current folder", "SHA-256", "--epochs");
    }

    @Test
    void fileOutputsSayTheyAreWrittenWholeAndNeverOverAnInput() {
        assertHelpSays(List.of("embed"), "written whole then renamed into place", "only if it is a .npy");
        assertHelpSays(List.of("embed-text"), "written whole then renamed into place", "never a folder or an input");
        assertHelpSays(List.of("cluster"), "written whole then renamed into place", "never a folder or --features");
        assertHelpSays(List.of("bench", "data"), "removed at the end, on failure and on Ctrl-C or SIGTERM",
                "removed by the next run");
        assertHelpSays(List.of("train"), "--results", "a folder, created if missing");
        assertHelpSays(List.of("reproduce"), "--results", "a folder, created if missing");
    }
}
