package org.itkm.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.function.BinaryOperator;

/**
 * Arithmetic between an NDArray and a Java number, with the number in memory PyTorch owns.
 *
 * <p>Why: DJL 0.32's {@code NDArray.mul(Number)} (and {@code div}, {@code add}, {@code sub},
 * {@code maximum}, {@code gt}...) wraps the number with {@code manager.create(n)}, which is
 * {@code torch::from_blob} over a temporary direct buffer that nothing keeps alive ({@link OwnedArrays}).
 * Autograd saves that scalar for the backward pass of a product or quotient (the gradient of
 * {@code x * s} is {@code grad * s}); when a garbage collection frees the buffer between forward and
 * backward, the backward pass multiplies by whatever the freed memory then holds. That was the random
 * "finite loss, then NaN gradients" of every trainer in this kit, and it silently corrupted gradients
 * far more often than it produced a NaN. Here the scalar is made by {@code torch::full}, so it is
 * PyTorch's own.
 */
public final class Scalars {
    private Scalars() {}

    /** A zero-dimensional array of {@code value} with {@code like}'s type and device. */
    public static NDArray of(NDArray like, float value) {
        NDArray s = like.getManager().full(new Shape(), value, like.getDataType());
        return s.getDevice().equals(like.getDevice()) ? s : s.toDevice(like.getDevice(), false);
    }

    public static NDArray mul(NDArray x, float value) {
        return with(x, value, NDArray::mul);
    }

    public static NDArray div(NDArray x, float value) {
        return with(x, value, NDArray::div);
    }

    public static NDArray add(NDArray x, float value) {
        return with(x, value, NDArray::add);
    }

    public static NDArray sub(NDArray x, float value) {
        return with(x, value, NDArray::sub);
    }

    public static NDArray maximum(NDArray x, float value) {
        return with(x, value, NDArray::maximum);
    }

    public static NDArray gt(NDArray x, float value) {
        return with(x, value, NDArray::gt);
    }

    /** In place: {@code x *= value}; returns x. */
    public static NDArray muli(NDArray x, float value) {
        return with(x, value, NDArray::muli);
    }

    /** In place: {@code x += value}; returns x. */
    public static NDArray addi(NDArray x, float value) {
        return with(x, value, NDArray::addi);
    }

    /** In place: {@code x /= value}; returns x. */
    public static NDArray divi(NDArray x, float value) {
        return with(x, value, NDArray::divi);
    }

    /** {@code op(x, s)} with s the PyTorch-owned scalar; the scalar's handle is closed, autograd keeps its tensor. */
    private static NDArray with(NDArray x, float value, BinaryOperator<NDArray> op) {
        try (NDArray s = of(x, value)) {
            return op.apply(x, s);
        }
    }
}
