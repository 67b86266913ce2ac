package org.itkm.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Moves values between initialised block parameters and {@link HostTensor}s. */
final class ParameterValues {
    /** Initial weights of freshly built (not loaded) models: N(0, 0.02), as CLIP/ViT. */
    static final Initializer WEIGHT_INIT = new NormalInitializer(0.02f);

    private ParameterValues() {}

    /** A parameter of the given shape, type and initializer. */
    static Parameter create(String name, Parameter.Type type, Initializer init, long... shape) {
        return Parameter.builder().setName(name).setType(type).optInitializer(init)
                .optShape(new ai.djl.ndarray.types.Shape(shape)).build();
    }

    /** Copies host values into an initialised parameter (shapes must agree). */
    static void assign(Parameter p, HostTensor t) {
        NDArray a = p.getArray();
        if (!Arrays.equals(a.getShape().getShape(), t.shape())) {
            throw new IllegalStateException("parameter " + p.getName() + " has shape " + a.getShape() + ", value "
                    + HostTensor.describe(t.shape()));
        }
        ByteBuffer buf = ByteBuffer.allocateDirect(4 * t.data().length).order(ByteOrder.nativeOrder());
        buf.asFloatBuffer().put(t.data());
        a.set(buf);
    }

    /** The current value of a parameter on the host. */
    static HostTensor read(Parameter p) {
        NDArray a = p.getArray();
        float[] v = a.getDataType() == DataType.FLOAT32 ? a.toFloatArray() : null;
        if (v == null) {
            try (NDArray f = a.toType(DataType.FLOAT32, false)) {
                v = f.toFloatArray();
            }
        }
        return new HostTensor(a.getShape().getShape(), v);
    }
}
