package org.itkm.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.itkm.runtime.OwnedArrays;

/** Builders of the 0/1 positive masks the contrastive losses take (PyTorch-owned copies: see {@link OwnedArrays}). */
public final class Positives {
    private Positives() {}

    /** B×classes one-hot rows; a label of -1 (noise, unmatched) gives an empty row, which the loss skips. */
    public static NDArray oneHot(NDManager manager, int[] labels, int classes) {
        float[] m = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " >= number of classes " + classes);
            }
            if (labels[i] >= 0) {
                m[i * classes + labels[i]] = 1;
            }
        }
        return OwnedArrays.floats(manager, m, new Shape(labels.length, classes));
    }

    /** B×N rows marking, for each anchor, the columns listed in {@code sets[i]} (may be empty). */
    public static NDArray fromSets(NDManager manager, int[][] sets, int columns) {
        float[] m = new float[sets.length * columns];
        for (int i = 0; i < sets.length; i++) {
            for (int j : sets[i]) {
                m[i * columns + j] = 1;
            }
        }
        return OwnedArrays.floats(manager, m, new Shape(sets.length, columns));
    }

    /** A×B mask of equal labels (SupCon positives). */
    public static NDArray sameLabel(NDManager manager, int[] a, int[] b) {
        float[] m = new float[a.length * b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                m[i * b.length + j] = a[i] == b[j] ? 1 : 0;
            }
        }
        return OwnedArrays.floats(manager, m, new Shape(a.length, b.length));
    }
}
