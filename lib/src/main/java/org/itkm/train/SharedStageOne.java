package org.itkm.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.itkm.config.RunConfig;
import org.itkm.run.CheckpointStore;
import org.itkm.run.MetricsLog;
import org.itkm.run.RunResults;

/**
 * A new ITKM run that starts from the finished Stage I of another run trained with the same Stage I: Table 2's
 * variants M2-M6 and the sensitivity sweeps differ from ITKM(M) only in Stages II and III, so training their
 * Stage I again would repeat the same computation. Every random stream is keyed by stage, epoch and purpose
 * ({@link RunSeeds}) and a run resumes bit-identically from a checkpoint, so a run whose Stage I is copied from
 * such a donor and then resumed ends exactly as if it had trained Stage I itself.
 *
 * <p>Which settings Stage I reads is decided the safe way round: {@link #key} blanks only the settings that
 * Stages II and III alone read (their schedules, the text and matching loss weights, the variant's components
 * other than the scenario embedding); everything else must be equal.
 */
final class SharedStageOne {
    /** The manifest entry naming the run whose Stage I a run copied. */
    static final String MANIFEST_KEY = "stage1From";

    private SharedStageOne() {}

    /**
     * The part of a configuration that Stage I depends on, as a configuration whose Stage II/III settings are
     * set to fixed values; null for the baseline and the supervised bound (they have no Stage I to share).
     */
    static RunConfig key(RunConfig c) {
        if (c.training().method() != RunConfig.Method.ITKM) {
            return null;
        }
        RunConfig.Loss l = c.loss();
        RunConfig.Loss stageOneLoss = new RunConfig.Loss(l.temperature(), l.memoryMomentum(), 0, 0, 0, 0, 1, 1, 0);
        RunConfig.Training t = c.training();
        // of Table 2's components only the scenario embedding reaches Stage I (M1 has none, M2-M7 have it)
        String variant = t.ablation().scenarioEmbedding() ? "M7" : "M1";
        RunConfig.Training training = new RunConfig.Training(t.method(), t.mode(), t.scenario(), variant,
                t.microBatch());
        return new RunConfig(c.profile(), c.seed(), c.data(), c.model(), c.cluster(), c.sampler(), c.augment(),
                c.stage1(), c.stage1(), c.stage1(), stageOneLoss, training, c.eval(), c.caps());
    }

    /**
     * The newest finished run among {@code runDirs} (trained in this checkout, with its Stage I checkpoint) whose
     * Stage I equals the one {@code config} would train, on the same data and CLIP; empty if none.
     *
     * @param sameStageOne whether a run folder's recorded configuration has the key of {@code config}
     */
    static Optional<Path> donor(List<Path> runDirs, java.util.function.Predicate<Path> sameStageOne, RunConfig config)
            throws IOException {
        if (key(config) == null) {
            return Optional.empty();
        }
        List<Path> candidates = runDirs.stream()
                .filter(d -> Files.exists(d.resolve(RunResults.FILE)) && RunCatalog.trainedHere(d))
                .sorted(Comparator.comparing((Path d) -> d.getFileName().toString()).reversed()).toList();
        for (Path d : candidates) {
            if (!sameStageOne.test(d) || RunCatalog.dataChange(d, config) != null
                    || RunCatalog.clipChange(d, config) != null) {
                continue;
            }
            Optional<CheckpointStore.Checkpoint> last = new CheckpointStore(d.resolve("checkpoints"), 1).latestOf("stage1");
            if (last.isPresent() && last.get().epoch() == config.caps().epochs(config.stage1(), 1) - 1) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /**
     * Copies the donor's last Stage I checkpoint (checked against its SHA-256 sums first) and its Stage I rows of
     * metrics.csv into a new run, and records the donor in the manifest; the run then resumes after Stage I.
     */
    static void copyInto(TrainingRun run, Path donor) throws IOException {
        CheckpointStore from = new CheckpointStore(donor.resolve("checkpoints"), 1);
        CheckpointStore.Checkpoint last = from.latestOf("stage1").orElseThrow(() -> new IOException(donor
                + ": no Stage I checkpoint to share"));
        from.verify(last, System.err);
        run.checkpoints().save("stage1", last.epoch(), dir -> {
            try (Stream<Path> files = Files.list(last.dir())) {
                for (Path f : files.toList()) {
                    if (!f.getFileName().toString().equals(CheckpointStore.SUMS)) {
                        Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        });
        for (Map<String, String> row : new MetricsLog(donor.resolve("metrics.csv")).rows()) {
            if ("stage1".equals(row.get("stage"))) {
                run.metrics().append(row);
            }
        }
        run.manifest().put(MANIFEST_KEY, Map.of("run", donor.getFileName().toString(), "checkpoint",
                last.dir().getFileName().toString(), "why", "the same Stage I settings, data and CLIP; Stage I is"
                        + " resumed from its checkpoint bit-identically"));
    }
}
