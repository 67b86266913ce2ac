package org.itkm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.itkm.config.RunConfig;
import org.itkm.data.GroundTruth;
import org.itkm.data.Group;
import org.itkm.data.ImageBatchLoader;
import org.itkm.data.ImageTransform;
import org.itkm.data.InputSize;
import org.itkm.data.JointBatchSampler;
import org.itkm.data.ReidImageDataset;
import org.itkm.data.Sample;
import org.itkm.runtime.EngineRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training input as a DJL data set and sampler gives the batches the trainers took before (the
 * sampler's epochs concatenated to a fixed number of steps over the trainable rows, each step loaded by
 * the batch loader with its own augmentation seed): the same sample rows in the same order and the same
 * float values, step by step.
 */
class DjlTrainingInputTest {
    @TempDir
    static Path dir;
    static List<Sample> train;

    @BeforeAll
    static void data() {
        TinyTrainingInputs.synth(dir.resolve("synth"));
        RunConfig c = RunConfig.load("smoke", null, List.of("data.synthRoot=" + dir.resolve("synth"))).config();
        train = TrainingData.load(c, null).trainSamples();
    }

    /** The pre-DJL path: a sampler over the selected rows, its passes concatenated, positions mapped to rows. */
    private static List<int[]> referenceBatches(List<Sample> sampling, int[] labels, int[] rows, int p, int k, long seed,
            int steps) {
        // EncoderTrainingLoop.batches and select before the trainers iterated the DJL data set (commit 991d20a)
        JointBatchSampler sampler = new JointBatchSampler(Arrays.stream(rows).mapToObj(sampling::get).toList(),
                Arrays.stream(rows).map(r -> labels[r]).toArray(), p, k, seed);
        List<int[]> out = new ArrayList<>();
        for (int pass = 0; out.size() < steps; pass++) {
            List<int[]> more = sampler.epoch(pass);
            if (more.isEmpty()) {
                throw new IllegalStateException("the P x K sampler produced no batch");
            }
            for (int[] b : more) {
                out.add(Arrays.stream(b).map(i -> rows[i]).toArray());
            }
        }
        return out.subList(0, steps);
    }

    private static long augmentSeed(int step) {
        return new RunSeeds(42).seedFor("stage1", 3, "augment-" + step);
    }

    private void sameBatches(boolean mergeGroups, int[] rows, int steps) throws Exception {
        List<Sample> sampling = mergeGroups ? train.stream().map(s -> s.withGroup(Group.A)).toList() : train;
        // pseudo-labels: person ids with every fifth image noise (the sampler never reads ground truth itself)
        int[] labels = GroundTruth.pids(train);
        for (int i = 0; i < labels.length; i += 5) {
            labels[i] = -1;
        }
        int p = 2;
        int k = 4;
        long seed = 1234;
        List<int[]> reference = referenceBatches(sampling, labels, rows, p, k, seed, steps);
        ImageTransform t = ImageTransform.training(new InputSize(64, 32), 0.2);
        try (ImageBatchLoader old = new ImageBatchLoader(train, t, 2);
                ImageBatchLoader loader = new ImageBatchLoader(train, t, 2);
                NDManager m = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            ReidImageDataset data = ReidImageDataset.builder().loader(loader).identities(labels)
                    .optAugmentSeeds((iteration, step) -> augmentSeed(step))
                    .setSampling(new JointBatchSampler(sampling, labels, rows, p, k, seed, steps)).build();
            int step = 0;
            for (Batch b : data.getData(m)) {
                try (b; NDManager oldStep = m.newSubManager()) {
                    int[] batch = ReidImageDataset.rows(b);
                    assertArrayEquals(reference.get(step), batch, "rows of step " + step);
                    float[] expected = old.batch(oldStep, reference.get(step), augmentSeed(step)).toFloatArray();
                    assertArrayEquals(expected, b.getData().head().toFloatArray(), "pixels of step " + step);
                    assertArrayEquals(Arrays.stream(batch).map(r -> labels[r]).toArray(),
                            b.getLabels().get(ReidImageDataset.Label.IDENTITY.ordinal()).toIntArray());
                }
                step++;
            }
            assertEquals(steps, step);
        }
    }

    @Test
    void everyRowManyPassesSameAsBefore() throws Exception {
        sameBatches(false, IntStream.range(0, train.size()).toArray(), 9);
    }

    @Test
    void someRowsMergedGroupsSameAsBefore() throws Exception {
        // the rows of two scenarios only (as when a unit has too few clusters and sits the epoch out)
        int[] rows = IntStream.range(0, train.size()).filter(i -> train.get(i).scenario().ordinal() < 2).toArray();
        sameBatches(true, rows, 5);
    }
}
