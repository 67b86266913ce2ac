package org.itkm.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.itkm.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Where a profile's reproduced artefacts go: {@code results/<profile>/figures/} (PNG and SVG) and
 * {@code results/<profile>/tables/} (CSV and Markdown). Saving a figure returns it as an image, so a
 * notebook cell that ends with the call shows the figure inline (Java kernels on jupyter-jvm-basekernel,
 * the kit's and IJava, display a cell's {@link java.awt.image.RenderedImage} value as a PNG).
 */
public final class ReportFolder {
    private final Path figures;
    private final Path tables;

    private ReportFolder(Path profileDir) {
        this.figures = profileDir.resolve("figures");
        this.tables = profileDir.resolve("tables");
    }

    /** The folder of {@code results/<profile>}. */
    public static ReportFolder of(Path profileDir) {
        return new ReportFolder(profileDir);
    }

    public Path figures() {
        return figures;
    }

    public Path tables() {
        return tables;
    }

    /** Writes {@code figures/<name>.png} and {@code .svg}; returns the chart as an image for inline display. */
    public BufferedImage figure(Chart<?, ?> chart, String name) throws IOException {
        List<Path> written = Figures.save(chart, figures.resolve(name));
        System.out.println("wrote " + written.get(0) + " (and .svg)");
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Writes a picture (an image grid) to {@code figures/<name>.png}; returns it for inline display. */
    public BufferedImage picture(BufferedImage image, String name) throws IOException {
        Files.createDirectories(figures);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        Path png = figures.resolve(name + ".png");
        AtomicFiles.write(png, bytes::writeTo);
        System.out.println("wrote " + png);
        return image;
    }

    /** Writes {@code tables/<name>.csv} and {@code .md}; returns the table (print it to show it). */
    public ResultTable table(ResultTable table, String name) throws IOException {
        Files.createDirectories(tables);
        AtomicFiles.writeString(tables.resolve(name + ".csv"), table.toCsv());
        AtomicFiles.writeString(tables.resolve(name + ".md"), table.toMarkdown());
        System.out.println("wrote " + tables.resolve(name) + ".{csv,md}");
        return table;
    }

    /** Writes {@code tables/<name>.csv} and {@code .md}; returns the table. */
    public PaperTable table(PaperTable table, String name) throws IOException {
        Files.createDirectories(tables);
        table.write(tables.resolve(name));
        System.out.println("wrote " + tables.resolve(name) + ".{csv,md}");
        return table;
    }
}
