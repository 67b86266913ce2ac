package org.itkm.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.itkm.io.InvalidInputException;

/**
 * Decodes JPEG and PNG files to RGB images, treating every decoder warning as an error: ImageIO
 * returns a partly grey picture with only a warning for a truncated JPEG, which would otherwise enter
 * training silently. Errors are {@link InvalidInputException}s naming the file.
 */
public final class ImageDecoder {
    private ImageDecoder() {}

    /** The image's pixels as packed RGB (grey-scale and palette files are converted). */
    public static RgbImage decode(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(path + ": image file not found");
        } catch (IOException e) {
            throw new InvalidInputException(path + ": cannot read image file (" + org.itkm.io.IoReasons.of(e) + ")", e);
        }
        if (bytes.length == 0) {
            throw new InvalidInputException(path + ": empty file; expected a JPEG or PNG image");
        }
        return pixels(decode(path, bytes));
    }

    /** The image as a {@code TYPE_INT_RGB} BufferedImage. */
    public static BufferedImage decodeRgb(Path path) {
        RgbImage px = decode(path);
        BufferedImage rgb = new BufferedImage(px.width(), px.height(), BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, px.width(), px.height(), px.pixels(), 0, px.width());
        return rgb;
    }

    /**
     * Packed RGB pixels. Decoders return 8-bit interleaved rasters (RGB or BGR order, or grey);
     * those are read straight from the byte buffer, since BufferedImage.getRGB goes through the
     * colour model per pixel and cost more than the decoding itself. Anything else takes getRGB.
     */
    static RgbImage pixels(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        Raster raster = img.getRaster();
        boolean srgb = img.getColorModel() instanceof ComponentColorModel cm
                && (cm.getColorSpace().isCS_sRGB() || cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY)
                && !cm.hasAlpha();
        if (srgb && raster.getDataBuffer() instanceof DataBufferByte buf && buf.getNumBanks() == 1
                && raster.getSampleModel() instanceof PixelInterleavedSampleModel sm
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0
                && (sm.getNumBands() == 3 || sm.getNumBands() == 1) && sm.getSampleSize(0) == 8) {
            byte[] d = buf.getData();
            int[] out = new int[w * h];
            int stride = sm.getScanlineStride();
            int step = sm.getPixelStride();
            int[] off = sm.getBandOffsets();
            int base = buf.getOffset();
            boolean grey = sm.getNumBands() == 1;
            for (int y = 0; y < h; y++) {
                int row = base + y * stride;
                for (int x = 0; x < w; x++) {
                    int p = row + x * step;
                    int r = d[p + off[0]] & 0xff;
                    int g = grey ? r : d[p + off[1]] & 0xff;
                    int b = grey ? r : d[p + off[2]] & 0xff;
                    out[y * w + x] = (r << 16) | (g << 8) | b;
                }
            }
            return new RgbImage(w, h, out);
        }
        int[] px = img.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < px.length; i++) {
            px[i] &= 0xffffff; // drop alpha: packed RGB only
        }
        return new RgbImage(w, h, px);
    }

    // one reader per thread and format: creating readers and looking them up in the (synchronised)
    // ImageIO registry for every image costs more than decoding a small person crop
    private static final ThreadLocal<ImageReader> PNG = ThreadLocal.withInitial(() -> reader("png"));
    private static final ThreadLocal<ImageReader> JPEG = ThreadLocal.withInitial(() -> reader("jpeg"));

    private static ImageReader reader(String format) {
        return ImageIO.getImageReadersByFormatName(format).next();
    }

    private static BufferedImage decode(Path path, byte[] bytes) {
        boolean png = bytes.length > 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
        boolean jpeg = bytes.length > 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8;
        if (!png && !jpeg) {
            throw new InvalidInputException(path + ": not a JPEG or PNG image (unrecognised format, "
                    + bytes.length + " bytes)");
        }
        ImageReader reader = png ? PNG.get() : JPEG.get();
        List<String> warnings = new ArrayList<>();
        IIOReadWarningListener listener = (source, warning) -> warnings.add(warning);
        // a memory-backed stream: ImageIO's default may spill to temporary files
        try (ImageInputStream in = new MemoryCacheImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
            reader.addIIOReadWarningListener(listener);
            reader.setInput(in, true, true);
            BufferedImage img = reader.read(0);
            if (!warnings.isEmpty()) {
                throw new InvalidInputException(path + ": damaged or truncated " + (png ? "PNG" : "JPEG")
                        + " image (" + warnings.get(0) + ")");
            }
            if (img.getWidth() < 1 || img.getHeight() < 1) {
                throw new InvalidInputException(path + ": image has no pixels");
            }
            return img;
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            throw new InvalidInputException(path + ": unreadable or truncated image (" + e + ")", e);
        } finally {
            reader.removeIIOReadWarningListener(listener);
            reader.setInput(null);
        }
    }
}
