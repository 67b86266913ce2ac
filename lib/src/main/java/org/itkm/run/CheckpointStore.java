package org.itkm.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.itkm.io.FileTrees;
import org.itkm.io.InvalidInputException;
import org.itkm.io.WriteGate;

/**
 * A run's checkpoints, one directory per completed epoch ({@code <stage>-e0007/}). A checkpoint is
 * written into a hidden temporary directory, its files' SHA-256 sums are written last into
 * {@value #SUMS} (the format of {@code sha256sum}, so {@code sha256sum -c SHA256SUMS} checks it too), and the
 * directory is renamed into place only then: after a kill -9 at any moment the store holds only complete
 * checkpoints, and a file truncated or altered afterwards is found when the checkpoint is loaded
 * ({@link #verify}). Older checkpoints of a stage are pruned; the last epoch of every stage is kept (later
 * stages start from it).
 */
public final class CheckpointStore {
    /** The file of a checkpoint that lists its other files' SHA-256 sums. */
    public static final String SUMS = "SHA256SUMS";
    /** The kit's stages in training order (a run has the baseline's, the supervised bound's or ITKM's three). */
    public static final List<String> STAGES = List.of("baseline", "supervised", "stage1", "stage2", "stage3");
    private static final Pattern NAME = Pattern.compile("([a-z][0-9a-z]*)-e(\\d{4})");
    private static final Pattern SUM_LINE = Pattern.compile("([0-9a-f]{64}) [ *](.+)");

    /** Writes the files of one checkpoint into a directory. */
    @FunctionalInterface
    public interface Writer {
        void write(Path dir) throws IOException;
    }

    /** A complete checkpoint: stage name, epoch (0-based) and directory. */
    public record Checkpoint(String stage, int epoch, Path dir) {
        @Override
        public String toString() {
            return stage + " epoch " + (epoch + 1) + " (" + dir.getFileName() + ")";
        }
    }

    private final Path root;
    private final int keepPerStage;
    private final WriteGate gate;
    /** Checkpoints verifyAll checked and no load has taken yet: true with sums, false without (unverified). */
    private final Map<Path, Boolean> checked = new java.util.concurrent.ConcurrentHashMap<>();

    public CheckpointStore(Path root, int keepPerStage) {
        this(root, keepPerStage, new WriteGate());
    }

    /** A store whose writes go through {@code gate} (the run's: a shutdown waits for a checkpoint being written). */
    public CheckpointStore(Path root, int keepPerStage, WriteGate gate) {
        this.root = root;
        this.keepPerStage = Math.max(1, keepPerStage);
        this.gate = gate;
    }

    /** Saves the checkpoint of {@code stage} after epoch {@code epoch}, atomically, with its SHA-256 sums. */
    public Checkpoint save(String stage, int epoch, Writer writer) throws IOException {
        if (!stage.matches("[a-z][0-9a-z]*")) {
            throw new IllegalArgumentException("stage names are lower-case letters and digits (stage1, baseline): "
                    + stage);
        }
        return gate.write(() -> {
            Files.createDirectories(root);
            Path target = root.resolve(String.format(java.util.Locale.ROOT, "%s-e%04d", stage, epoch));
            Path tmp = Files.createTempDirectory(root, ".writing-");
            try {
                writer.write(tmp);
                writeSums(tmp);
                if (Files.exists(target)) { // re-running an epoch after resume: replace the old copy
                    FileTrees.delete(target);
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                checked.remove(target);
            } finally {
                if (Files.exists(tmp)) {
                    FileTrees.delete(tmp);
                }
            }
            prune(stage, epoch);
            return new Checkpoint(stage, epoch, target);
        });
    }

    /**
     * Checks a checkpoint against its {@value #SUMS} before it is loaded: every file it lists must be there
     * with the recorded sum. A checkpoint written before checkpoints carried sums is loaded unverified,
     * with a warning on {@code warnings}.
     *
     * @return whether the checkpoint was verified (false: it has no sums)
     * @throws InvalidInputException naming the first missing, truncated or altered file and what to do
     */
    public boolean verify(Checkpoint cp, java.io.PrintStream warnings) throws IOException {
        Boolean known = checked.remove(cp.dir());
        if (known != null) { // checked by verifyAll when the run was reopened, moments ago
            return known;
        }
        return check(cp, warnings);
    }

    private boolean check(Checkpoint cp, java.io.PrintStream warnings) throws IOException {
        Path sums = cp.dir().resolve(SUMS);
        if (!Files.isRegularFile(sums)) {
            warnings.println("warning: " + cp.dir() + " has no " + SUMS + " (written by a kit before checkpoints"
                    + " carried checksums): loading it unverified");
            return false;
        }
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(sums, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = SUM_LINE.matcher(line);
            if (!m.matches()) {
                throw new InvalidInputException(sums + ": not a list of SHA-256 sums (line '" + line + "'); "
                        + whatToDo(cp));
            }
            expected.put(m.group(2), m.group(1));
        }
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path f = cp.dir().resolve(e.getKey()).normalize();
            if (!f.startsWith(cp.dir()) || !Files.isRegularFile(f)) {
                throw new InvalidInputException(f + ": missing from checkpoint " + cp.dir().getFileName()
                        + " (listed in its " + SUMS + "); " + whatToDo(cp));
            }
            String actual = sha256(f, false);
            if (!actual.equals(e.getValue())) {
                throw new InvalidInputException(f + ": truncated or altered since the checkpoint was written ("
                        + Files.size(f) + " bytes, SHA-256 differs from its " + SUMS + "); " + whatToDo(cp));
            }
        }
        return true;
    }

    /**
     * {@link #verify Verifies} every checkpoint in the store (a resumed run, before anything is written); the
     * first load of each then takes this result instead of hashing the files again.
     */
    public void verifyAll(java.io.PrintStream warnings) throws IOException {
        for (Checkpoint c : list(STAGES)) {
            checked.put(c.dir(), check(c, warnings));
        }
    }

    /** Reads a checkpoint's files. */
    @FunctionalInterface
    public interface Loader<T> {
        T load(Path dir) throws IOException;
    }

    /**
     * Loads a checkpoint {@linkplain #verify verified} first. A verified checkpoint that cannot be read is
     * a bug of the kit (its own file, intact, that it cannot read: the failure propagates); an unverified one
     * (no sums) that cannot be read is reported as the damaged input it most likely is.
     */
    public <T> T load(Checkpoint cp, java.io.PrintStream warnings, Loader<T> loader) throws IOException {
        boolean verified = verify(cp, warnings);
        try {
            return loader.load(cp.dir());
        } catch (IOException | RuntimeException e) {
            if (verified || e instanceof InvalidInputException) {
                throw e;
            }
            throw new InvalidInputException(cp.dir() + ": unreadable (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""))
                    + "), and without " + SUMS + " it cannot be checked; " + whatToDo(cp), e);
        }
    }

    /** What the user can do about a damaged checkpoint: remove it, and what the resume then redoes. */
    private String whatToDo(Checkpoint cp) throws IOException {
        List<Checkpoint> earlier = list(List.of(cp.stage())).stream().filter(c -> c.epoch() < cp.epoch()).toList();
        String from = earlier.isEmpty() ? "its first epoch" : "epoch " + (earlier.get(earlier.size() - 1).epoch() + 2);
        return "remove " + cp.dir() + " and resume again to redo " + cp.stage() + " from " + from
                + " (the store keeps the last checkpoint of each stage), or start the run again";
    }

    /** Complete checkpoints, oldest first (stage order as given, then epoch). */
    public List<Checkpoint> list(List<String> stageOrder) throws IOException {
        return all().stream().filter(c -> stageOrder.contains(c.stage()))
                .sorted(Comparator.comparingInt((Checkpoint c) -> stageOrder.indexOf(c.stage()))
                        .thenComparingInt(Checkpoint::epoch))
                .toList();
    }

    /** Whether the store holds no complete checkpoint of any stage (a run that has nothing to resume from). */
    public boolean isEmpty() throws IOException {
        return all().isEmpty();
    }

    private List<Checkpoint> all() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            List<Checkpoint> out = new ArrayList<>();
            for (Path p : s.toList()) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches() && Files.isDirectory(p)) {
                    out.add(new Checkpoint(m.group(1), Integer.parseInt(m.group(2)), p));
                }
            }
            return out;
        }
    }

    /** The newest complete checkpoint, if any. */
    public Optional<Checkpoint> latest(List<String> stageOrder) throws IOException {
        List<Checkpoint> all = list(stageOrder);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The newest checkpoint of one stage, if any. */
    public Optional<Checkpoint> latestOf(String stage) throws IOException {
        return list(List.of(stage)).stream().reduce((a, b) -> b);
    }

    /** The newest checkpoint of the kit's stages (the baseline's, or ITKM's last), if any. */
    public Optional<Checkpoint> latest() throws IOException {
        return latest(STAGES);
    }

    /** Removes leftovers of checkpoints interrupted while being written. */
    public void removeIncomplete() throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        gate.run(() -> {
            try (Stream<Path> s = Files.list(root)) {
                for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".writing-")).toList()) {
                    FileTrees.delete(p);
                }
            }
            return null;
        });
    }

    /** Whether the store holds leftovers of a checkpoint interrupted while being written. */
    public boolean hasIncomplete() throws IOException {
        if (!Files.isDirectory(root)) {
            return false;
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(".writing-"));
        }
    }

    private void prune(String stage, int newest) throws IOException {
        List<Checkpoint> mine = list(List.of(stage));
        for (int i = 0; i < mine.size() - keepPerStage; i++) {
            if (mine.get(i).epoch() < newest) {
                FileTrees.delete(mine.get(i).dir());
            }
        }
    }

    /** Writes {@value #SUMS} for every file under {@code dir} (forcing each to disk on the way). */
    private static void writeSums(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        StringBuilder sb = new StringBuilder();
        for (Path f : files) {
            sb.append(sha256(f, true)).append("  ").append(dir.relativize(f).toString().replace('\\', '/'))
                    .append('\n');
        }
        try (FileChannel ch = FileChannel.open(dir.resolve(SUMS), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
    }

    /** A file's SHA-256 in hex; {@code force}: also flush it to disk. */
    static String sha256(Path f, boolean force) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (force) {
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(f)) {
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
