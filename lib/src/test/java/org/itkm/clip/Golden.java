package org.itkm.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.itkm.io.FloatMatrix;
import org.itkm.io.NpyFile;

/** Fixture paths and comparisons for the CLIP golden tests (made by make_clip_fixtures.py). */
public final class Golden {
    private Golden() {}

    public static Path dir(String name) {
        try {
            return Path.of(Golden.class.getResource("/golden/clip/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static FloatMatrix npy(String dir, String file) {
        return NpyFile.readFloat32Matrix(dir(dir).resolve(file));
    }

    /** Max |a - b| over max |b|: the relative error the CLI contract bounds by 1e-4. */
    public static double relativeError(FloatMatrix actual, FloatMatrix expected) {
        assertEquals(expected.rows(), actual.rows(), "rows");
        assertEquals(expected.cols(), actual.cols(), "cols");
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < expected.data().length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(actual.data()[i] - expected.data()[i]));
            maxRef = Math.max(maxRef, Math.abs(expected.data()[i]));
        }
        return maxDiff / maxRef;
    }

    public static void assertClose(FloatMatrix expected, FloatMatrix actual, double tolerance, String what) {
        double err = relativeError(actual, expected);
        assertTrue(err <= tolerance, what + ": relative error " + err + " > " + tolerance);
    }
}
