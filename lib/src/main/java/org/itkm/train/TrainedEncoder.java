package org.itkm.train;

import org.itkm.run.CheckpointStore;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.itkm.clip.ClipModel;
import org.itkm.clip.checkpoint.ClipCheckpoint;
import org.itkm.config.RunConfig;
import org.itkm.io.InvalidInputException;

/**
 * A run's trained image encoder, loaded: the run's pre-trained CLIP at the run's input size with the
 * image-encoder parameters of its newest checkpoint of an image-encoder stage (the baseline's, Stage III's,
 * or Stage I's when Stage III has none yet), verified against its SHA-256 sums first. The text encoder is
 * the pre-trained one, which every stage keeps frozen.
 *
 * <pre>{@code
 * try (NDManager m = NDManager.newBaseManager()) {
 *     TrainedEncoder e = TrainedEncoder.load(runDir, m);
 *     Map<String, HostTensor> weights = e.model().export(true);
 * }
 * }</pre>
 *
 * @param model the model; its arrays live in the manager passed to {@link #load}
 * @param config the run's configuration (its {@code config.yaml})
 * @param clip the pre-trained CLIP checkpoint the run started from
 * @param checkpoint the run's checkpoint the encoder comes from
 * @param mergeGroups whether the run trained branch A only (a single-stage baseline)
 * @param scenarioEmbedding whether the run trained (and tests with) a scenario embedding
 */
public record TrainedEncoder(ClipModel model, RunConfig config, Path clip, CheckpointStore.Checkpoint checkpoint,
        boolean mergeGroups, boolean scenarioEmbedding) {
    /** Stages whose checkpoints hold the image encoder ({@code vision.params}), in training order. */
    static final List<String> ENCODER_STAGES = List.of("baseline", "supervised", "stage1", "stage3");

    /** Loads the encoder of the run in {@code runDir} into {@code manager}. */
    public static TrainedEncoder load(Path runDir, NDManager manager) throws IOException {
        TrainingRun.inspect(runDir); // a run folder, or a one-line error naming it
        RunConfig c = RunConfig.loadFile(runDir.resolve("config.yaml")).config();
        CheckpointStore store = new CheckpointStore(runDir.resolve("checkpoints"), 1);
        CheckpointStore.Checkpoint cp = store.latest(ENCODER_STAGES).orElseThrow(() -> new InvalidInputException(
                runDir + ": no checkpoint of a trained image encoder in " + runDir.resolve("checkpoints")
                        + " (checkpoints are not committed: train the run on this machine first)"));
        boolean baseline = c.training().method().singleStage();
        boolean scenarioEmbedding = !baseline && c.training().ablation().scenarioEmbedding();
        Path clip = ClipSource.resolve(c);
        try (ClipCheckpoint ckpt = ClipCheckpoint.open(clip)) {
            ClipModel model = ClipModel.create(ClipSource.atInputSize(ckpt, c), manager);
            model.load(ckpt.tensors());
            store.load(cp, System.err, dir -> {
                EncoderTrainingLoop.loadEncoder(model, manager, dir);
                return null;
            });
            return new TrainedEncoder(model, c, clip, cp, baseline, scenarioEmbedding);
        }
    }
}
