package org.itkm.train;

import ai.djl.Device;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.itkm.data.ImageBatchLoader;
import org.itkm.data.ImageTransform;
import org.itkm.data.InputSize;
import org.itkm.data.Sample;
import org.itkm.io.FloatMatrix;
import org.itkm.model.ClipInference;
import org.itkm.model.ClipModel;

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
        try (ImageBatchLoader loader = new ImageBatchLoader(samples, ImageTransform.test(size));
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
}
