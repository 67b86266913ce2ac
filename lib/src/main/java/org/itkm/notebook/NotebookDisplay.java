package org.itkm.notebook;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.itkm.report.PaperTable;
import org.itkm.report.ResultTable;
import org.itkm.report.TableHtml;
import org.itkm.report.TableMarkdown;
import org.itkm.report.plotly.InteractiveFigure;
import org.knowm.xchart.BitmapEncoder;
import tech.tablesaw.api.Table;

/**
 * Tables, figures and pictures as Jupyter MIME bundles ({@link DisplayData}): what a notebook cell returns (or
 * passes to {@code display}) to show them. Every bundle has a {@code text/plain} form for consoles and plain
 * viewers; tables add {@code text/html} and {@code text/markdown}; an interactive figure adds {@code text/html}
 * (the Plotly figure over its static PNG, {@link PlotlyHtml}) and {@code image/png} (the static twin, which
 * untrusted notebooks and static viewers show).
 */
public final class NotebookDisplay {
    private NotebookDisplay() {}

    /** A paper table: its HTML with the title as caption, its Markdown, its Markdown as plain text. */
    public static DisplayData table(PaperTable table) {
        return bundle(table.toMarkdown(), table.toHtml(), table.toMarkdown());
    }

    /** A result table: HTML, Markdown, and the padded Markdown as plain text (it reads as a table in a console). */
    public static DisplayData table(ResultTable table) {
        return bundle(table.toMarkdown(), table.toHtml(), table.toMarkdown());
    }

    /** Any Tablesaw table, under its name as caption. */
    public static DisplayData table(Table table) {
        String md = TableMarkdown.of(table, Map.of());
        return bundle(table.printAll(), TableHtml.of(table, table.name() == null ? "" : table.name(), Map.of()), md);
    }

    /** An interactive figure: the Plotly HTML over the static PNG, the PNG, and the title as plain text. */
    public static DisplayData figure(InteractiveFigure figure) {
        byte[] png = png(BitmapEncoder.getBufferedImage(figure.still()));
        DisplayData d = new DisplayData(figure.title() + " (" + figure.traceCount() + " traces; interactive in a"
                + " trusted notebook)");
        d.putHTML(PlotlyHtml.of(figure, png));
        d.putData(MIMEType.IMAGE_PNG, Base64.getEncoder().encodeToString(png));
        return d;
    }

    /** A picture (an image grid, a static chart) as PNG. */
    public static DisplayData image(RenderedImage image) {
        DisplayData d = new DisplayData("image " + image.getWidth() + " x " + image.getHeight());
        d.putData(MIMEType.IMAGE_PNG, Base64.getEncoder().encodeToString(png(image)));
        return d;
    }

    /** Markdown text (rendered by the page; shown as written in plain viewers). */
    public static DisplayData markdown(String markdown) {
        DisplayData d = new DisplayData(markdown);
        d.putMarkdown(markdown);
        return d;
    }

    private static DisplayData bundle(String text, String html, String markdown) {
        DisplayData d = new DisplayData(text);
        d.putHTML(html);
        d.putMarkdown(markdown);
        return d;
    }

    static byte[] png(RenderedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image instanceof BufferedImage b ? b : toBuffered(image), "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static BufferedImage toBuffered(RenderedImage image) {
        BufferedImage b = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        b.createGraphics().drawRenderedImage(image, new java.awt.geom.AffineTransform());
        return b;
    }
}
