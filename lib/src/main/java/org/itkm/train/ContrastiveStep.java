package org.itkm.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.itkm.data.ImageBatchLoader;
import org.itkm.data.Sample;
import org.itkm.model.ClipModel;

/**
 * One optimisation step of the image encoder: load and augment a batch, encode every image through its
 * group's branch (and scenario embedding), evaluate a loss on the features, check it is finite,
 * back-propagate, check the gradients, update with Adam. Every temporary lives in a per-step manager.
 */
final class ContrastiveStep {
    /** The loss of one step from the batch's image features (B×D, in batch order). */
    @FunctionalInterface
    interface Loss {
        NDArray of(NDArray features, NDManager step);
    }

    private final ClipModel model;
    private final ParameterStore ps;
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();
    private final NDManager manager;
    private final Device device;

    ContrastiveStep(ClipModel model, NDManager manager) {
        this.model = model;
        this.manager = manager;
        this.device = manager.getDevice();
        this.ps = new ParameterStore(manager, false);
        model.text().freezeParameters(true);
        model.vision().freezeParameters(false);
        for (var p : model.vision().getParameters()) {
            Parameter param = p.getValue();
            parameters.put(p.getKey(), param.getArray());
        }
    }

    Map<String, NDArray> parameters() {
        return parameters;
    }

    /** Runs one step; returns the loss value and the batch's features (host copy, for memory updates). */
    Result run(ImageBatchLoader loader, List<Sample> samples, int[] batch, boolean scenarioEmbedding,
            boolean mergeGroups, long augmentSeed, Loss loss, AdamOptimizer adam, double lr, String stage, int epoch,
            int stepIndex) {
        int[] groups = new int[batch.length];
        int[] scen = new int[batch.length];
        for (int i = 0; i < batch.length; i++) {
            Sample s = samples.get(batch[i]);
            groups[i] = mergeGroups ? 0 : s.group().index();
            scen[i] = scenarioEmbedding ? s.scenario().ordinal() : -1;
        }
        try (NDManager step = manager.newSubManager(device)) {
            NDArray images = loader.batch(step, batch, augmentSeed);
            float value;
            NDArray features;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                features = model.vision().encode(ps, images, groups, scen, true);
                NDArray l = loss.of(features, step);
                value = l.getFloat();
                if (!Float.isFinite(value)) {
                    throw new NonFiniteTrainingException(stage, epoch, stepIndex, "the loss", value);
                }
                gc.backward(l);
            }
            double gradSquares = 0;
            for (NDArray p : parameters.values()) {
                if (p.hasGradient()) {
                    NDArray g = p.getGradient();
                    g.attach(step); // a new handle: free it (and what it computes) with the step
                    gradSquares += g.square().sum().getFloat();
                }
            }
            if (!Double.isFinite(gradSquares)) {
                throw new NonFiniteTrainingException(stage, epoch, stepIndex, "the gradient norm", gradSquares);
            }
            adam.step(parameters, lr);
            return new Result(value, features.toFloatArray(), Math.sqrt(gradSquares));
        }
    }

    /** A step's loss, the batch features (B×D, row-major) and the gradient norm. */
    record Result(float loss, float[] features, double gradientNorm) {}
}
