package org.itkm.synth;

/**
 * What a painted region is made of: its colour (linear 0..1 RGB, before camera illumination) and its
 * thermal intensity (0 cold .. 1 warm) as an infrared camera sees it. The two are independent: a red
 * shirt may be warm or cool, which is what makes infrared matching a colour-free problem.
 */
record Material(float r, float g, float b, float thermal) {
    static Material of(int rgb, double thermal) {
        return new Material(((rgb >> 16) & 0xff) / 255f, ((rgb >> 8) & 0xff) / 255f, (rgb & 0xff) / 255f,
                (float) thermal);
    }

    Material scaled(double f) {
        return new Material((float) Math.min(1, r * f), (float) Math.min(1, g * f), (float) Math.min(1, b * f), thermal);
    }
}
