package org.itkm.report;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.itkm.config.RunConfig;
import org.itkm.eval.EncoderRepresentation;
import org.itkm.model.ClipCheckpoint;
import org.itkm.model.ClipModel;
import org.itkm.runtime.EngineRuntime;
import org.itkm.train.ClipSource;
import org.itkm.train.TrainingData;

/**
 * A finished run's data sets read again as the run read them: the same folders, and CC divided by the
 * same pre-trained CLIP's features (k-means with the run's seed), so groups and sample order are the
 * run's. Figures that need to know which image a run's row was (S4, rank lists) start here.
 */
final class RunData {
    private RunData() {}

    /** @param c the run's configuration, paths already resolved against the checkout */
    static TrainingData load(RunConfig c, Path home) {
        Path clip = ClipSource.resolve(c, home.resolve("results"));
        try (ClipCheckpoint ckpt = ClipCheckpoint.open(clip);
                NDManager m = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            ClipModel initial = ClipModel.create(ckpt.config().withInputSize(c.data().height(), c.data().width()), m);
            initial.load(ckpt.tensors());
            return TrainingData.load(c, new EncoderRepresentation(initial, m.getDevice(), "pre-trained CLIP image"
                    + " features (" + clip.getFileName() + ")"));
        }
    }
}
