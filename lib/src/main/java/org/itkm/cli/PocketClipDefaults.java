package org.itkm.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.itkm.artifact.PocketClipArtifact;
import org.itkm.artifact.PocketClipManifest;
import org.itkm.io.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The pre-training defaults of {@code pretrain-clip} and {@code make-pocket-clip}: the settings the shipped
 * pocket CLIP was made with, read from its manifest ({@code models/pocket-clip/manifest.json}, the CLIP
 * {@code model.checkpoint: pocket} of the smoke, quick and rehearsal profiles loads), never numbers of their
 * own: the defaults make the CLIP the profiles run and the documentation describes. Outside a checkout
 * (no manifest) these options have no default and must be given.
 */
final class PocketClipDefaults implements CommandLine.IDefaultValueProvider {
    /** Option -> its value in the manifest's pre-training record. */
    static Map<String, String> values() {
        PocketClipManifest.Pretraining p = manifest().pretraining();
        return Map.of("--epochs", Integer.toString(p.epochs()), "--batch-size", Integer.toString(p.batchSize()),
                "--lr", plain(p.lr()), "--warmup", Integer.toString(p.warmupSteps()), "--seed", Long.toString(p.seed()),
                "--image-view-weight", plain(p.imageViewWeight()), "--held-out", plain(p.heldOut()),
                "--input-size", p.inputHeight() + "x" + p.inputWidth());
    }

    /** The shipped artifact's manifest; an {@link InvalidInputException} saying why it cannot be read. */
    static PocketClipManifest manifest() {
        Path file = PocketClipArtifact.locate().resolve(PocketClipArtifact.MANIFEST);
        PocketClipManifest m = PocketClipManifest.read(file, "its settings are the pre-training defaults");
        if (m.pretraining() == null) {
            throw new InvalidInputException(file + ": has no \"pretraining\" record, whose settings are the"
                    + " pre-training defaults");
        }
        return m;
    }

    /**
     * Why there are no defaults (the manifest cannot be read), or null when there are: a command whose
     * option was left without a value says so, naming the option.
     */
    static String unavailable() {
        try {
            manifest();
            return null;
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
    }

    /** Throws when {@code value} of {@code option} is missing because there was no default to take. */
    static void require(String option, Object value) {
        if (value == null) {
            throw new InvalidInputException(option + " has no value: its default is the shipped pocket CLIP's"
                    + " setting, which cannot be read (" + unavailable() + "); expected " + option + " given");
        }
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec o)) {
            return null;
        }
        try {
            return values().get(o.longestName());
        } catch (InvalidInputException e) {
            return null; // no default: the command says so when it runs
        }
    }

    private static String plain(double v) {
        String s = new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        return s.toLowerCase(Locale.ROOT);
    }
}
