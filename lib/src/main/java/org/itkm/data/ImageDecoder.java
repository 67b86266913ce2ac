package org.itkm.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
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

    private static BufferedImage decode(Path path, byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new InvalidInputException(path + ": not a JPEG or PNG image (unrecognised format, "
                        + bytes.length + " bytes)");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            IIOReadWarningListener listener = (source, warning) -> warnings.add(warning);
            try {
                reader.addIIOReadWarningListener(listener);
                reader.setInput(in, true, true);
                BufferedImage img = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new InvalidInputException(path + ": damaged or truncated " + reader.getFormatName()
                            + " image (" + warnings.get(0) + ")");
                }
                if (img.getWidth() < 1 || img.getHeight() < 1) {
                    throw new InvalidInputException(path + ": image has no pixels");
                }
                return img;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            throw new InvalidInputException(path + ": unreadable or truncated image (" + e + ")", e);
        }
    }
}
