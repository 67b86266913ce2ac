package org.itkm.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * pretrain-clip's pre-training defaults are the shipped pocket CLIP's settings, read from its manifest: where
 * there is none (ITKM_HOME names a folder without it) an option left out is one line naming it, and one given
 * is enough.
 */
class PocketClipDefaultsCasesTest extends RobustnessCase {
    @Test
    void withoutTheShippedManifestAnOptionLeftOutIsNamed() throws Exception {
        Path home = Files.createDirectories(root.resolve("no-kit"));
        Path corpus = Files.createDirectories(cwd.resolve("corpus"));
        snapshot();
        Outcome help = runIn(cwd, Map.of("ITKM_HOME", home.toString()), "pretrain-clip", "--help");
        assertEquals(0, help.exit(), help.toString()); // the help still renders, without those defaults
        Outcome o = runIn(cwd, Map.of("ITKM_HOME", home.toString()), "pretrain-clip", "--data", corpus.toString(),
                "--out", cwd.resolve("clip").toString());
        assertBadInput(o, "--epochs has no value", "its default is the shipped pocket CLIP's setting",
                "models/pocket-clip", "expected --epochs given");
        assertTrue(!Files.exists(cwd.resolve("clip")));
        assertNothingChangedExcept();
    }
}
