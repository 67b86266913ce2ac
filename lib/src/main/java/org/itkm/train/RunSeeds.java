package org.itkm.train;

import java.util.SplittableRandom;

/**
 * Independent random streams derived from the run seed and where they are used (stage, epoch,
 * purpose), never from how far a generator has advanced: a run resumed at epoch e draws exactly what
 * the uninterrupted run drew there.
 */
public final class RunSeeds {
    private final long seed;

    public RunSeeds(long seed) {
        this.seed = seed;
    }

    /** A generator for one purpose (e.g. "sampler", "augment", "chm") in one epoch of one stage. */
    public SplittableRandom stream(String stage, int epoch, String purpose) {
        return new SplittableRandom(mix(seed, stage + "/" + epoch + "/" + purpose));
    }

    /** A 64-bit seed for libraries that take one (e.g. the engine's own generator). */
    public long seedFor(String stage, int epoch, String purpose) {
        return stream(stage, epoch, purpose).nextLong();
    }

    private static long mix(long seed, String key) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return h;
    }
}
