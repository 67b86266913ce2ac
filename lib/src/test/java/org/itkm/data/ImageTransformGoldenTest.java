package org.itkm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The transforms' output, bit for bit, against a digest recorded with the straightforward per-pixel
 * implementation of commit cb040e6 (resize into a new array, one bounds test per output value). A faster
 * implementation must give the same floats: runs, checkpoints and committed results depend on them.
 */
class ImageTransformGoldenTest {
    /** Every source/input size pair takes one resize path: exact 2x block mean, identity, bilinear up and down. */
    private static final int[][] SIZES = {{128, 64, 64, 32}, {128, 64, 128, 64}, {50, 30, 64, 32}, {90, 45, 40, 24},
        {4, 4, 2, 2}};

    @Test
    void trainingAndTestTransformsMatchTheRecordedDigest() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Random pixels = new Random(42);
        for (int[] s : SIZES) {
            int[] px = new int[s[0] * s[1]];
            for (int i = 0; i < px.length; i++) {
                px[i] = pixels.nextInt(1 << 24);
            }
            RgbImage img = new RgbImage(s[1], s[0], px);
            InputSize input = new InputSize(s[2], s[3]);
            for (ImageTransform t : new ImageTransform[] {ImageTransform.training(input),
                ImageTransform.training(input, 0.5), ImageTransform.test(input)}) {
                float[] out = new float[t.length() + 7];
                for (int seed = 0; seed < 60; seed++) { // every flip, shift and erasing case several times
                    java.util.Arrays.fill(out, Float.NaN);
                    t.apply(img, new Random(seed), out, 7);
                    ByteBuffer b = ByteBuffer.allocate(4 * out.length);
                    for (float v : out) {
                        b.putInt(Float.floatToRawIntBits(v));
                    }
                    sha.update(b.array());
                }
            }
        }
        assertEquals("ebec715551a7a79626ffd9d40530fb65e2e8b54b2fd90ca1610e93c5d2846da7", HexFormat.of().formatHex(sha.digest()));
    }
}
