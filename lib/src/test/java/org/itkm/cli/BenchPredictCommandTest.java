package org.itkm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code itkm bench predict} on the records of a real rehearsal run. */
class BenchPredictCommandTest extends CommandTestBase {
    @Test
    void predictsEveryStageAndTheMicroBatchOfEachGpu() throws Exception {
        Path run = Path.of(getClass().getResource("/golden/rehearsal/run/manifest.json").toURI()).getParent();
        assertEquals(0, run("bench", "predict", "--rehearsal", run.toString(), "--gpu-tflops", "40"), err);
        // the paper schedule's encoder work at the rehearsal's group sizes (56,879 training images)
        assertTrue(out.matches("(?s).*\\| stage1 \\| 50\\s+\\|\\s+199\\.4 \\|.*"), out);
        assertTrue(out.matches("(?s).*\\| all\\s+\\|\\s+\\|\\s+405\\.3 \\|.*"), out);
        assertTrue(out.contains("24 GiB: 150 images per pass, 2 passes"), out);
        assertTrue(out.contains("141 GiB: the whole batch in one pass"), out);
    }

    @Test
    void aFolderThatIsNoRunIsNamed() {
        assertEquals(2, run("bench", "predict", "--rehearsal", dir.toString()));
        assertTrue(err.contains(dir + ": not a run directory"), err);
    }
}
