package org.itkm.artifact;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.itkm.clip.zeroshot.ZeroShotRetrieval;
import org.itkm.io.AtomicFiles;
import org.itkm.io.InvalidInputException;

/**
 * The shipped pocket CLIP's {@code manifest.json}: each file's SHA-256 and size, the command that re-makes
 * the artifact, every pre-training setting, the caption corpus it was pre-trained on, its zero-shot scores on
 * the held-out pairs and when, where and from which kit commit it was made.
 *
 * @param command the exact command that re-makes the artifact (run in the kit's checkout)
 * @param files file name -> SHA-256 and size, for every file of the artifact but the manifest
 * @param weights how the weights are stored (F16, and what that rounding means for the scores)
 * @param zeroShot scores of the artifact as it is loaded (F16 weights widened to F32) on the held-out pairs
 */
public record PocketClipManifest(String artifact, String command, Map<String, FileRecord> files, String weights,
        Pretraining pretraining, Corpus corpus, List<ZeroShotRetrieval.Score> zeroShot, Made made) {
    /** What {@link #artifact} says: the manifest of the kit's pocket CLIP. */
    public static final String KIND = "ITKM-J pocket CLIP";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();

    /** One file of the artifact. */
    public record FileRecord(String sha256, long bytes) {
        /** The SHA-256 (lower-case hex) and size of a file. */
        public static FileRecord of(Path file) throws IOException {
            MessageDigest md;
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            byte[] buf = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
            return new FileRecord(HexFormat.of().formatHex(md.digest()), Files.size(file));
        }
    }

    /**
     * How the pocket CLIP was pre-trained ({@code PocketClipPretraining}) and what the run did.
     *
     * @param warmupSteps linear learning-rate warm-up steps
     * @param heldOut share of the corpus held out of training for the zero-shot scores
     * @param inputHeight image input height (the image tower's stored size; profiles at other sizes resize its
     *     position embeddings)
     * @param f32CaptionRetrieval caption retrieval on the held-out pairs with the F32 weights pre-training
     *     ended with, before they were rounded to F16 (the {@code caption} row of {@link #zeroShot} is the
     *     same question asked of the shipped F16 weights)
     */
    public record Pretraining(int epochs, double lr, int batchSize, double imageViewWeight, long seed,
            int warmupSteps, double heldOut, int inputHeight, int inputWidth, int steps, int trainPairs,
            int heldOutPairs, int vocabulary, double firstLoss, double lastLoss, int skippedSteps,
            double f32CaptionRetrieval) {}

    /**
     * The SynthUMS caption corpus pre-training read: its generator version, preset, seed and size.
     *
     * @param note how its identities relate to the benchmark draws
     */
    public record Corpus(int synthumsVersion, String preset, long seed, int identities, int imagesPerIdentity,
            int captions, String note) {}

    /**
     * Where and when it was made.
     *
     * @param kitCommit the kit's git commit ("unknown" outside a repository)
     * @param kitDirty whether the kit's tracked files had changes
     */
    public record Made(String date, double wallSeconds, String kitCommit, boolean kitDirty, String machine) {}

    /** Writes the manifest atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, GSON.toJson(this) + "\n");
    }

    /**
     * Reads a manifest; one that is missing, not JSON or lacks the command, the file list or the corpus is an
     * {@link InvalidInputException} naming the file and what {@code remake} re-makes.
     */
    public static PocketClipManifest read(Path file, String remake) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": missing, so the pocket CLIP beside it cannot be verified; "
                    + remake);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + org.itkm.io.IoReasons.of(e) + "); " + remake, e);
        }
        PocketClipManifest m;
        try {
            m = GSON.fromJson(text, PocketClipManifest.class);
        } catch (JsonParseException e) {
            throw new InvalidInputException(file + ": not a pocket CLIP manifest (" + e.getMessage() + "); " + remake,
                    e);
        }
        if (m == null || !KIND.equals(m.artifact()) || m.command() == null || m.files() == null
                || m.corpus() == null) {
            throw new InvalidInputException(file + ": not a pocket CLIP manifest (expected \"artifact\": \"" + KIND
                    + "\" with its command, files and corpus); " + remake);
        }
        return m;
    }
}
