package org.itkm.synth;

/**
 * A small raster holding colour and thermal intensity per pixel, painted with anti-aliased convex
 * shapes (2×2 supersampling). Pure arithmetic on floats, so every run on any JVM paints the same
 * pixels (no Java2D, whose anti-aliasing may differ between releases).
 */
final class Canvas {
    final ImageSize size;
    final int width;
    final int height;
    final float[] r;
    final float[] g;
    final float[] b;
    final float[] t;

    Canvas(ImageSize size) {
        this.size = size;
        this.width = size.width();
        this.height = size.height();
        int n = width * height;
        r = new float[n];
        g = new float[n];
        b = new float[n];
        t = new float[n];
    }

    /** Sets one pixel. */
    void set(int x, int y, Material m) {
        int i = y * width + x;
        r[i] = m.r();
        g[i] = m.g();
        b[i] = m.b();
        t[i] = m.infrared();
    }

    private void blend(int x, int y, Material m, float a) {
        int i = y * width + x;
        r[i] += a * (m.r() - r[i]);
        g[i] += a * (m.g() - g[i]);
        b[i] += a * (m.b() - b[i]);
        t[i] += a * (m.infrared() - t[i]);
    }

    /** Axis-aligned rectangle [x0, x1) × [y0, y1) in pixel units. */
    void rect(double x0, double y0, double x1, double y1, Material m) {
        fill(x0, y0, x1, y1, m, (x, y) -> x >= x0 && x < x1 && y >= y0 && y < y1);
    }

    /** Ellipse with centre (cx, cy) and radii rx, ry. */
    void ellipse(double cx, double cy, double rx, double ry, Material m) {
        fill(cx - rx, cy - ry, cx + rx, cy + ry, m, (x, y) -> {
            double dx = (x - cx) / rx;
            double dy = (y - cy) / ry;
            return dx * dx + dy * dy <= 1;
        });
    }

    /** Convex quadrilateral with corners given clockwise or counter-clockwise. */
    void quad(double[] xs, double[] ys, Material m) {
        double x0 = Math.min(Math.min(xs[0], xs[1]), Math.min(xs[2], xs[3]));
        double x1 = Math.max(Math.max(xs[0], xs[1]), Math.max(xs[2], xs[3]));
        double y0 = Math.min(Math.min(ys[0], ys[1]), Math.min(ys[2], ys[3]));
        double y1 = Math.max(Math.max(ys[0], ys[1]), Math.max(ys[2], ys[3]));
        fill(x0, y0, x1, y1, m, (x, y) -> {
            int sign = 0;
            for (int k = 0; k < 4; k++) {
                int j = (k + 1) & 3;
                double cross = (xs[j] - xs[k]) * (y - ys[k]) - (ys[j] - ys[k]) * (x - xs[k]);
                int s = cross > 0 ? 1 : cross < 0 ? -1 : 0;
                if (s != 0) {
                    if (sign != 0 && s != sign) {
                        return false;
                    }
                    sign = s;
                }
            }
            return true;
        });
    }

    /** A limb: a quadrilateral of the given width along the segment (xa, ya) to (xb, yb). */
    void limb(double xa, double ya, double xb, double yb, double widthA, double widthB, Material m) {
        double dx = xb - xa;
        double dy = yb - ya;
        double len = Math.sqrt(dx * dx + dy * dy);
        if (len == 0) {
            return;
        }
        double nx = -dy / len;
        double ny = dx / len;
        double ha = widthA / 2;
        double hb = widthB / 2;
        quad(new double[] {xa + nx * ha, xb + nx * hb, xb - nx * hb, xa - nx * ha},
                new double[] {ya + ny * ha, yb + ny * hb, yb - ny * hb, ya - ny * ha}, m);
    }

    private interface Inside {
        boolean test(double x, double y);
    }

    private void fill(double bx0, double by0, double bx1, double by1, Material m, Inside inside) {
        int xs = Math.max(0, (int) Math.floor(bx0));
        int xe = Math.min(width - 1, (int) Math.ceil(bx1));
        int ys = Math.max(0, (int) Math.floor(by0));
        int ye = Math.min(height - 1, (int) Math.ceil(by1));
        for (int y = ys; y <= ye; y++) {
            for (int x = xs; x <= xe; x++) {
                int hits = 0;
                for (int sy = 0; sy < 2; sy++) {
                    for (int sx = 0; sx < 2; sx++) {
                        if (inside.test(x + 0.25 + 0.5 * sx, y + 0.25 + 0.5 * sy)) {
                            hits++;
                        }
                    }
                }
                if (hits == 4) {
                    set(x, y, m);
                } else if (hits > 0) {
                    blend(x, y, m, hits / 4f);
                }
            }
        }
    }
}
