package org.itkm.synth;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Shares a fixed number of images out among parts (an identity seen by a camera, an outfit seen by a
 * camera...) unevenly, as in the real sets, while keeping the total exact.
 */
final class ImageCounts {
    /** Lightest and heaviest relative weight of a part in {@link #uneven}: counts differ up to 7-fold. */
    private static final double MIN_WEIGHT = 0.25;
    private static final double MAX_WEIGHT = 1.75;

    private ImageCounts() {}

    /**
     * {@code total} images over {@code parts}, each at least {@code min}, the rest in proportion to
     * weights drawn uniformly in [0.25, 1.75] (largest remainders round, ties to the lower index).
     */
    static int[] uneven(int total, int parts, int min, SplittableRandom rnd) {
        int rest = total - parts * min;
        if (parts <= 0 || rest < 0) {
            throw new IllegalArgumentException(total + " images cannot give " + parts + " parts " + min + " each");
        }
        double[] weights = new double[parts];
        double sum = 0;
        for (int i = 0; i < parts; i++) {
            weights[i] = MIN_WEIGHT + (MAX_WEIGHT - MIN_WEIGHT) * rnd.nextDouble();
            sum += weights[i];
        }
        int[] counts = new int[parts];
        double[] remainder = new double[parts];
        int given = 0;
        for (int i = 0; i < parts; i++) {
            double share = rest * weights[i] / sum;
            counts[i] = (int) Math.floor(share);
            remainder[i] = share - counts[i];
            given += counts[i];
        }
        Integer[] byRemainder = IntStream.range(0, parts).boxed().toArray(Integer[]::new);
        Arrays.sort(byRemainder, Comparator.comparingDouble((Integer i) -> -remainder[i]));
        for (int k = 0; k < rest - given; k++) {
            counts[byRemainder[k]]++;
        }
        for (int i = 0; i < parts; i++) {
            counts[i] += min;
        }
        return counts;
    }

    /**
     * {@code total} images over {@code parts}, each between {@code min} and {@code max}: every part
     * starts at max and random parts above min lose one image until the total is reached (CUHK03: at
     * most 5 images of a person per camera, 4.8 on average).
     */
    static int[] capped(int total, int parts, int min, int max, SplittableRandom rnd) {
        if (parts <= 0 || total < parts * min || total > parts * max) {
            throw new IllegalArgumentException(total + " images cannot give " + parts + " parts " + min + ".." + max
                    + " each");
        }
        int[] counts = new int[parts];
        Arrays.fill(counts, max);
        for (int excess = parts * max - total; excess > 0; ) {
            int i = rnd.nextInt(parts);
            if (counts[i] > min) {
                counts[i]--;
                excess--;
            }
        }
        return counts;
    }
}
