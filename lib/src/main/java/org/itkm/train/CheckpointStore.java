package org.itkm.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.itkm.io.FileTrees;

/**
 * A run's checkpoints, one directory per completed epoch ({@code <stage>-e0007/}). A checkpoint is
 * written into a hidden temporary directory and renamed into place only when complete, so after a
 * kill -9 at any moment the store holds only complete checkpoints and a resumed run starts from the
 * newest one. Older checkpoints of a stage are pruned; the last epoch of every stage is kept (later
 * stages start from it).
 */
public final class CheckpointStore {
    private static final Pattern NAME = Pattern.compile("([a-z][0-9a-z]*)-e(\\d{4})");

    /** Writes the files of one checkpoint into a directory. */
    @FunctionalInterface
    public interface Writer {
        void write(Path dir) throws IOException;
    }

    /** A complete checkpoint: stage name, epoch (0-based) and directory. */
    public record Checkpoint(String stage, int epoch, Path dir) {}

    private final Path root;
    private final int keepPerStage;

    public CheckpointStore(Path root, int keepPerStage) {
        this.root = root;
        this.keepPerStage = Math.max(1, keepPerStage);
    }

    /** Saves the checkpoint of {@code stage} after epoch {@code epoch}, atomically. */
    public Checkpoint save(String stage, int epoch, Writer writer) throws IOException {
        if (!stage.matches("[a-z][0-9a-z]*")) {
            throw new IllegalArgumentException("stage names are lower-case letters and digits (stage1, baseline): "
                    + stage);
        }
        Files.createDirectories(root);
        Path target = root.resolve(String.format(java.util.Locale.ROOT, "%s-e%04d", stage, epoch));
        Path tmp = Files.createTempDirectory(root, ".writing-");
        try {
            writer.write(tmp);
            if (Files.exists(target)) { // re-running an epoch after resume: replace the old copy
                FileTrees.delete(target);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            if (Files.exists(tmp)) {
                FileTrees.delete(tmp);
            }
        }
        prune(stage, epoch);
        return new Checkpoint(stage, epoch, target);
    }

    /** Complete checkpoints, oldest first (stage order as given, then epoch). */
    public List<Checkpoint> list(List<String> stageOrder) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.map(p -> {
                Matcher m = NAME.matcher(p.getFileName().toString());
                return m.matches() && Files.isDirectory(p) ? new Checkpoint(m.group(1), Integer.parseInt(m.group(2)), p)
                        : null;
            }).filter(c -> c != null && stageOrder.contains(c.stage()))
                    .sorted(Comparator.comparingInt((Checkpoint c) -> stageOrder.indexOf(c.stage()))
                            .thenComparingInt(Checkpoint::epoch))
                    .toList();
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

    /** Removes leftovers of checkpoints interrupted while being written. */
    public void removeIncomplete() throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".writing-")).toList()) {
                FileTrees.delete(p);
            }
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
}
