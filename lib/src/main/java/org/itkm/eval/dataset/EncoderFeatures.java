package org.itkm.eval.dataset;

import ai.djl.Device;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.itkm.clip.ClipModel;
import org.itkm.clip.inference.ClipInference;
import org.itkm.data.ImageBatchLoader;
import org.itkm.data.ImageTransform;
import org.itkm.data.InputSize;
import org.itkm.data.Sample;
import org.itkm.io.FloatMatrix;

/**
 * Image features of a list of samples under the test transform (resize + normalise), decoded in
 * parallel, through one branch and scenario embedding of the image encoder: what clustering, memory
 * initialisation and evaluation read. Not normalised.
 */
public final class EncoderFeatures {
    private EncoderFeatures() {}

    /**
     * @param branch 0 = patch embedding A, 1 = B
     * @param scenario scenario-embedding row, or -1 for none
     */
    public static FloatMatrix of(ClipModel model, Device device, List<Sample> samples, int branch, int scenario,
            int batchSize) {
        var v = model.config().vision();
        InputSize size = new InputSize(v.inputHeight(), v.inputWidth());
        int dim = model.config().projectionDim();
        float[] out = new float[samples.size() * dim];
        int per = 3 * size.pixels();
        ByteBuffer buf = ByteBuffer.allocateDirect(4 * per * batchSize).order(ByteOrder.nativeOrder());
        // one pass reads every image once: a cache would only hold up to a quarter of the heap until the
        // pass ends (beside the training loader's own), never be read
        try (ImageBatchLoader loader = new ImageBatchLoader(samples, ImageTransform.test(size),
                Runtime.getRuntime().availableProcessors(), 0);
                ClipInference inference = ClipInference.of(model, device)) {
            for (int start = 0; start < samples.size(); start += batchSize) {
                int n = Math.min(batchSize, samples.size() - start);
                int[] idx = java.util.stream.IntStream.range(start, start + n).toArray();
                float[] f = inference.encodePixels(loader.load(idx, 0), n, branch, scenario, buf);
                System.arraycopy(f, 0, out, start * dim, n * dim);
            }
        }
        return new FloatMatrix(samples.size(), dim, out);
    }

    /**
     * Features of samples that may belong to different groups and scenarios: each image through its own
     * group's branch (branch A for all when {@code mergeGroups}) and its scenario's embedding row (none
     * unless {@code scenarioEmbedding}), as the paper's test feature (DESIGN.md section 7).
     */
    public static FloatMatrix ofOwnBranches(ClipModel model, Device device, List<Sample> samples,
            boolean mergeGroups, boolean scenarioEmbedding, int batchSize) {
        int dim = model.config().projectionDim();
        float[] out = new float[samples.size() * dim];
        java.util.Map<String, List<Integer>> byBranch = new java.util.TreeMap<>();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            int branch = mergeGroups ? 0 : s.group().index();
            int scen = scenarioEmbedding ? s.scenario().ordinal() : -1;
            byBranch.computeIfAbsent(branch + "/" + scen, k -> new java.util.ArrayList<>()).add(i);
        }
        for (var e : byBranch.entrySet()) {
            String[] key = e.getKey().split("/");
            List<Sample> part = e.getValue().stream().map(samples::get).toList();
            FloatMatrix f = of(model, device, part, Integer.parseInt(key[0]), Integer.parseInt(key[1]), batchSize);
            for (int j = 0; j < part.size(); j++) {
                System.arraycopy(f.data(), j * dim, out, e.getValue().get(j) * dim, dim);
            }
        }
        return new FloatMatrix(samples.size(), dim, out);
    }
}
