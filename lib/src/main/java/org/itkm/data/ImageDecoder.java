package org.itkm.data;

import java.awt.image.BufferedImage;
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

    /** The image as {@code TYPE_INT_RGB} (grey-scale and palette files are converted). */
    public static BufferedImage decodeRgb(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(path + ": image file not found");
        } catch (IOException e) {
            throw new InvalidInputException(path + ": cannot read image file (" + e.getMessage() + ")", e);
        }
        if (bytes.length == 0) {
            throw new InvalidInputException(path + ": empty file; expected a JPEG or PNG image");
        }
        BufferedImage img = decode(path, bytes);
        if (img.getType() == BufferedImage.TYPE_INT_RGB) {
            return img;
        }
        BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        int[] row = new int[img.getWidth()];
        for (int y = 0; y < img.getHeight(); y++) {
            img.getRGB(0, y, row.length, 1, row, 0, row.length);
            rgb.setRGB(0, y, row.length, 1, row, 0, row.length);
        }
        return rgb;
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
