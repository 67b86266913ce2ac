package org.itkm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {
    @TempDir
    Path dir;

    @Test
    void drawsBordersInTheMarkColours() throws IOException {
        BufferedImage tile = new BufferedImage(8, 16, BufferedImage.TYPE_INT_RGB);
        Path p = dir.resolve("t.png");
        ImageIO.write(tile, "png", p.toFile());
        List<ImageGrid.Row> rows = List.of(new ImageGrid.Row("query 1", List.of(
                new ImageGrid.Tile(p, ImageGrid.Mark.ANCHOR), new ImageGrid.Tile(p, ImageGrid.Mark.CORRECT),
                new ImageGrid.Tile(dir.resolve("missing.png"), ImageGrid.Mark.WRONG))));
        Path out = dir.resolve("grid.png");
        ImageGrid.save(rows, 32, 64, out);
        BufferedImage g = ImageIO.read(out.toFile());
        assertEquals(110 + 3 * 36 + 4, g.getWidth());
        assertEquals(64 + 8, g.getHeight());
        // left border pixel of each tile (x = caption + gap + c * (tile + gap) + 1, mid-height)
        assertEquals(ImageGrid.Mark.ANCHOR.colour.getRGB(), g.getRGB(110 + 4 + 1, 36));
        assertEquals(ImageGrid.Mark.CORRECT.colour.getRGB(), g.getRGB(110 + 4 + 36 + 1, 36));
        assertEquals(ImageGrid.Mark.WRONG.colour.getRGB(), g.getRGB(110 + 4 + 72 + 1, 36));
        assertEquals(Color.GRAY.getRGB(), g.getRGB(110 + 4 + 72 + 16, 36)); // unreadable image shows grey
    }
}
