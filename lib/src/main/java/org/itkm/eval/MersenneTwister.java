package org.itkm.eval;

/**
 * MT19937, seeded and consumed exactly like the two Python generators the reference evaluation code
 * draws its random galleries with, so that the kit's draws are the same images:
 * {@code random.seed(t); random.choice(files)} (CPython, SYSU-MM01 single-shot galleries in CCLNet/PGM)
 * and {@code np.random.seed(s); np.random.choice(indices)} (NumPy's legacy RandomState, the
 * single-gallery-shot CMC of open-reid/RLIM).
 */
final class MersenneTwister {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int index = N;

    private MersenneTwister() {}

    /** As {@code numpy.random.seed(seed)} (legacy RandomState: init_genrand of the low 32 bits). */
    static MersenneTwister numpySeeded(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("NumPy seeds must be in [0, 2^32): " + seed);
        }
        MersenneTwister t = new MersenneTwister();
        t.initGenrand((int) seed);
        return t;
    }

    /** As CPython's {@code random.seed(seed)} for an int: init_by_array of |seed| in 32-bit words. */
    static MersenneTwister pythonSeeded(long seed) {
        long n = Math.abs(seed);
        int[] key = (n >>> 32) == 0 ? new int[] {(int) n} : new int[] {(int) n, (int) (n >>> 32)};
        MersenneTwister t = new MersenneTwister();
        t.initByArray(key);
        return t;
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
        index = N;
    }

    /** The next tempered 32-bit output (genrand_uint32). */
    int nextInt32() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
            int v = mt[(k + M) % N] ^ (y >>> 1);
            if ((y & 1) != 0) {
                v ^= 0x9908b0df;
            }
            mt[k] = v;
        }
        index = 0;
    }

    /** CPython {@code random._randbelow(n)} (getrandbits rejection sampling), as used by {@code random.choice}. */
    int pythonRandBelow(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive");
        }
        int k = 32 - Integer.numberOfLeadingZeros(n); // n.bit_length()
        while (true) {
            int r = nextInt32() >>> (32 - k);
            if (r < n) {
                return r;
            }
        }
    }

    /**
     * NumPy legacy {@code RandomState.randint(0, n)} (masked rejection sampling on 32-bit draws), as used
     * by {@code np.random.choice} of a list of length n; draws nothing when n == 1.
     */
    int numpyRandintBelow(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive");
        }
        long rng = n - 1L;
        if (rng == 0) {
            return 0;
        }
        long mask = rng;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        while (true) {
            long v = (nextInt32() & 0xffffffffL) & mask;
            if (v <= rng) {
                return (int) v;
            }
        }
    }
}
