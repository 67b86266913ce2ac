package org.itkm.clip.zeroshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.itkm.clip.inference.ClipInference;
import org.itkm.clip.tokenizer.ClipTokenizer;
import org.itkm.io.FloatMatrix;
import org.itkm.io.InvalidInputException;

/**
 * Zero-shot checks that a CLIP learned image-text correspondences: attribute retrieval (for every image,
 * the attribute value whose prompt, e.g. "a person in a red coat", is most similar must be the image's
 * true value) and caption retrieval (the most similar of the distinct captions must be the image's own).
 * Cosine similarity of the un-normalised features.
 */
public final class ZeroShotRetrieval {
    private ZeroShotRetrieval() {}

    /**
     * An accuracy next to its chance level.
     *
     * @param task what was retrieved
     * @param images images scored
     * @param candidates candidate texts per image
     * @param accuracy fraction of images whose best text is the right one
     * @param chance accuracy of guessing uniformly (1 / candidates)
     */
    public record Score(String task, int images, int candidates, double accuracy, double chance) {}

    /**
     * Attribute retrieval: prompts {@code template.replace("{}", value)} for every value of {@code attribute}
     * seen in {@code items} (underscores read as spaces).
     *
     * @param imageFeatures one row per item, in order
     */
    public static Score attribute(ClipInference clip, ClipTokenizer tokenizer, List<CaptionedImage> items,
            FloatMatrix imageFeatures, String attribute, String template) {
        TreeSet<String> values = new TreeSet<>();
        for (CaptionedImage it : items) {
            String v = it.attributes().get(attribute);
            if (v == null) {
                throw new InvalidInputException("item " + it.image() + " has no attribute '" + attribute + "'");
            }
            values.add(v);
        }
        List<String> valueList = new ArrayList<>(values);
        List<String> prompts = new ArrayList<>();
        for (String v : valueList) {
            prompts.add(template.replace("{}", v.replace('_', ' ')));
        }
        int[] truth = new int[items.size()];
        for (int i = 0; i < items.size(); i++) {
            truth[i] = valueList.indexOf(items.get(i).attributes().get(attribute));
        }
        return score(attribute + " (\"" + template + "\")", clip, tokenizer, imageFeatures, prompts, truth);
    }

    /** Caption retrieval among the distinct captions of {@code items}. */
    public static Score caption(ClipInference clip, ClipTokenizer tokenizer, List<CaptionedImage> items,
            FloatMatrix imageFeatures) {
        Map<String, Integer> index = new LinkedHashMap<>();
        int[] truth = new int[items.size()];
        for (int i = 0; i < items.size(); i++) {
            truth[i] = index.computeIfAbsent(items.get(i).caption(), k -> index.size());
        }
        return score("caption", clip, tokenizer, imageFeatures, new ArrayList<>(index.keySet()), truth);
    }

    private static Score score(String task, ClipInference clip, ClipTokenizer tokenizer, FloatMatrix images,
            List<String> texts, int[] truth) {
        int context = clip.model().config().text().contextLength();
        int[][] ids = new int[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            ids[i] = tokenizer.encode(texts.get(i), context);
        }
        FloatMatrix t = normalised(clip.encodeTokenIds(ids, 256, false));
        FloatMatrix f = normalised(images);
        int correct = 0;
        for (int i = 0; i < f.rows(); i++) {
            int best = -1;
            double bestSim = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < t.rows(); j++) {
                double s = 0;
                for (int k = 0; k < f.cols(); k++) {
                    s += f.get(i, k) * t.get(j, k);
                }
                if (s > bestSim) {
                    bestSim = s;
                    best = j;
                }
            }
            correct += best == truth[i] ? 1 : 0;
        }
        return new Score(task, f.rows(), t.rows(), correct / (double) f.rows(), 1.0 / t.rows());
    }

    private static FloatMatrix normalised(FloatMatrix m) {
        float[] out = m.data().clone();
        for (int i = 0; i < m.rows(); i++) {
            double n = 0;
            for (int k = 0; k < m.cols(); k++) {
                n += out[i * m.cols() + k] * out[i * m.cols() + k];
            }
            double inv = n > 0 ? 1 / Math.sqrt(n) : 0;
            for (int k = 0; k < m.cols(); k++) {
                out[i * m.cols() + k] *= inv;
            }
        }
        return new FloatMatrix(m.rows(), m.cols(), out);
    }
}
