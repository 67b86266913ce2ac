package org.itkm.robustness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.itkm.artifact.PocketClipArtifact;
import org.itkm.io.KitHome;
import org.junit.jupiter.api.Test;

/**
 * A run of a profile on the pocket CLIP whose artifact is not what its manifest says, or is not there, stops
 * with one line naming the file and how to make it right, exit 2, before any folder is made.
 */
class PocketClipArtifactCasesTest extends RobustnessCase {
    /** A kit home ({@code ITKM_HOME}) under the case's root holding a copy of the shipped artifact. */
    private Path homeWithCopy() throws Exception {
        Path dir = Files.createDirectories(root.resolve("home").resolve(PocketClipArtifact.FOLDER));
        try (Stream<Path> s = Files.list(KitHome.find().orElseThrow().resolve(PocketClipArtifact.FOLDER))) {
            for (Path f : s.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return root.resolve("home");
    }

    private Outcome train(Path home) throws Exception {
        return runIn(cwd, Map.of(KitHome.ENV, home.toString()), "train", "--profile", "smoke", "--results",
                cwd.resolve("results").toString(), "data.synthRoot=" + cwd.resolve("synth"));
    }

    @Test
    void anAlteredWeightsFileStopsTheRunNamingItAndTheCommandThatReMakesIt() throws Exception {
        Path home = homeWithCopy();
        Path weights = home.resolve(PocketClipArtifact.FOLDER).resolve("model.safetensors");
        byte[] b = Files.readAllBytes(weights);
        b[b.length - 1] ^= 1;
        Files.write(weights, b);
        snapshot();
        Outcome o = train(home);
        assertBadInput(o, weights + ": SHA-256 ", "re-make it with: ./itkm make-pocket-clip --epochs ");
        assertNothingChangedExcept();
    }

    @Test
    void aMissingArtifactStopsTheRunSayingHowToGetItBack() throws Exception {
        Path home = Files.createDirectories(root.resolve("home"));
        snapshot();
        Outcome o = train(home);
        assertBadInput(o, home.resolve(PocketClipArtifact.FOLDER) + ": the shipped pocket CLIP (model.checkpoint"
                + " pocket) is missing", "git checkout -- models/pocket-clip", "./itkm make-pocket-clip --replace");
        assertNothingChangedExcept();
    }
}
