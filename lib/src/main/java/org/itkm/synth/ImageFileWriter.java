package org.itkm.synth;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes RGB pixels as PNG or JPEG with no varying metadata (no time stamps, fixed compression
 * settings), so the same pixels always give the same bytes. PNG is encoded here (8-bit RGB, "Sub"
 * row filter, one IDAT); JPEG goes through the JDK's encoder at a fixed quality.
 */
final class ImageFileWriter {
    private static final float JPEG_QUALITY = 0.92f;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** How a PNG's filtered rows are deflated; a preset keeps one, so its files never change. */
    enum PngCompression {
        /** zlib level 6 (LZ77 + Huffman): tiny, quick and full, whose files must stay as they are. */
        DEFAULT(6, Deflater.DEFAULT_STRATEGY),
        /**
         * Huffman coding only: sensor noise leaves LZ77 almost nothing to match, so at 256 × 128 this is
         * 2.5 times faster than level 6 and the files are 5 % smaller (measured on paper-size's LTCC).
         */
        HUFFMAN_ONLY(Deflater.BEST_SPEED, Deflater.HUFFMAN_ONLY);

        private final int level;
        private final int strategy;

        PngCompression(int level, int strategy) {
            this.level = level;
            this.strategy = strategy;
        }
    }

    private ImageFileWriter() {}

    static void write(Path file, int[] rgb, int width, int height, PngCompression compression) {
        if (org.itkm.io.ExitCleanup.stopping()) { // Ctrl-C or SIGTERM: the folder is being removed
            throw new IllegalStateException("stopping");
        }
        try {
            Files.createDirectories(file.getParent());
            byte[] bytes = file.toString().endsWith(".png") ? png(rgb, width, height, compression)
                    : jpeg(rgb, width, height);
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static byte[] png(int[] rgb, int width, int height, PngCompression compression) {
        byte[] raw = new byte[height * (1 + 3 * width)];
        int p = 0;
        for (int y = 0; y < height; y++) {
            raw[p++] = 1; // filter type Sub: difference to the pixel on the left
            for (int x = 0; x < width; x++) {
                int v = rgb[y * width + x];
                int left = x == 0 ? 0 : rgb[y * width + x - 1];
                for (int shift = 16; shift >= 0; shift -= 8) {
                    raw[p++] = (byte) (((v >> shift) & 0xff) - ((left >> shift) & 0xff));
                }
            }
        }
        Deflater deflater = new Deflater(compression.level);
        deflater.setStrategy(compression.strategy);
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try {
            deflater.setInput(raw);
            deflater.finish();
            byte[] buf = new byte[8192];
            while (!deflater.finished()) {
                z.write(buf, 0, deflater.deflate(buf));
            }
        } finally {
            deflater.end();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PNG_SIGNATURE);
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", z.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    static byte[] jpeg(int[] rgb, int width, int height) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, width, height, rgb, 0, width);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
