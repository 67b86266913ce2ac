package org.itkm.synth;

import java.util.SplittableRandom;

/**
 * What varies from one image to the next: viewpoint, walking pose, scale and position in the frame,
 * brightness, blur, noise, an occasional occluder, the background offset, and (cross-resolution
 * scenario) the down-sampling factor.
 *
 * @param facing +1 the person faces right in side views, -1 left
 * @param walk walking phase in -1..1 (leg and arm swing)
 * @param downsample 1 = full resolution; r = down-sampled by r and resized back
 */
record Shot(Viewpoint viewpoint, int facing, double walk, double scale, double dx, double dy, double brightness,
        boolean blur, Occluder occluder, double occluderPosition, NamedColour occluderColour, double backgroundShift,
        int downsample) {

    enum Viewpoint {
        FRONT, SIDE, BACK
    }

    enum Occluder {
        NONE, LOW_OBJECT, POLE
    }

    static Shot random(SplittableRandom rnd, int downsample) {
        double v = rnd.nextDouble();
        Viewpoint view = v < 0.4 ? Viewpoint.FRONT : v < 0.7 ? Viewpoint.BACK : Viewpoint.SIDE;
        double o = rnd.nextDouble();
        Occluder occ = o < 0.9 ? Occluder.NONE : o < 0.95 ? Occluder.LOW_OBJECT : Occluder.POLE;
        return new Shot(view, rnd.nextBoolean() ? 1 : -1, -1 + 2 * rnd.nextDouble(), 0.8 + 0.15 * rnd.nextDouble(),
                -0.08 + 0.16 * rnd.nextDouble(), -0.02 + 0.03 * rnd.nextDouble(), 0.8 + 0.35 * rnd.nextDouble(),
                rnd.nextDouble() < 0.3, occ, rnd.nextDouble(), IdentitySampler.pick(NamedColour.GARMENT, rnd),
                rnd.nextDouble(), downsample);
    }
}
