package org.itkm.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Rows of image tiles with coloured borders, for qualitative figures: rank lists (query, then the top
 * 10 with green borders for true matches and red for false ones) and Fig. 6's instance positive sets
 * (anchor, then the positives IHM or a CNL-style search found).
 */
public final class ImageGrid {
    /** Tile border meaning. */
    public enum Mark {
        /** The row's anchor (query). */
        ANCHOR(new Color(40, 90, 200)),
        /** A correct match / true positive. */
        CORRECT(new Color(30, 160, 60)),
        /** A wrong match / false positive. */
        WRONG(new Color(210, 40, 40)),
        /** No judgement. */
        NONE(Color.LIGHT_GRAY);

        final Color colour;

        Mark(Color colour) {
            this.colour = colour;
        }
    }

    /** One image and its mark. */
    public record Tile(Path image, Mark mark) {}

    /** A row: a caption shown at the left and its tiles. */
    public record Row(String caption, List<Tile> tiles) {}

    private ImageGrid() {}

    /** Renders the rows with tiles of the given size (images scaled to fit); unreadable images show grey. */
    public static BufferedImage render(List<Row> rows, int tileWidth, int tileHeight) {
        int border = 3;
        int gap = 4;
        int captionWidth = 110;
        int cols = rows.stream().mapToInt(r -> r.tiles().size()).max().orElse(0);
        int w = captionWidth + cols * (tileWidth + gap) + gap;
        int h = rows.size() * (tileHeight + gap) + gap;
        BufferedImage out = new BufferedImage(w, Math.max(h, 1), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int r = 0; r < rows.size(); r++) {
                int y = gap + r * (tileHeight + gap);
                g.setColor(Color.DARK_GRAY);
                g.drawString(rows.get(r).caption(), 4, y + tileHeight / 2);
                List<Tile> tiles = rows.get(r).tiles();
                for (int c = 0; c < tiles.size(); c++) {
                    int x = captionWidth + gap + c * (tileWidth + gap);
                    BufferedImage img = read(tiles.get(c).image());
                    if (img != null) {
                        g.drawImage(img, x + border, y + border, tileWidth - 2 * border, tileHeight - 2 * border, null);
                    } else {
                        g.setColor(Color.GRAY);
                        g.fillRect(x + border, y + border, tileWidth - 2 * border, tileHeight - 2 * border);
                    }
                    g.setColor(tiles.get(c).mark().colour);
                    g.setStroke(new BasicStroke(border));
                    g.drawRect(x + border / 2, y + border / 2, tileWidth - border, tileHeight - border);
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Renders and writes a PNG (atomically). */
    public static void save(List<Row> rows, int tileWidth, int tileHeight, Path png) throws IOException {
        BufferedImage img = render(rows, tileWidth, tileHeight);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ImageIO.write(img, "png", bytes);
        org.itkm.io.AtomicFiles.write(png, bytes::writeTo);
    }

    private static BufferedImage read(Path p) {
        try {
            return p == null ? null : ImageIO.read(p.toFile());
        } catch (IOException e) {
            return null;
        }
    }
}
