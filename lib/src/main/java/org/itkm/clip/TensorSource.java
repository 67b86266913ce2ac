package org.itkm.clip;

import java.util.Arrays;
import java.util.Set;
import org.itkm.io.InvalidInputException;

/** Named tensors of a checkpoint, read on demand and converted to float32. */
public interface TensorSource {
    /** Every tensor name in the checkpoint. */
    Set<String> names();

    /** Shape of a tensor as stored. */
    long[] shape(String name);

    /** Reads one tensor as float32. */
    HostTensor read(String name);

    /** What the tensors come from (a file path), for messages. */
    String origin();

    /**
     * Said after a missing or mis-shaped parameter: where the expected shapes come from (empty when the
     * architecture was read off the tensors themselves).
     */
    default String layoutHint() {
        return "";
    }

    default boolean contains(String name) {
        return names().contains(name);
    }

    /**
     * Reads a tensor that must exist with the given shape; otherwise a clear error names the tensor, the
     * expected and the found shape.
     */
    default HostTensor require(String name, long... expectedShape) {
        if (!contains(name)) {
            throw new InvalidInputException(origin() + ": missing parameter '" + name + "' (expected shape "
                    + Arrays.toString(expectedShape) + ")" + layoutHint());
        }
        long[] found = shape(name);
        if (!Arrays.equals(found, expectedShape)) {
            throw new InvalidInputException(origin() + ": parameter '" + name + "' has shape "
                    + Arrays.toString(found) + ", expected " + Arrays.toString(expectedShape) + layoutHint());
        }
        return requireFinite(name, read(name));
    }

    /**
     * The tensor itself when every value is finite; otherwise a clear error names the tensor, the file, the
     * first NaN or infinity and how many there are (NaN weights would give NaN features without a word).
     */
    default HostTensor requireFinite(String name, HostTensor t) {
        float[] v = t.data();
        int first = -1;
        long count = 0;
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                count++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (first >= 0) {
            throw new InvalidInputException(origin() + ": tensor '" + name + "' holds " + count + " non-finite value"
                    + (count == 1 ? "" : "s") + " of " + v.length + " (first: " + v[first] + " at flat index " + first
                    + "); expected finite weights (a corrupt file or a training run that diverged)");
        }
        return t;
    }
}
