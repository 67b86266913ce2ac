package org.itkm.eval.dataset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.itkm.data.GroundTruth;
import org.itkm.data.Sample;
import org.itkm.io.FloatMatrix;
import smile.classification.LogisticRegression;

/**
 * What image features encode: a linear probe per attribute (multinomial logistic regression, Smile) trained
 * on the images of half of the identities and scored on the other half. Holding out whole identities
 * matters: a probe that saw the person would answer from identity, not from the attribute. A trait that
 * persists through a change of clothes (hair, skin, bag) but probes at the constant classifier's accuracy is
 * one that no clothes-changing matching built on these features can use.
 */
public final class AttributeProbe {
    /** L2 penalty of the probe (Smile's lambda); small, the probes have far fewer weights than images. */
    public static final double LAMBDA = 0.1;

    private AttributeProbe() {}

    /**
     * @param attribute the attribute probed
     * @param trainImages images of the probe's identities (known value)
     * @param testImages images of the held-out identities (known value)
     * @param values distinct values seen
     * @param accuracy share of held-out images whose value the probe predicts
     * @param constant share of held-out images with the training half's most common value (what a probe
     *     that ignores the features gets)
     */
    public record Score(String attribute, int trainImages, int testImages, int values, double accuracy,
            double constant) {}

    /**
     * Probes every attribute on the same identity split: identities in ascending order alternate between
     * the probe's half and the held-out half.
     *
     * @param features one row per sample (L2-normalised here)
     * @param valueOf an attribute's value of a sample for each attribute name; blank or null = unknown,
     *     left out
     */
    public static List<Score> probe(FloatMatrix features, List<Sample> samples,
            Map<String, Function<Sample, String>> valueOf) {
        if (features.rows() != samples.size()) {
            throw new IllegalArgumentException(features.rows() + " feature rows for " + samples.size() + " samples");
        }
        double[][] x = features.toDoubleRows(true);
        boolean[] held = heldOutHalf(samples);
        List<Score> out = new ArrayList<>();
        for (Map.Entry<String, Function<Sample, String>> a : valueOf.entrySet()) {
            out.add(score(a.getKey(), x, samples, held, a.getValue()));
        }
        return out;
    }

    private static Score score(String attribute, double[][] x, List<Sample> samples, boolean[] held,
            Function<Sample, String> valueOf) {
        Map<String, Integer> code = new LinkedHashMap<>();
        List<double[]> trainX = new ArrayList<>();
        List<Integer> trainY = new ArrayList<>();
        List<double[]> testX = new ArrayList<>();
        List<String> testY = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>();
        for (int i = 0; i < samples.size(); i++) {
            String v = valueOf.apply(samples.get(i));
            if (v == null || v.isBlank()) {
                continue;
            }
            seen.add(v);
            if (held[i]) {
                testX.add(x[i]);
                testY.add(v);
            } else {
                trainX.add(x[i]);
                trainY.add(code.computeIfAbsent(v, k -> code.size()));
            }
        }
        if (testY.isEmpty() || trainY.isEmpty()) {
            return new Score(attribute, trainY.size(), testY.size(), seen.size(), Double.NaN, Double.NaN);
        }
        String[] names = code.keySet().toArray(new String[0]);
        int[] counts = new int[names.length];
        trainY.forEach(c -> counts[c]++);
        int common = 0;
        for (int c = 1; c < counts.length; c++) {
            common = counts[c] > counts[common] ? c : common;
        }
        // with one value in the probe's half there is nothing to fit: the probe is the constant classifier
        LogisticRegression model = names.length < 2 ? null : LogisticRegression.fit(trainX.toArray(new double[0][]),
                trainY.stream().mapToInt(Integer::intValue).toArray(), LAMBDA, 1e-5, 500);
        int right = 0;
        int constant = 0;
        for (int i = 0; i < testY.size(); i++) {
            int guess = model == null ? common : model.predict(testX.get(i));
            right += names[guess].equals(testY.get(i)) ? 1 : 0;
            constant += names[common].equals(testY.get(i)) ? 1 : 0;
        }
        return new Score(attribute, trainY.size(), testY.size(), seen.size(), (double) right / testY.size(),
                (double) constant / testY.size());
    }

    /** Which samples belong to the held-out identities (every second identity in ascending order). */
    static boolean[] heldOutHalf(List<Sample> samples) {
        TreeSet<Integer> ids = new TreeSet<>();
        for (Sample s : samples) {
            ids.add(GroundTruth.pid(s));
        }
        Map<Integer, Boolean> held = new HashMap<>();
        boolean next = false;
        for (int id : ids) {
            held.put(id, next);
            next = !next;
        }
        boolean[] out = new boolean[samples.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = held.get(GroundTruth.pid(samples.get(i)));
        }
        return out;
    }
}
