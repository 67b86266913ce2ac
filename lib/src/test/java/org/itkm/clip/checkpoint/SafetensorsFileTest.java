package org.itkm.clip.checkpoint;

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
import org.itkm.clip.HostTensor;
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

    @Test
    void f16WritingRoundTripsWithinHalfPrecisionInHalfTheBytes() throws Exception {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        float[] w = new float[1000];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-4, 4)));
        }
        w[0] = 0f;
        w[1] = -0f;
        w[2] = 65504f; // the largest half
        w[3] = 1e-7f; // a subnormal half
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        tensors.put("w", new HostTensor(new long[] {25, 40}, w));
        tensors.put("b", new HostTensor(new long[] {3}, new float[] {1f, -2.5f, 0.1f}));
        Path f32 = tmp.resolve("f32.safetensors");
        Path f16 = tmp.resolve("f16.safetensors");
        SafetensorsFile.write(f32, tensors, Map.of("format", "pt"));
        try (SafetensorsFile source = SafetensorsFile.open(f32)) {
            SafetensorsFile.write(f16, source, source.metadata(), n -> { }, SafetensorsFile.Precision.F16);
        }
        try (SafetensorsFile half = SafetensorsFile.open(f16)) {
            assertEquals(Map.of("format", "pt"), half.metadata());
            assertEquals(java.util.List.of("w", "b"), java.util.List.copyOf(half.names()));
            assertEquals("F16", half.dtype("w"));
            HostTensor back = half.read("w");
            assertArrayEquals(new long[] {25, 40}, back.shape());
            for (int i = 0; i < w.length; i++) {
                // half precision: 11 significant bits (relative error <= 2^-11), subnormals in steps of 2^-24
                double tolerance = Math.max(Math.abs(w[i]) * 0x1p-11, 0x1p-25);
                assertTrue(Math.abs(back.data()[i] - w[i]) <= tolerance, i + ": " + w[i] + " -> " + back.data()[i]);
                assertEquals(HalfFloat.toFloat(HalfFloat.fromFloat(w[i])), back.data()[i], "the nearest half");
            }
            assertEquals(65504f, back.data()[2]);
            assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(back.data()[1]));
            assertArrayEquals(new float[] {1f, -2.5f, HalfFloat.toFloat(HalfFloat.fromFloat(0.1f))},
                    half.read("b").data());
        }
        assertTrue(Files.size(f16) < Files.size(f32) / 2 + 400, Files.size(f16) + " vs " + Files.size(f32));

        Map<String, HostTensor> huge = Map.of("x", new HostTensor(new long[] {1}, new float[] {1e6f}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SafetensorsFile.write(
                tmp.resolve("huge.safetensors"), new InMemoryTensors(huge, "huge"), Map.of(), n -> { },
                SafetensorsFile.Precision.F16));
        assertTrue(e.getMessage().contains("x: value 1000000.0 lies beyond the half precision range"), e.getMessage());
        assertTrue(!Files.exists(tmp.resolve("huge.safetensors")), "nothing written");
    }
}
