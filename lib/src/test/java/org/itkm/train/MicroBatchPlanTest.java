package org.itkm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.itkm.bench.EncoderMemoryModel;
import org.itkm.clip.ClipConfig;
import org.itkm.clip.checkpoint.ClipArchitecture;
import org.itkm.config.RunConfig;
import org.itkm.io.InvalidInputException;
import org.junit.jupiter.api.Test;

/** training.microBatch: the memory count of the encoder and the choice {@code auto} makes from it. */
class MicroBatchPlanTest {
    static final ClipConfig.Vision VIT_B_16 = ClipArchitecture.VIT_B_16.config().vision().withInputSize(256, 128);
    static final long VIT_B_16_PARAMETERS = 86_732_544L; // both patch embeddings and the scenario embedding
    static final long GIB = 1L << 30;

    @Test
    void theCountFollowsTheArchitecture() {
        // 129 tokens: 12 layers x (129 x (8 x 768 + 4 x 3072) + 2 x 12 x 129^2)
        assertEquals(12.0 * (129 * 18432 + 2 * 12 * 129 * 129), EncoderMemoryModel.savedFloatsPerImage(VIT_B_16));
        // 224 x 224 has 197 tokens: the attention term grows with their square
        double square = EncoderMemoryModel.savedFloatsPerImage(VIT_B_16.withInputSize(224, 224));
        assertEquals(12.0 * (197 * 18432 + 2 * 12 * 197 * 197), square);
    }

    @Test
    void aLargeGpuTakesThePaperBatchWhole() {
        MicroBatchPlan p = MicroBatchPlan.fit(VIT_B_16, VIT_B_16_PARAMETERS,
                new MicroBatchPlan.DeviceMemory("gpu(0)", 138 * GIB, 140 * GIB), 192, "stage1");
        assertEquals(0, p.images());
        assertTrue(p.message().contains("whole batch") && p.message().contains("gpu(0)"), p.message());
    }

    @Test
    void aSmallerGpuGetsTheLargestMicroBatchThatFits() {
        MicroBatchPlan.DeviceMemory card = new MicroBatchPlan.DeviceMemory("gpu(0)", 22 * GIB, 24 * GIB);
        MicroBatchPlan p = MicroBatchPlan.fit(VIT_B_16, VIT_B_16_PARAMETERS, card, 192, "stage3");
        int n = p.images();
        assertTrue(n > 0 && n < 192, "micro-batch " + n);
        double perImage = EncoderMemoryModel.trainingBytesPerImage(VIT_B_16);
        double fixed = 12.0 * VIT_B_16_PARAMETERS + Math.max(GIB, 0.1 * card.totalBytes());
        assertTrue(fixed + n * perImage <= card.freeBytes(), "fits");
        assertTrue(fixed + (n + 1) * perImage > card.freeBytes(), "and one more would not");
        assertTrue(p.message().contains(n + " images per pass"), p.message());
    }

    @Test
    void tooLittleMemoryIsAnErrorSayingWhatToDo() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MicroBatchPlan.fit(VIT_B_16,
                VIT_B_16_PARAMETERS, new MicroBatchPlan.DeviceMemory("gpu(0)", 2 * GIB, 4 * GIB), 192, "stage1"));
        assertTrue(e.getMessage().contains("not even one image") && e.getMessage().contains("data.height"),
                e.getMessage());
    }

    @Test
    void fixedValuesAreTakenAsTheyAre() {
        RunConfig sixteen = RunConfig.load("quick", null, List.of("training.microBatch=16")).config();
        assertEquals(16, MicroBatchPlan.choose(sixteen, VIT_B_16, VIT_B_16_PARAMETERS, ai.djl.Device.cpu(), 192, "s")
                .images());
        RunConfig quick = RunConfig.load("quick", null, List.of()).config();
        assertEquals(0, MicroBatchPlan.choose(quick, VIT_B_16, VIT_B_16_PARAMETERS, ai.djl.Device.cpu(), 192, "s")
                .images());
        assertEquals("auto", RunConfig.load("paper", null, List.of()).config().training().microBatch());
    }

    @Test
    void badValuesAreRefusedByName() {
        Exception e = assertThrows(Exception.class,
                () -> RunConfig.load("quick", null, List.of("training.microBatch=half")));
        assertTrue(e.getMessage().contains("training.microBatch"), e.getMessage());
    }
}
