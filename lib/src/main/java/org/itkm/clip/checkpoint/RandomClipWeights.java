package org.itkm.clip.checkpoint;

import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.itkm.clip.ClipConfig;
import org.itkm.clip.HostTensor;
import org.itkm.clip.TensorSource;

/**
 * Random CLIP weights under Hugging Face names, made on demand and the same for the same seed and name
 * (each tensor has its own generator, so a writer can stream them one by one and a test can regenerate
 * any of them). Values follow the usual CLIP/ViT start: N(0, 0.02) weights, LayerNorm gains near 1,
 * logit scale log(1/0.07); biases and LayerNorm shifts are small but not zero, so that a tensor put
 * under the wrong name or transposed changes the features. They are not pre-trained: features from
 * them mean nothing.
 */
public final class RandomClipWeights implements TensorSource {
    private static final float STD = 0.02f;
    private final Map<String, long[]> shapes;
    private final long seed;
    private final String origin;

    public RandomClipWeights(ClipConfig config, long seed) {
        this.shapes = ClipParameterLayout.huggingFace(config);
        this.seed = seed;
        this.origin = "random CLIP weights (seed " + seed + ")";
    }

    @Override
    public Set<String> names() {
        return shapes.keySet();
    }

    @Override
    public long[] shape(String name) {
        return shapes.get(name).clone();
    }

    @Override
    public HostTensor read(String name) {
        long[] shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'");
        }
        float[] v = new float[(int) HostTensor.elementCount(shape)];
        if (name.equals("logit_scale")) {
            v[0] = (float) Math.log(1 / 0.07);
            return new HostTensor(shape.clone(), v);
        }
        SplittableRandom rng = new SplittableRandom(seed ^ (name.hashCode() * 0x9E3779B97F4A7C15L));
        boolean norm = name.contains("norm") || name.contains("layrnorm");
        float mean = norm && name.endsWith(".weight") ? 1f : 0f;
        float std = name.endsWith("class_embedding") ? (float) Math.pow(shape[0], -0.5)
                : name.endsWith("position_embedding.weight") ? 0.01f : STD;
        for (int i = 0; i < v.length; i++) {
            v[i] = mean + std * (float) rng.nextGaussian();
        }
        return new HostTensor(shape.clone(), v);
    }

    @Override
    public String origin() {
        return origin;
    }
}
