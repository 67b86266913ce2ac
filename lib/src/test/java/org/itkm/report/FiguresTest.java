package org.itkm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FiguresTest {
    @TempDir
    Path dir;

    @Test
    void writesPngAndSvgHeadless() throws IOException {
        Map<String, double[][]> s = new LinkedHashMap<>();
        s.put("M4 (PGM)", new double[][] {{1, 2, 3}, {0.4, 0.5, 0.55}});
        s.put("M5 (CHM)", new double[][] {{1, 2, 3}, {0.5, 0.6, 0.7}});
        List<Path> files = Figures.save(Figures.lines("F-score", "epoch", "F-score", s), dir.resolve("fig5"));
        BufferedImage png = ImageIO.read(files.get(0).toFile());
        assertEquals(800, png.getWidth());
        String svg = Files.readString(files.get(1));
        assertTrue(svg.contains("<svg") && svg.length() > 2000, svg.substring(0, 200));
        Figures.save(Figures.scatter("t-SNE", Map.of("VI", new double[][] {{0, 1}, {1, 0}})), dir.resolve("tsne"));
        assertTrue(Files.size(dir.resolve("tsne.png")) > 1000);
    }
}
