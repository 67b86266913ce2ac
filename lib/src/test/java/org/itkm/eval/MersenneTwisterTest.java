package org.itkm.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Golden values printed by CPython 3.11 {@code random} and NumPy 1.24 legacy {@code np.random}. */
class MersenneTwisterTest {
    @Test
    void pythonSeedAndGetrandbits() {
        assertArrayEquals(new long[] {3626764237L, 1654615998L, 3255389356L}, draws(MersenneTwister.pythonSeeded(0), 3));
        assertArrayEquals(new long[] {2166296868L, 2220160828L},
                draws(MersenneTwister.pythonSeeded((1L << 40) + 5), 2));
    }

    @Test
    void pythonChoice() {
        MersenneTwister t = MersenneTwister.pythonSeeded(7);
        int[] sizes = {1, 2, 3, 5, 10, 100, 1000};
        int[] got = new int[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            got[i] = t.pythonRandBelow(sizes[i]);
        }
        assertArrayEquals(new int[] {0, 0, 1, 0, 1, 68, 96}, got);
    }

    @Test
    void numpyChoiceDrawsNothingForOneElement() {
        MersenneTwister t = MersenneTwister.numpySeeded(0);
        int[] sizes = {1, 2, 3, 5, 10, 100, 1000};
        int[] got = new int[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            got[i] = t.numpyRandintBelow(sizes[i]);
        }
        assertArrayEquals(new int[] {0, 0, 1, 0, 3, 67, 359}, got);
    }

    private static long[] draws(MersenneTwister t, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = t.nextInt32() & 0xffffffffL;
        }
        return out;
    }
}
