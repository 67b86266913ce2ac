package org.itkm.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyFileTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsAndReadsNumpyWrittenFiles() throws IOException {
        FloatMatrix m = new FloatMatrix(3, 2, new float[] {1, -2, 3.5f, Float.MIN_VALUE, 0, 1e30f});
        Path p = dir.resolve("m.npy");
        NpyFile.write(p, m);
        assertEquals(m, NpyFile.readFloat32Matrix(p));
        // numpy.save(np.arange(6, dtype=np.float32).reshape(2, 3)) header, byte for byte
        Path numpy = write("np.npy", header("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"),
                floats(0, 1, 2, 3, 4, 5));
        FloatMatrix n = NpyFile.readFloat32Matrix(numpy);
        assertEquals(2, n.rows());
        assertEquals(3, n.cols());
        assertEquals(5f, n.get(1, 2));
    }

    @Test
    void rejectsWhatIsNotAFloat32Matrix() throws IOException {
        assertMessage(write("f8.npy", header("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1), }"),
                new byte[8]), "wrong dtype '<f8', expected float32");
        assertMessage(write("v.npy", header("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }"),
                floats(1, 2, 3)), "wrong shape (3,), expected a 2-D matrix");
        assertMessage(write("f.npy", header("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 2), }"),
                floats(1, 2)), "Fortran-order");
        assertMessage(write("t.npy", header("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }"),
                floats(1, 2, 3)), "truncated or corrupt");
        assertMessage(write("x.npy", "hello world, not numpy".getBytes(StandardCharsets.US_ASCII)), "not a .npy file");
        assertMessage(dir.resolve("missing.npy"), "file not found");
    }

    private void assertMessage(Path p, String part) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NpyFile.readFloat32Matrix(p));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    private static byte[] header(String dict) {
        int total = 10 + dict.length() + 1;
        String h = dict + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + h.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) h.length()).put(h.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    private static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    private Path write(String name, byte[]... parts) throws IOException {
        Path p = dir.resolve(name);
        try (var out = Files.newOutputStream(p)) {
            for (byte[] part : parts) {
                out.write(part);
            }
        }
        return p;
    }
}
