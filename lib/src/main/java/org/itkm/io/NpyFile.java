package org.itkm.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files holding a 2-D float32 C-order matrix ({@code <f4}), the
 * format in which the kit exchanges feature sets with Python tools.
 */
public final class NpyFile {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyFile() {}

    /** Reads a float32 N×D matrix; any other content is an {@link InvalidInputException} naming the file. */
    public static FloatMatrix readFloat32Matrix(Path path) {
        ReadAccess.requireFile(path, "the .npy file");
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, 10)).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, head, path);
            head.flip();
            if (head.remaining() < 10 || !startsWithMagic(head)) {
                throw new InvalidInputException(path + ": not a .npy file (missing the \\x93NUMPY magic header)");
            }
            int major = head.get(6) & 0xff;
            long headerLen;
            int prefix;
            if (major == 1) {
                headerLen = head.getShort(8) & 0xffff;
                prefix = 10;
            } else if (major == 2 || major == 3) {
                ByteBuffer four = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                ch.position(8);
                readFully(ch, four, path);
                headerLen = four.getInt(0) & 0xffffffffL;
                prefix = 12;
            } else {
                throw new InvalidInputException(path + ": unsupported .npy format version " + major);
            }
            if (prefix + headerLen > size) {
                throw new InvalidInputException(path + ": truncated .npy header");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            ch.position(prefix);
            readFully(ch, hb, path);
            String header = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            String descr = group(DESCR, header, path, "descr");
            if (!descr.equals("<f4") && !descr.equals("=f4")) {
                throw new InvalidInputException(path + ": wrong dtype '" + descr
                        + "', expected float32 ('<f4'); convert with array.astype(numpy.float32)");
            }
            if (group(FORTRAN, header, path, "fortran_order").equals("True")) {
                throw new InvalidInputException(path + ": Fortran-order array, expected C order"
                        + " (save numpy.ascontiguousarray(a))");
            }
            long[] shape = parseShape(group(SHAPE, header, path, "shape"), path);
            if (shape.length != 2) {
                throw new InvalidInputException(path + ": wrong shape " + shapeText(shape)
                        + ", expected a 2-D matrix (N images x D features)");
            }
            long count = shape[0] * shape[1];
            if (count > Integer.MAX_VALUE - 8) {
                throw new InvalidInputException(path + ": " + shapeText(shape) + " holds more than 2^31 values");
            }
            long dataBytes = count * 4;
            if (size - prefix - headerLen != dataBytes) {
                throw new InvalidInputException(path + ": holds " + (size - prefix - headerLen)
                        + " data bytes, but shape " + shapeText(shape) + " of float32 needs " + dataBytes
                        + " (truncated or corrupt file)");
            }
            float[] data = new float[(int) count];
            ch.position(prefix + headerLen);
            ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            int filled = 0;
            while (filled < data.length) {
                chunk.clear();
                int want = (int) Math.min(chunk.capacity(), (long) (data.length - filled) * 4);
                chunk.limit(want);
                readFully(ch, chunk, path);
                chunk.flip();
                int n = want / 4;
                chunk.asFloatBuffer().get(data, filled, n);
                filled += n;
            }
            return new FloatMatrix((int) shape[0], (int) shape[1], data);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(path + ": file not found");
        } catch (IOException e) {
            throw new InvalidInputException(path + ": cannot read (" + IoReasons.of(e) + ")", e);
        }
    }

    /** Writes a matrix as a version-1.0 {@code .npy} file ({@code <f4}, C order), atomically. */
    public static void write(Path path, FloatMatrix m) throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + m.rows() + ", " + m.cols() + "), }";
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer head = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        head.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        head.put(header.getBytes(StandardCharsets.ISO_8859_1));
        head.flip();
        AtomicFiles.write(path, out -> {
            out.write(head.array(), 0, head.limit());
            ByteBuffer chunk = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            float[] data = m.data();
            int done = 0;
            while (done < data.length) {
                chunk.clear();
                int n = Math.min(chunk.capacity() / 4, data.length - done);
                chunk.asFloatBuffer().put(data, done, n);
                out.write(chunk.array(), 0, n * 4);
                done += n;
            }
        });
    }

    private static boolean startsWithMagic(ByteBuffer b) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (b.get(i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, Path path) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                throw new InvalidInputException(path + ": unexpected end of file (truncated .npy)");
            }
        }
    }

    private static String group(Pattern p, String header, Path path, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new InvalidInputException(path + ": .npy header has no '" + key + "' entry: " + header.trim());
        }
        return m.group(1);
    }

    private static long[] parseShape(String text, Path path) {
        String[] parts = text.split(",");
        int n = 0;
        long[] dims = new long[parts.length];
        for (String part : parts) {
            String t = part.trim();
            if (t.isEmpty()) {
                continue;
            }
            try {
                dims[n++] = Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(path + ": cannot parse .npy shape (" + text + ")");
            }
        }
        return java.util.Arrays.copyOf(dims, n);
    }

    private static String shapeText(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
