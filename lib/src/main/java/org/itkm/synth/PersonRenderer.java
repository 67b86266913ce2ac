package org.itkm.synth;

/**
 * Paints a camera's background and one person (identity traits + outfit) in a given {@link Shot}
 * onto a {@link Canvas}. Body proportions are fractions of the person's height u; the viewpoint decides
 * what is visible (a backpack from the back, straps and a logo from the front, one arm from the side).
 */
final class PersonRenderer {
    private static final double HAIR_THERMAL = 0.5;
    private static final double SHOE_THERMAL = 0.3;
    private static final double BAG_THERMAL = 0.22;
    private static final double HAT_THERMAL = 0.4;

    private PersonRenderer() {}

    static void render(Canvas c, Identity id, Outfit o, Shot s, CameraStyle cam) {
        background(c, cam, s);
        int w = c.width;
        int h = c.height;
        double u = Math.min(0.97, s.scale() * id.height()) * h;
        double footY = h * (0.975 + s.dy());
        double top = footY - u;
        double cx = w * (0.5 + s.dx());
        Shot.Viewpoint view = s.viewpoint();
        boolean side = view == Shot.Viewpoint.SIDE;
        int f = s.facing();
        double bw = id.build();
        double torsoHalf = (side ? 0.085 : 0.125) * u * bw;
        double shoulderY = top + 0.155 * u;
        double waistY = top + 0.49 * u;
        double kneeY = top + 0.74 * u;
        double legFoot = footY - 0.025 * u;

        Material skin = Material.of(id.skin().rgb(), id.skinThermal());
        Material upper = Material.of(o.upperColour().rgb(), o.upperThermal());
        Material second = Material.of(o.secondColour().rgb(), o.secondThermal());
        Material lower = Material.of(o.lowerColour().rgb(), o.lowerThermal());
        Material shoes = Material.of(id.shoes().rgb(), SHOE_THERMAL);
        Material hair = Material.of(id.hair().rgb(), HAIR_THERMAL);
        Material bag = Material.of(id.bagColour().rgb(), BAG_THERMAL);

        // behind the body: a backpack seen from the side, long hair seen from the front
        if (id.bag() == Identity.Bag.BACKPACK && side) {
            c.rect(cx - f * (torsoHalf + 0.1 * u) - 0.07 * u, shoulderY + 0.01 * u,
                    cx - f * (torsoHalf + 0.1 * u) + 0.07 * u + f * 0.02 * u, shoulderY + 0.34 * u, bag);
        }
        double headCy = top + 0.07 * u;
        double headRx = 0.052 * u;
        double headRy = 0.068 * u;
        if (id.hairLength() == Identity.HairLength.LONG && view == Shot.Viewpoint.FRONT) {
            // version 4: over the shoulders (1.6 head widths, 0.24 u; 1.25 and 0.2 u before)
            c.rect(cx - headRx * 1.6, headCy, cx + headRx * 1.6, headCy + 0.24 * u, hair);
        }

        legs(c, o, s, u, cx, waistY, kneeY, legFoot, bw, side, skin, lower, shoes);

        // torso
        double torsoTop = shoulderY - 0.01 * u;
        double torsoBottom = waistY + 0.03 * u;
        c.quad(new double[] {cx - torsoHalf, cx + torsoHalf, cx + torsoHalf * 0.92, cx - torsoHalf * 0.92},
                new double[] {torsoTop, torsoTop, torsoBottom, torsoBottom}, upper);
        double th = torsoBottom - torsoTop;
        switch (o.pattern()) {
            case STRIPES -> {
                for (double y = torsoTop + 0.04 * th; y < torsoBottom - 0.02 * th; y += 0.16 * th) {
                    c.rect(cx - torsoHalf * 0.95, y, cx + torsoHalf * 0.95, y + 0.07 * th, second);
                }
            }
            case TWO_TONE -> c.rect(cx - torsoHalf * 0.95, torsoTop + 0.5 * th, cx + torsoHalf * 0.95, torsoBottom,
                    second);
            case LOGO -> {
                if (view == Shot.Viewpoint.FRONT) {
                    c.rect(cx - 0.045 * u, torsoTop + 0.2 * th, cx + 0.045 * u, torsoTop + 0.2 * th + 0.08 * u, second);
                }
            }
            default -> { }
        }
        if (o.upperType() == Outfit.UpperType.JACKET && view == Shot.Viewpoint.FRONT) {
            Material inner = Material.of(o.secondColour().rgb(), o.secondThermal());
            c.rect(cx - 0.025 * u, torsoTop + 0.05 * th, cx + 0.025 * u, torsoBottom, inner);
        }
        if (id.bag() == Identity.Bag.BACKPACK && view == Shot.Viewpoint.BACK) {
            // version 4: 0.28 x 0.33 u (0.2 x 0.24 u before)
            c.rect(cx - 0.14 * u * bw, shoulderY + 0.01 * u, cx + 0.14 * u * bw, shoulderY + 0.34 * u, bag);
        }
        if (id.bag() == Identity.Bag.BACKPACK && view == Shot.Viewpoint.FRONT) {
            // straps 0.05 u wide (0.02 u before: under a pixel at the pocket input)
            c.rect(cx - 0.1 * u * bw, torsoTop, cx - 0.05 * u * bw, torsoTop + 0.24 * u, bag);
            c.rect(cx + 0.05 * u * bw, torsoTop, cx + 0.1 * u * bw, torsoTop + 0.24 * u, bag);
        }
        if (id.bag() == Identity.Bag.SHOULDER_BAG) {
            c.limb(cx - torsoHalf * 0.8, torsoTop + 0.01 * u, cx + torsoHalf * 0.9, waistY, 0.05 * u, 0.05 * u, bag);
        }

        arms(c, o, s, u, cx, torsoHalf, shoulderY, waistY, side, skin, upper);

        if (id.bag() == Identity.Bag.HANDBAG || id.bag() == Identity.Bag.SHOULDER_BAG) {
            // version 4: 0.24 / 0.25 of the body unit (0.15 / 0.16 in version 3, 0.09 / 0.1 before)
            double size = id.bag() == Identity.Bag.HANDBAG ? 0.24 * u : 0.25 * u;
            double bx = cx + (side ? -f * 0.02 * u : torsoHalf + 0.04 * u + size / 2);
            c.rect(bx - size / 2, waistY - 0.02 * u, bx + size / 2, waistY - 0.02 * u + size * 0.85, bag);
        }

        // neck and head
        c.rect(cx - 0.025 * u, headCy + headRy * 0.7, cx + 0.025 * u, shoulderY + 0.005 * u, skin);
        double headCx = cx + (side ? f * 0.01 * u : 0);
        c.ellipse(headCx, headCy, headRx, headRy, skin);
        hair(c, id, view, f, u, headCx, headCy, headRx, headRy, hair);
        hat(c, id, view, f, u, headCx, headCy, headRx, headRy);

        occluder(c, s);
    }

    private static void legs(Canvas c, Outfit o, Shot s, double u, double cx, double waistY,
            double kneeY, double footY, double bw, boolean side, Material skin, Material lower, Material shoes) {
        double spread = side ? 0.11 * u * s.walk() : 0.025 * u * s.walk();
        double hipOff = side ? 0.015 * u : 0.055 * u * bw;
        double legW = 0.095 * u * bw;
        for (int leg = -1; leg <= 1; leg += 2) {
            double hx = cx + leg * hipOff;
            double fx = hx + leg * spread + (side ? 0 : leg * 0.01 * u);
            double kx = (hx + fx) / 2;
            switch (o.lowerType()) {
                case TROUSERS -> c.limb(hx, waistY, fx, footY, legW, legW * 0.8, lower);
                case SHORTS -> {
                    c.limb(kx, kneeY - 0.04 * u, fx, footY, legW * 0.75, legW * 0.65, skin);
                    c.limb(hx, waistY, kx, kneeY - 0.02 * u, legW * 1.05, legW, lower);
                }
                case SKIRT -> c.limb(hx, waistY, fx, footY, legW * 0.75, legW * 0.65, skin);
            }
            // version 4: 0.065 x 0.035 u (0.05 x 0.022 u before, about one pixel high at the pocket input)
            c.ellipse(fx + (side ? s.facing() * 0.02 * u : 0), footY + 0.01 * u, 0.065 * u, 0.035 * u, shoes);
        }
        if (o.lowerType() == Outfit.LowerType.SKIRT) {
            double half = (side ? 0.1 : 0.13) * u * bw;
            c.quad(new double[] {cx - half * 0.75, cx + half * 0.75, cx + half * 1.15, cx - half * 1.15},
                    new double[] {waistY, waistY, kneeY, kneeY}, lower);
        }
    }

    private static void arms(Canvas c, Outfit o, Shot s, double u, double cx, double torsoHalf, double shoulderY,
            double waistY, boolean side, Material skin, Material sleeve) {
        double armW = 0.06 * u;
        double handY = waistY + 0.04 * u;
        int[] sides = side ? new int[] {0} : new int[] {-1, 1};
        for (int a : sides) {
            double sx = cx + a * (torsoHalf + armW * 0.35);
            double swing = side ? 0.1 * u * s.walk() * s.facing() : 0;
            double hx = sx + a * 0.02 * u - swing;
            if (o.upperType() == Outfit.UpperType.T_SHIRT) {
                double ex = sx + 0.4 * (hx - sx);
                double ey = shoulderY + 0.4 * (handY - shoulderY);
                c.limb(ex, ey, hx, handY, armW * 0.8, armW * 0.7, skin);
                c.limb(sx, shoulderY, ex, ey + 0.01 * u, armW * 1.1, armW, sleeve);
            } else {
                c.limb(sx, shoulderY, hx, handY, armW, armW * 0.85, sleeve);
            }
            c.ellipse(hx, handY + 0.015 * u, 0.025 * u, 0.03 * u, skin);
        }
    }

    private static void hair(Canvas c, Identity id, Shot.Viewpoint view, int f, double u, double hx, double hy,
            double rx, double ry, Material hair) {
        switch (id.hairLength()) {
            case BALD -> { }
            case SHORT -> {
                if (view == Shot.Viewpoint.BACK) {
                    c.ellipse(hx, hy - 0.005 * u, rx * 1.06, ry * 1.0, hair);
                } else if (view == Shot.Viewpoint.SIDE) {
                    c.ellipse(hx - f * 0.012 * u, hy - 0.02 * u, rx * 1.0, ry * 0.8, hair);
                } else {
                    c.ellipse(hx, hy - 0.03 * u, rx * 1.06, ry * 0.62, hair);
                }
            }
            case LONG -> {
                if (view == Shot.Viewpoint.BACK) {
                    c.ellipse(hx, hy - 0.005 * u, rx * 1.1, ry * 1.02, hair);
                    c.rect(hx - rx * 1.1, hy, hx + rx * 1.1, hy + 0.2 * u, hair);
                } else if (view == Shot.Viewpoint.SIDE) {
                    c.ellipse(hx - f * 0.015 * u, hy - 0.02 * u, rx * 1.05, ry * 0.85, hair);
                    c.rect(hx - f * 0.01 * u - rx, hy, hx - f * 0.01 * u + rx * 0.2, hy + 0.17 * u, hair);
                } else {
                    c.ellipse(hx, hy - 0.03 * u, rx * 1.1, ry * 0.65, hair);
                }
            }
        }
    }

    private static void hat(Canvas c, Identity id, Shot.Viewpoint view, int f, double u, double hx, double hy,
            double rx, double ry) {
        if (id.hat() == Identity.Hat.NONE) {
            return;
        }
        Material m = Material.of(id.hatColour().rgb(), HAT_THERMAL);
        // version 4: 1.5 x 0.9 of the head (1.12 x 0.62 before), so a hat is several pixels at the pocket input
        c.ellipse(hx, hy - ry * 0.5, rx * 1.5, ry * 0.9, m);
        if (id.hat() == Identity.Hat.CAP) {
            if (view == Shot.Viewpoint.FRONT) {
                c.rect(hx - rx * 1.55, hy - ry * 0.35, hx + rx * 1.55, hy - ry * 0.1, m);
            } else if (view == Shot.Viewpoint.SIDE) {
                c.rect(Math.min(hx, hx + f * rx * 2.2), hy - ry * 0.35, Math.max(hx, hx + f * rx * 2.2),
                        hy - ry * 0.12, m);
            }
        } else {
            c.rect(hx - rx * 1.5, hy - ry * 0.3, hx + rx * 1.5, hy - ry * 0.05, m.scaled(0.8));
        }
    }

    private static void background(Canvas c, CameraStyle cam, Shot s) {
        int w = c.width;
        int h = c.height;
        int horizon = (int) Math.round(cam.horizon() * h);
        // the camera's pattern period is in pixels at the design size: the same wall at any size
        double periodPixels = cam.patternPeriod() * c.size.scale();
        int shift = (int) Math.round(s.backgroundShift() * periodPixels);
        int period = (int) periodPixels;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                Material m;
                if (y >= horizon) {
                    m = cam.floor();
                } else {
                    boolean accent = switch (cam.wallPattern()) {
                        case 1 -> ((x + shift) / period) % 2 == 1;
                        case 2 -> (((x + shift) / period) + (y / period)) % 2 == 1;
                        default -> false;
                    };
                    m = accent ? cam.wallAccent() : cam.wall();
                }
                c.set(x, y, m);
            }
        }
    }

    private static void occluder(Canvas c, Shot s) {
        int w = c.width;
        int h = c.height;
        Material m = Material.of(s.occluderColour().rgb(), 0.15);
        switch (s.occluder()) {
            case LOW_OBJECT -> {
                double top = h * (0.72 + 0.1 * s.occluderPosition());
                double x0 = w * (s.occluderPosition() < 0.5 ? 0 : 0.3);
                c.rect(x0, top, x0 + w * 0.7, h, m);
            }
            case POLE -> {
                double x = w * (0.15 + 0.7 * s.occluderPosition());
                c.rect(x - w * 0.06, 0, x + w * 0.06, h, m.scaled(0.8));
            }
            default -> { }
        }
    }
}
