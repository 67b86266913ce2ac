package org.itkm.data;

/**
 * Derives well-spread seeds from structured ones (base seed, epoch, position). java.util.Random
 * seeded with consecutive integers gives nearly equal first draws (seeds 0..3 all start near 0.73),
 * which would flip every image of a batch the same way; the SplitMix64 finaliser removes that.
 */
final class SeedMix {
    private SeedMix() {}

    /** A seed mixing all parts, in order. */
    static long of(long... parts) {
        long h = 0x9E3779B97F4A7C15L;
        for (long p : parts) {
            h = finalise(h ^ p) + 0x9E3779B97F4A7C15L;
        }
        return finalise(h);
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
