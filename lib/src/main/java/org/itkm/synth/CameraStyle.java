package org.itkm.synth;

import java.util.SplittableRandom;

/**
 * What stays fixed for one camera: the scene behind the person (wall and floor colours, horizon,
 * wall pattern), the colour cast and brightness of its lighting, and whether it is an infrared camera
 * (then it sees infrared intensity, not colour).
 */
record CameraStyle(int camid, boolean infrared, Material wall, Material wallAccent, Material floor, double horizon,
        int wallPattern, double patternPeriod, float[] tint, double gain, double lightSlope, double noise,
        double irGain, double irOffset) {

    /** The style of one camera, drawn from the data set seed and the camera's name. */
    static CameraStyle of(long seed, String scenario, int camid, boolean infrared) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + scenario.hashCode() * 131L + camid);
        Material wall = randomSurface(rnd, 0.25 + 0.2 * rnd.nextDouble());
        Material accent = wall.scaled(0.7 + 0.25 * rnd.nextDouble());
        Material floor = randomSurface(rnd, 0.15 + 0.15 * rnd.nextDouble());
        double horizon = 0.55 + 0.25 * rnd.nextDouble();
        int pattern = rnd.nextInt(3); // 0 plain, 1 vertical panels, 2 tiles
        double period = 8 + rnd.nextInt(10);
        float[] tint = {(float) (0.85 + 0.3 * rnd.nextDouble()), (float) (0.85 + 0.3 * rnd.nextDouble()),
            (float) (0.85 + 0.3 * rnd.nextDouble())};
        double gain = 0.85 + 0.3 * rnd.nextDouble();
        double slope = -0.2 + 0.4 * rnd.nextDouble();
        double noise = infrared ? 0.03 + 0.02 * rnd.nextDouble() : 0.015 + 0.02 * rnd.nextDouble();
        double irGain = 0.85 + 0.15 * rnd.nextDouble();
        double irOffset = 0.03 + 0.05 * rnd.nextDouble();
        return new CameraStyle(camid, infrared, wall, accent, floor, horizon, pattern, period, tint, gain, slope,
                noise, irGain, irOffset);
    }

    /** A muted background surface, cool in infrared. */
    private static Material randomSurface(SplittableRandom rnd, double brightness) {
        double r = brightness * (0.6 + 0.8 * rnd.nextDouble());
        double g = brightness * (0.6 + 0.8 * rnd.nextDouble());
        double b = brightness * (0.6 + 0.8 * rnd.nextDouble());
        return new Material((float) Math.min(1, r), (float) Math.min(1, g), (float) Math.min(1, b),
                (float) (0.08 + 0.14 * rnd.nextDouble()));
    }
}
