package org.itkm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.itkm.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading safetensors: dtypes, files beyond 2 GiB, round trips, broken files. */
class SafetensorsFileTest {
    @TempDir
    Path tmp;

    @Test
    void readsATensorLyingBeyondTwoGibibytes() throws Exception {
        long gap = (1L << 31) + 4096; // the tensor starts past Integer.MAX_VALUE: a sparse file, no disk used
        String header = "{\"__metadata__\":{\"format\":\"pt\"},\"pad\":{\"dtype\":\"U8\",\"shape\":[" + gap
                + "],\"data_offsets\":[0," + gap + "]},\"w\":{\"dtype\":\"BF16\",\"shape\":[2,2],\"data_offsets\":[" + gap
                + "," + (gap + 8) + "]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        Path file = tmp.resolve("big.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length);
            raf.write(len.array());
            raf.write(h);
            raf.seek(8 + h.length + gap);
            ByteBuffer v = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : new float[] {1.5f, -2f, 0.15625f, 3e38f}) {
                v.putShort((short) (Float.floatToIntBits(f) >>> 16));
            }
            raf.write(v.array());
        }
        assertTrue(Files.size(file) > Integer.MAX_VALUE);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            HostTensor w = f.read("w");
            assertArrayEquals(new long[] {2, 2}, w.shape());
            assertArrayEquals(new float[] {1.5f, -2f, 0.15625f, Float.intBitsToFloat(Float.floatToIntBits(3e38f) & 0xffff0000)},
                    w.data());
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> f.read("pad"));
            assertTrue(e.getMessage().contains("unsupported dtype U8"), e.getMessage());
        }
    }

    @Test
    void halfPrecisionIncludingSubnormalsAndInfinity() {
        assertEquals(1f, HalfFloat.toFloat((short) 0x3c00));
        assertEquals(-2f, HalfFloat.toFloat((short) 0xc000));
        assertEquals(65504f, HalfFloat.toFloat((short) 0x7bff));
        assertEquals((float) Math.pow(2, -24), HalfFloat.toFloat((short) 0x0001));
        assertEquals(Float.POSITIVE_INFINITY, HalfFloat.toFloat((short) 0x7c00));
        assertTrue(Float.isNaN(HalfFloat.toFloat((short) 0x7e00)));
        assertEquals(-0f, HalfFloat.toFloat((short) 0x8000));
    }

    @Test
    void writeThenReadRoundTripsAndRejectsGarbage() throws Exception {
        Map<String, HostTensor> t = new LinkedHashMap<>();
        t.put("a", new HostTensor(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}));
        t.put("s", new HostTensor(new long[0], new float[] {7}));
        Path file = tmp.resolve("x.safetensors");
        SafetensorsFile.write(file, t, Map.of("k", "v"));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(java.util.Set.of("a", "s"), f.names());
            assertArrayEquals(t.get("a").data(), f.read("a").data());
            assertArrayEquals(new long[0], f.shape("s"));
        }
        Files.write(tmp.resolve("bad.safetensors"), new byte[] {1, 2, 3});
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SafetensorsFile.open(tmp.resolve("bad.safetensors")));
        assertTrue(e.getMessage().contains("not a valid safetensors file"), e.getMessage());
        Files.write(tmp.resolve("bad.pt"), new byte[] {1, 2, 3});
        e = assertThrows(InvalidInputException.class, () -> ClipCheckpoint.open(tmp.resolve("bad.pt")));
        assertTrue(e.getMessage().contains("cannot load " + tmp.resolve("bad.pt") + " as a TorchScript archive"),
                e.getMessage());
    }
}
