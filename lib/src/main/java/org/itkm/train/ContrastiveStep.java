package org.itkm.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.itkm.data.Sample;
import org.itkm.model.ClipModel;

/**
 * One optimisation step of the image encoder on a loaded batch (the images of a DJL {@code Batch}): encode
 * every image through its group's branch (and scenario embedding), evaluate a loss on the features, check
 * it is finite, back-propagate, check the gradients, update with Adam. Every temporary lives in a per-step
 * manager or in the images' own (the batch's, closed with it).
 *
 * <p>With a micro-batch smaller than the batch the encoder never holds more than one micro-batch's
 * activations, and the update still equals the whole batch's (to float rounding), whatever the loss
 * couples: the features of the whole batch are computed first without a graph, the loss and its
 * gradient with respect to those features are computed once on the whole batch (so a memory contrast
 * over the P×K block or a batch-wide SupCon is exactly the whole-batch loss), and then each micro-batch
 * is encoded again with its graph and back-propagates its rows of that gradient (the "gradient cache"
 * of Gao et al. 2021). PyTorch accumulates the micro-batches' parameter gradients; the cost is one more
 * forward pass per step. The encoder is deterministic (no dropout; augmentation happens in the loader),
 * so the second pass recomputes the same features.
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
    private final int microBatch;

    /** @param microBatch images per encoder pass; 0 (or the batch size or more) = the whole batch at once */
    ContrastiveStep(ClipModel model, NDManager manager, int microBatch) {
        if (microBatch < 0) {
            throw new IllegalArgumentException("microBatch must be >= 0, got " + microBatch);
        }
        this.model = model;
        this.manager = manager;
        this.microBatch = microBatch;
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

    /**
     * Runs one step; returns the loss value and the batch's features (host copy, for memory updates).
     *
     * @param images the batch's images (B, 3, H, W), augmented
     * @param batch the images' sample rows
     */
    Result run(NDArray images, List<Sample> samples, int[] batch, boolean scenarioEmbedding, boolean mergeGroups,
            Loss loss, AdamOptimizer adam, double lr, String stage, int epoch, int stepIndex) {
        Result r = backward(images, samples, batch, scenarioEmbedding, mergeGroups, loss, stage, epoch, stepIndex);
        adam.step(parameters, lr);
        return r;
    }

    /**
     * A step without its update: the loss, its (checked) gradients accumulated in the parameters, and the
     * batch's features. {@link #run} updates with Adam, which also zeroes the gradients.
     */
    Result backward(NDArray images, List<Sample> samples, int[] batch, boolean scenarioEmbedding,
            boolean mergeGroups, Loss loss, String stage, int epoch, int stepIndex) {
        int[] groups = new int[batch.length];
        int[] scen = new int[batch.length];
        for (int i = 0; i < batch.length; i++) {
            Sample s = samples.get(batch[i]);
            groups[i] = mergeGroups ? 0 : s.group().index();
            scen[i] = scenarioEmbedding ? s.scenario().ordinal() : -1;
        }
        try (NDManager step = manager.newSubManager(device)) {
            float value;
            NDArray features;
            if (microBatch == 0 || microBatch >= batch.length) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    features = model.vision().encode(ps, images, groups, scen, true);
                    NDArray l = loss.of(features, step);
                    value = checkedLoss(l, stage, epoch, stepIndex);
                    gc.backward(l);
                }
            } else {
                features = encodeWithoutGraph(images, groups, scen, step);
                NDArray leaf = features.duplicate(); // the loss's input: a leaf whose gradient is dL/df
                leaf.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray l = loss.of(leaf, step);
                    value = checkedLoss(l, stage, epoch, stepIndex);
                    gc.backward(l);
                    NDArray featureGradient = leaf.getGradient();
                    featureGradient.attach(step);
                    for (int from = 0; from < batch.length; from += microBatch) {
                        int to = Math.min(batch.length, from + microBatch);
                        // the micro-batch's activations live in its own manager: freed before the next one
                        try (NDManager part = step.newSubManager()) {
                            NDArray x = images.get(from + ":" + to);
                            x.attach(part);
                            NDArray g = featureGradient.get(from + ":" + to);
                            g.attach(part);
                            NDArray f = model.vision().encode(ps, x, slice(groups, from, to), slice(scen, from, to),
                                    true);
                            gc.backward(f.mul(g).sum()); // d/dθ Σ f·g = Σ g ∂f/∂θ: this part's share of dL/dθ
                        }
                    }
                }
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
            return new Result(value, features.toFloatArray(), Math.sqrt(gradSquares));
        }
    }

    /** The batch's features, one micro-batch at a time, with no autograd graph (grad mode is off here). */
    private NDArray encodeWithoutGraph(NDArray images, int[] groups, int[] scen, NDManager step) {
        NDList parts = new NDList();
        for (int from = 0; from < groups.length; from += microBatch) {
            int to = Math.min(groups.length, from + microBatch);
            try (NDManager part = step.newSubManager()) {
                NDArray x = images.get(from + ":" + to);
                x.attach(part);
                NDArray f = model.vision().encode(ps, x, slice(groups, from, to), slice(scen, from, to), true);
                f.attach(step);
                parts.add(f);
            }
        }
        NDArray all = NDArrays.concat(parts);
        all.attach(step);
        return all;
    }

    private static float checkedLoss(NDArray l, String stage, int epoch, int stepIndex) {
        float value = l.getFloat();
        if (!Float.isFinite(value)) {
            throw new NonFiniteTrainingException(stage, epoch, stepIndex, "the loss", value);
        }
        return value;
    }

    private static int[] slice(int[] a, int from, int to) {
        return java.util.Arrays.copyOfRange(a, from, to);
    }

    /** A step's loss, the batch features (B×D, row-major) and the gradient norm. */
    record Result(float loss, float[] features, double gradientNorm) {}
}
