package org.itkm.lab;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.BiFunction;
import org.itkm.runtime.OwnedArrays;

/**
 * A loss's value and its gradient with respect to one input, for the loss labs' checks: the student's loss
 * is trained through, so a right value with a detached or wrong gradient is still wrong.
 */
public final class LossProbe {
    /** The loss's shape, value (if scalar) and gradient (row-major, same shape as the input). */
    public record Outcome(Shape shape, double value, float[] gradient) {
        public boolean scalar() {
            return shape.dimension() == 0 || (shape.size() == 1 && shape.dimension() <= 1);
        }
    }

    private LossProbe() {}

    /**
     * @param input the input's values (row-major), given to the loss as a B×D array that requires a gradient
     * @param loss the loss of (input, manager for any other arrays it needs)
     */
    public static Outcome of(float[] input, int rows, int cols, BiFunction<NDArray, NDManager, NDArray> loss) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = OwnedArrays.floats(m, input, new Shape(rows, cols));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.apply(x, m);
                if (l == null) {
                    throw new IllegalStateException("the loss is null");
                }
                Shape shape = l.getShape();
                if (!(shape.dimension() == 0 || (shape.size() == 1 && shape.dimension() <= 1))) {
                    return new Outcome(shape, Double.NaN, null);
                }
                double value = l.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
                float[] grad;
                try {
                    gc.backward(l.reshape(new Shape()));
                    try (NDArray g = x.getGradient()) {
                        grad = g.toFloatArray();
                    }
                } catch (RuntimeException e) { // a result cut off from the graph has nothing to back-propagate
                    grad = new float[input.length];
                }
                return new Outcome(shape, value, grad);
            }
        }
    }
}
