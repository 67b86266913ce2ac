package org.itkm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Record;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.itkm.runtime.EngineRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ReID images as a DJL data set: P x K batches through {@code getData} with the joint sampler and
 * their labels, the sampler's DJL order against its own passes, and records by index.
 */
class ReidImageDatasetTest {
    @TempDir
    Path dir;

    private static final InputSize SIZE = new InputSize(16, 8);

    /**
     * Six identities in each of VI and CR, four images each (cameras 1-4, groups A then B by camera, CR with
     * two outfits per person), every image its own colour.
     */
    private List<Sample> samples() {
        List<Sample> list = new ArrayList<>();
        int n = 0;
        for (Scenario sc : new Scenario[] {Scenario.VI, Scenario.CR}) {
            for (int pid = 0; pid < 6; pid++) {
                for (int cam = 1; cam <= 4; cam++) {
                    Path p = ImageTree.image(dir.resolve("img" + n + ".png"), (n * 0x0b1d2f) & 0xffffff);
                    int clothes = sc == Scenario.CR ? 100 + 2 * pid + cam / 3 : Sample.NO_CLOTHES;
                    list.add(new Sample(p, sc, cam <= 2 ? Group.A : Group.B, cam, sc.ordinal() * 10 + pid, clothes));
                    n++;
                }
            }
        }
        return list;
    }

    private static int label(Batch b, ReidImageDataset.Label l, int j) {
        return b.getLabels().get(l.ordinal()).getInt(j);
    }

    @Test
    void getDataWithTheJointSamplerGivesPIdentitiesTimesKImagesWithTheirLabels() {
        List<Sample> samples = samples();
        int p = 2;
        int k = 2;
        JointBatchSampler sampler = new JointBatchSampler(samples, GroundTruth.pids(samples), p, k, 7);
        List<int[]> expected = new JointBatchSampler(samples, GroundTruth.pids(samples), p, k, 7).epoch(0);
        try (ReidImageDataset ds = ReidImageDataset.builder().samples(samples).transform(ImageTransform.training(SIZE))
                .groundTruth().setSampling(sampler).build();
                NDManager manager = NDManager.newBaseManager(EngineRuntime.engine().defaultDevice())) {
            int step = 0;
            for (Batch b : ds.getData(manager)) {
                try (b) {
                    int[] rows = ReidImageDataset.rows(b);
                    assertArrayEquals(expected.get(step), rows, "the sampler's order");
                    assertEquals(4 * p * k, b.getSize()); // 4 streams: VI A/B, CR A/B
                    assertEquals(new Shape(4 * p * k, 3, 16, 8), b.getData().head().getShape());
                    assertEquals(ReidImageDataset.Label.values().length, b.getLabels().size());
                    for (int part = 0; part < 4; part++) { // one P x K block per scenario and group
                        Set<Integer> identities = new HashSet<>();
                        for (int id = 0; id < p; id++) {
                            int first = part * p * k + id * k;
                            int identity = label(b, ReidImageDataset.Label.IDENTITY, first);
                            assertTrue(identities.add(identity), "an identity twice in one block");
                            for (int t = 0; t < k; t++) {
                                assertEquals(identity, label(b, ReidImageDataset.Label.IDENTITY, first + t),
                                        "K consecutive images of one identity");
                            }
                        }
                    }
                    for (int j = 0; j < rows.length; j++) {
                        Sample s = samples.get(rows[j]);
                        assertEquals(GroundTruth.pid(s), label(b, ReidImageDataset.Label.IDENTITY, j));
                        assertEquals(s.camid(), label(b, ReidImageDataset.Label.CAMERA, j));
                        assertEquals(s.group().index(), label(b, ReidImageDataset.Label.MODALITY, j));
                        assertEquals(GroundTruth.clothes(s), label(b, ReidImageDataset.Label.OUTFIT, j));
                        assertEquals(s.scenario().ordinal(), label(b, ReidImageDataset.Label.SCENARIO, j));
                    }
                }
                step++;
            }
            assertEquals(expected.size(), step);
            assertTrue(step > 0);
        }
    }

    @Test
    void aDjlTrainerIteratesItEpochAfterEpoch() throws Exception {
        List<Sample> samples = samples();
        JointBatchSampler sampler = new JointBatchSampler(samples, GroundTruth.pids(samples), 2, 2, 3);
        JointBatchSampler reference = new JointBatchSampler(samples, GroundTruth.pids(samples), 2, 2, 3);
        try (ReidImageDataset ds = ReidImageDataset.builder().samples(samples).transform(ImageTransform.training(SIZE))
                .groundTruth().setSampling(sampler).build();
                ai.djl.Model model = ai.djl.Model.newInstance("reid", EngineRuntime.engine().defaultDevice())) {
            model.setBlock(ai.djl.nn.Blocks.identityBlock());
            try (ai.djl.training.Trainer trainer = model.newTrainer(
                    new ai.djl.training.DefaultTrainingConfig(ai.djl.training.loss.Loss.l2Loss()))) {
                for (int epoch = 0; epoch < 2; epoch++) {
                    Iterator<int[]> expected = reference.epoch(epoch).iterator();
                    for (Batch b : trainer.iterateDataset(ds)) {
                        try (b) {
                            assertArrayEquals(expected.next(), ReidImageDataset.rows(b), "epoch " + epoch);
                            assertEquals(new Shape(16, 3, 16, 8), b.getData().head().getShape());
                        }
                    }
                    assertTrue(!expected.hasNext(), "fewer batches than the sampler's pass");
                }
            }
        }
    }

    @Test
    void theSamplerAsDjlSamplerFollowsItsPassesEpochAfterEpoch() {
        List<Sample> samples = samples();
        int[] labels = GroundTruth.pids(samples);
        labels[3] = -1;
        JointBatchSampler reference = new JointBatchSampler(samples, labels, 2, 2, 99);
        try (ReidImageDataset ds = ReidImageDataset.builder().samples(samples).transform(ImageTransform.test(SIZE))
                .identities(labels).setSampling(reference).build()) {
            // one pass per DJL epoch: pass 0, then pass 1
            JointBatchSampler perPass = new JointBatchSampler(samples, labels, 2, 2, 99);
            for (int pass = 0; pass < 2; pass++) {
                assertSame(reference.epoch(pass), perPass.sample(ds));
            }
            // fixed steps per epoch: consecutive passes, a pass cut short is not resumed
            int[] rows = java.util.stream.IntStream.range(0, samples.size()).toArray();
            JointBatchSampler stepped = new JointBatchSampler(samples, labels, rows, 2, 2, 99, 7);
            assertEquals(16, stepped.getBatchSize());
            List<int[]> passes = new ArrayList<>();
            int pass = 0;
            while (passes.size() < 7) {
                passes.addAll(reference.epoch(pass++));
            }
            assertSame(passes.subList(0, 7), stepped.sample(ds));
            List<int[]> next = new ArrayList<>();
            while (next.size() < 7) {
                next.addAll(reference.epoch(pass++));
            }
            assertSame(next.subList(0, 7), stepped.sample(ds));
            // a different seed, a different order
            assertNotEquals(java.util.Arrays.toString(reference.epoch(0).get(0)),
                    java.util.Arrays.toString(new JointBatchSampler(samples, labels, 2, 2, 98).epoch(0).get(0)));
        }
    }

    private static void assertSame(List<int[]> expected, Iterator<List<Long>> actual) {
        for (int[] b : expected) {
            assertArrayEquals(b, actual.next().stream().mapToInt(Long::intValue).toArray());
        }
        assertTrue(!actual.hasNext(), "more batches than expected");
    }

    @Test
    void recordsByIndexRoundTrip() throws Exception {
        List<Sample> samples = samples();
        ImageTransform t = ImageTransform.training(SIZE, 0.3);
        try (ReidImageDataset ds = ReidImageDataset.builder().samples(samples).transform(t).groundTruth().optSeed(5)
                .setSampling(new JointBatchSampler(samples, GroundTruth.pids(samples), 2, 2, 1)).build();
                NDManager manager = NDManager.newBaseManager(EngineRuntime.engine().defaultDevice())) {
            assertEquals(samples.size(), ds.size());
            assertEquals(Integer.valueOf(8), ds.getImageWidth().orElseThrow());
            assertEquals(Integer.valueOf(16), ds.getImageHeight().orElseThrow());
            assertEquals(3, ds.getImageChannels());
            for (int i : new int[] {0, 13, samples.size() - 1}) {
                Sample s = samples.get(i);
                assertEquals(s, ds.sample(i));
                Record r = ds.get(manager, i);
                float[] expected = new float[t.length()];
                t.apply(RgbImage.read(s.path()), new Random(SeedMix.of(5, i)), expected, 0);
                assertEquals(new Shape(3, 16, 8), r.getData().head().getShape());
                assertArrayEquals(expected, r.getData().head().toFloatArray());
                assertArrayEquals(expected, ds.get(manager, i).getData().head().toFloatArray(), "reproducible");
                NDList labels = r.getLabels();
                assertEquals(GroundTruth.pid(s), labels.get(0).getInt());
                assertEquals(s.camid(), labels.get(1).getInt());
                assertEquals(s.group().index(), labels.get(2).getInt());
                assertEquals(GroundTruth.clothes(s), labels.get(3).getInt());
                assertEquals(s.scenario().ordinal(), labels.get(4).getInt());
                // the decoded image before the transform, as a DJL Image
                Image img = ds.getImage(i);
                BufferedImage decoded = (BufferedImage) img.getWrappedImage();
                RgbImage rgb = RgbImage.read(s.path());
                assertEquals(rgb.width(), img.getWidth());
                assertEquals(rgb.height(), img.getHeight());
                assertEquals(rgb.pixels()[0], decoded.getRGB(0, 0) & 0xffffff);
            }
        }
        try (ReidImageDataset limited = ReidImageDataset.builder().samples(samples).transform(t).groundTruth()
                .optLimit(5).setSampling(new JointBatchSampler(samples, GroundTruth.pids(samples), 2, 2, 1)).build()) {
            assertEquals(5, limited.size());
        }
    }

    @Test
    void trainingLabelsNeverCarryOutfitsAndTheBuilderChecksItsInputs() {
        List<Sample> samples = samples();
        int[] pseudo = new int[samples.size()];
        JointBatchSampler sampler = new JointBatchSampler(samples, GroundTruth.pids(samples), 2, 2, 1);
        try (ReidImageDataset ds = ReidImageDataset.builder().samples(samples).transform(ImageTransform.test(SIZE))
                .identities(pseudo).setSampling(sampler).build()) {
            for (int i = 0; i < samples.size(); i++) {
                assertEquals(Sample.NO_CLOTHES, ds.label(i, ReidImageDataset.Label.OUTFIT));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ReidImageDataset.builder().samples(samples)
                .transform(ImageTransform.test(SIZE)).identities(new int[3]).setSampling(sampler).build());
        assertThrows(IllegalStateException.class, () -> ReidImageDataset.builder().samples(samples)
                .transform(ImageTransform.test(SIZE)).identities(pseudo).build());
        assertThrows(IllegalArgumentException.class, () -> {
            try (ReidImageDataset small = ReidImageDataset.builder().samples(samples.subList(0, 4))
                    .transform(ImageTransform.test(SIZE)).identities(new int[4]).setSampling(sampler).build()) {
                sampler.sample(small);
            }
        });
    }
}
