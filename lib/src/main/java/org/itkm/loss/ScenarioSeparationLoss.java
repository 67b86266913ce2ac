package org.itkm.loss;

import org.itkm.runtime.Scalars;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The multi-scenario separation loss (Eq. 8): a hinge pushing text representations of different
 * scenarios apart, {@code mean over in-batch pairs (a, b) with s_a ≠ s_b of [cos(t_a, t_b) - m]_+}.
 * Zero (attached to the graph) when the batch holds a single scenario.
 */
public final class ScenarioSeparationLoss {
    private final float margin;

    public ScenarioSeparationLoss(double margin) {
        this.margin = (float) margin;
    }

    /**
     * @param text B×D text representations
     * @param scenario the scenario index of each row
     */
    public NDArray compute(NDArray text, int[] scenario) {
        try (NDManager scope = NDManager.subManagerOf(text)) {
            scope.tempAttachAll(text);
            int b = scenario.length;
            float[] m = new float[b * b];
            int pairs = 0;
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < b; j++) {
                    if (scenario[i] != scenario[j]) {
                        m[i * b + j] = 1;
                        pairs++;
                    }
                }
            }
            if (pairs == 0) {
                return scope.ret(Scalars.mul(text.sum(), 0f));
            }
            NDArray n = InfoNce.normalize(text);
            NDArray hinge = Scalars.maximum(Scalars.sub(n.matMul(n.transpose()), margin), 0f);
            NDArray mask = org.itkm.runtime.OwnedArrays.floats(scope, m, new Shape(b, b));
            return scope.ret(Scalars.div(hinge.mul(mask).sum(), (float) pairs));
        }
    }
}
