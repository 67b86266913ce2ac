package org.itkm.bench;

import java.util.List;
import org.itkm.clip.ClipConfig;

/**
 * What a training pass of the image encoder needs in memory. Per image it is the float32 tensors
 * autograd keeps for the backward pass of a pre-LN transformer layer, counted from the architecture:
 * per token the layer norm inputs and outputs, q, k, v, the attended values and the residual sum
 * (8 × width) and the MLP's input, scaled input, sigmoid and product (4 × MLP width), plus the attention
 * scores and probabilities (2 × heads × tokens), times the layers. Checked against the peaks that
 * {@code itkm bench memory} measured (fresh JVM per pass, DJL 0.32 / PyTorch 2.5.1, CPU): ViT-B/16 at
 * 256×128 127 MiB counted vs 117 measured, at 224×224 209 vs 196; the pocket encoder at 64×32 1.7 vs 2.3
 * (its embeddings and inputs, left out of the count, weigh more beside its small layers). So the count
 * is used as it is: a few per cent above what ViT-B/16 needs.
 */
public final class EncoderMemoryModel {
    private EncoderMemoryModel() {}

    /** Float32 values autograd keeps per image for the encoder's backward pass (the structural count). */
    public static double savedFloatsPerImage(ClipConfig.Vision v) {
        double tokens = (double) v.gridHeight() * v.gridWidth() + 1;
        double perLayer = tokens * (8.0 * v.width() + 4.0 * v.mlpDim()) + 2.0 * v.heads() * tokens * tokens;
        return v.layers() * perLayer;
    }

    /** Predicted bytes per image of a forward + backward pass. */
    public static double trainingBytesPerImage(ClipConfig.Vision v) {
        return 4 * savedFloatsPerImage(v);
    }

    /** A least-squares line peak = fixed + perImage × batch through measured passes. */
    public record Fit(double fixedMiB, double mibPerImage, double largestResidualMiB) {
        public static Fit of(List<EncoderMemoryBenchmark.Pass> passes) {
            int n = passes.size();
            if (n == 0) {
                return new Fit(Double.NaN, Double.NaN, Double.NaN);
            }
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double sxy = 0;
            for (EncoderMemoryBenchmark.Pass p : passes) {
                sx += p.batch();
                sy += p.peakMiB();
                sxx += (double) p.batch() * p.batch();
                sxy += p.batch() * p.peakMiB();
            }
            double den = n * sxx - sx * sx;
            double slope = den == 0 ? sy / sx : (n * sxy - sx * sy) / den;
            double intercept = den == 0 ? 0 : (sy - slope * sx) / n;
            double worst = 0;
            for (EncoderMemoryBenchmark.Pass p : passes) {
                worst = Math.max(worst, Math.abs(p.peakMiB() - (intercept + slope * p.batch())));
            }
            return new Fit(intercept, slope, worst);
        }

        public double predictMiB(int batch) {
            return fixedMiB + mibPerImage * batch;
        }
    }
}
