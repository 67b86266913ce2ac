package org.itkm.artifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.itkm.clip.checkpoint.HuggingFaceClipDirectory;
import org.itkm.io.InvalidInputException;
import org.itkm.io.KitHome;
import org.itkm.synth.SynthPreset;
import org.itkm.synth.SynthUmsGenerator;

/**
 * The pocket CLIP the kit ships, pre-trained once and committed ({@value #FOLDER} in the checkout), so that
 * every clone starts its runs from the same weights: pre-training is multi-threaded and not bit-reproducible
 * across machines, and it took most of the quick profile's time. What {@code model.checkpoint: pocket} means.
 *
 * <p>Its caption corpus is SynthUMS preset {@code corpus} drawn with {@link #CORPUS_SEED}, a seed no profile
 * draws its benchmark with ({@code data.synthSeed} refuses it), so, like CLIP's web data, it belongs to no
 * benchmark draw.
 *
 * <p>Before use the artifact is verified ({@link #verify}): its manifest is there, every file it lists has the
 * recorded SHA-256, and it was made from the SynthUMS version this kit writes.
 */
public final class PocketClipArtifact {
    /** The artifact's folder, relative to the kit's checkout. */
    public static final String FOLDER = "models/pocket-clip";
    /** The file describing the artifact ({@link PocketClipManifest}). */
    public static final String MANIFEST = "manifest.json";
    /** The files of the artifact besides its manifest: a Hugging Face CLIP directory. */
    public static final List<String> FILES = List.of(HuggingFaceClipDirectory.CONFIG, HuggingFaceClipDirectory.WEIGHTS,
            HuggingFaceClipDirectory.TOKENIZER);
    /** The SynthUMS preset of the caption corpus. */
    public static final SynthPreset CORPUS_PRESET = SynthPreset.CORPUS;
    /** The seed the caption corpus is drawn with, reserved for it: no benchmark draw uses it. */
    public static final long CORPUS_SEED = 1_000_001L;
    /** The command that makes the artifact (and the marker of the folder it makes). */
    public static final String COMMAND = "make-pocket-clip";
    /** What to run when the artifact's own manifest cannot say how it was made. */
    static final String GENERIC_REMAKE = "./itkm " + COMMAND + " --replace";

    /** Verified folders: their stamp (file names, sizes and modification times) when they passed. */
    private static final Map<Path, String> VERIFIED = new ConcurrentHashMap<>();

    private PocketClipArtifact() {}

    /**
     * The artifact's folder in the kit's checkout (not verified); an {@link InvalidInputException} naming
     * {@code ITKM_HOME} when the checkout is unknown.
     */
    public static Path locate() {
        return KitHome.find().map(h -> h.resolve(FOLDER)).orElseThrow(() -> new InvalidInputException("cannot find"
                + " the shipped pocket CLIP (model.checkpoint pocket): this itkm does not run from a checkout and "
                + KitHome.ENV + " is not set; expected " + KitHome.ENV + "=<checkout>, the folder holding " + FOLDER));
    }

    /** {@link #locate} and {@link #verify}: the folder to load. */
    public static Path verified() {
        return verify(locate());
    }

    /**
     * Checks the artifact in {@code dir} before it is used: its manifest is there and readable, every file it
     * lists (and each of {@link #FILES}) has the recorded size and SHA-256, and it was pre-trained on the SynthUMS
     * version this kit writes. Done once per process and folder; again only when a file's size or modification
     * time changes.
     *
     * @return {@code dir}
     * @throws InvalidInputException naming the file, what is wrong and the command that re-makes the artifact
     */
    public static Path verify(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        String stamp = stamp(key);
        if (stamp.equals(VERIFIED.get(key))) {
            return dir;
        }
        if (!Files.isDirectory(key)) {
            throw new InvalidInputException(key + ": the shipped pocket CLIP (model.checkpoint pocket) is missing;"
                    + " restore it (git checkout -- " + FOLDER + ") or re-make it with: " + GENERIC_REMAKE);
        }
        PocketClipManifest m = PocketClipManifest.read(key.resolve(MANIFEST), "re-make it with: " + GENERIC_REMAKE);
        String remake = "re-make it with: " + m.command();
        for (String f : FILES) {
            if (!m.files().containsKey(f)) {
                throw new InvalidInputException(key.resolve(MANIFEST) + ": lists no " + f + " (expected SHA-256 and size"
                        + " of " + String.join(", ", FILES) + "); " + remake);
            }
        }
        for (Map.Entry<String, PocketClipManifest.FileRecord> e : m.files().entrySet()) {
            checkFile(key, e.getKey(), e.getValue(), remake);
        }
        int version = m.corpus().synthumsVersion();
        if (version != SynthUmsGenerator.FORMAT_VERSION) {
            throw new InvalidInputException(key.resolve(MANIFEST) + ": the pocket CLIP was pre-trained on SynthUMS"
                    + " version " + version + ", this kit writes version " + SynthUmsGenerator.FORMAT_VERSION
                    + " (its captions and images differ); " + remake);
        }
        VERIFIED.put(key, stamp);
        return dir;
    }

    /** The SHA-256 of the artifact's weights as its manifest records them (the artifact verified first). */
    public static String weightsSha256(Path dir) {
        verify(dir);
        return PocketClipManifest.read(dir.resolve(MANIFEST), GENERIC_REMAKE).files()
                .get(HuggingFaceClipDirectory.WEIGHTS).sha256();
    }

    private static void checkFile(Path dir, String name, PocketClipManifest.FileRecord want, String remake) {
        Path file = dir.resolve(name).normalize();
        if (!file.getParent().equals(dir) || name.equals(MANIFEST)) {
            throw new InvalidInputException(dir.resolve(MANIFEST) + ": lists '" + name + "', which is not a file of"
                    + " the artifact's folder; " + remake);
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": missing (the manifest lists it with SHA-256 " + want.sha256()
                    + "); " + remake);
        }
        PocketClipManifest.FileRecord have;
        try {
            have = PocketClipManifest.FileRecord.of(file);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + org.itkm.io.IoReasons.of(e) + "); " + remake, e);
        }
        if (!have.sha256().equals(want.sha256()) || have.bytes() != want.bytes()) {
            throw new InvalidInputException(file + ": SHA-256 " + have.sha256() + " (" + have.bytes() + " bytes) is not"
                    + " the " + want.sha256() + " (" + want.bytes() + " bytes) the manifest records: the file changed"
                    + " after the artifact was made (a Git LFS pointer or an interrupted checkout looks the same); "
                    + remake);
        }
    }

    /** The folder's regular files with their sizes and modification times: what a change of any file changes. */
    private static String stamp(Path dir) {
        if (!Files.isDirectory(dir)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                sb.append(f.getFileName()).append(' ').append(Files.size(f)).append(' ')
                        .append(Files.getLastModifiedTime(f).toMillis()).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return sb.toString();
    }
}
