package org.itkm.train;

import ai.djl.ndarray.NDArray;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The named terms of a stage's loss (fast-reid's {@code loss_dict}): each step adds every term's value (as
 * weighted in the loss, so the terms sum to it), a term that is not finite stops training naming it, and
 * each epoch's mean per step goes into metrics.csv as {@code loss_<term>} (NaN for a term no step used).
 * Reading a term's value changes no arithmetic of the loss or its gradient.
 */
final class LossTerms implements EpochListener {
    private final String stage;
    private final Map<String, String> descriptions;
    private final Map<String, Double> sums = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>();
    private int epoch;
    private int step = -1;

    /** @param terms each term's column suffix and what the error calls it, in column order */
    LossTerms(String stage, Map<String, String> terms) {
        this.stage = stage;
        this.descriptions = new LinkedHashMap<>(terms);
    }

    /** The column names, in order. */
    List<String> columns() {
        return descriptions.keySet().stream().map(k -> "loss_" + k).toList();
    }

    /** Starts an epoch's sums. */
    void startEpoch(int e) {
        epoch = e;
        step = -1;
        sums.clear();
        used.clear();
    }

    /** Starts a step (the stage's loss is computed once per step). */
    void startStep() {
        step++;
    }

    /**
     * Adds a term's value of this step (a scalar) and returns the term.
     *
     * @throws NonFiniteTrainingException naming the term when its value is NaN or infinite
     */
    NDArray add(String term, NDArray value) {
        if (!descriptions.containsKey(term)) {
            throw new IllegalArgumentException("unknown loss term " + term + "; expected one of " + descriptions.keySet());
        }
        float v = value.getFloat();
        if (!Float.isFinite(v)) {
            throw new NonFiniteTrainingException(stage, epoch, Math.max(step, 0), "the " + descriptions.get(term)
                    + " term of the loss (metrics.csv loss_" + term + ")", v);
        }
        sums.merge(term, (double) v, Double::sum);
        used.add(term);
        return value;
    }

    @Override
    public void epochEnded(EpochEnd end) {
        int steps = step + 1;
        for (String k : descriptions.keySet()) {
            end.row().put("loss_" + k, steps == 0 || !used.contains(k) ? Double.NaN : sums.get(k) / steps);
        }
    }
}
