package org.itkm.clip.checkpoint;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.itkm.clip.HostTensor;
import org.itkm.clip.TensorSource;
import org.itkm.io.AtomicFiles;
import org.itkm.io.InvalidInputException;

/**
 * A {@code .safetensors} file read tensor by tensor. Each tensor is memory-mapped on its own, so files
 * over 2 GiB work (DJL's {@code NDList.decode} cannot read them), and F16/BF16 values are widened to F32
 * in Java (BF16 arrays abort the JVM in DJL's PyTorch engine).
 */
public final class SafetensorsFile implements TensorSource, AutoCloseable {
    private static final long MAX_HEADER_BYTES = 100L << 20;
    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private record Entry(String dtype, long[] shape, long begin, long end) {}

    private SafetensorsFile(Path path, FileChannel channel) throws IOException {
        this.path = path;
        this.channel = channel;
        long size = channel.size();
        if (size < 8) {
            throw bad("shorter than the 8-byte header length");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(lenBuf, 0);
        long headerLen = lenBuf.flip().getLong();
        if (headerLen <= 0 || headerLen > MAX_HEADER_BYTES || 8 + headerLen > size) {
            throw bad("header length " + headerLen + " does not fit the file size " + size);
        }
        ByteBuffer header = ByteBuffer.allocate((int) headerLen);
        channel.read(header, 8);
        dataStart = 8 + headerLen;
        JsonObject json;
        try {
            json = JsonParser.parseString(new String(header.array(), StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw bad("header is not a JSON object: " + e.getMessage());
        }
        for (Map.Entry<String, JsonElement> e : json.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                if (e.getValue().isJsonObject()) {
                    e.getValue().getAsJsonObject().entrySet().forEach(m -> metadata.put(m.getKey(),
                            m.getValue().isJsonPrimitive() ? m.getValue().getAsString() : m.getValue().toString()));
                }
                continue;
            }
            Entry entry;
            try {
                JsonObject t = e.getValue().getAsJsonObject();
                var shapeJson = t.getAsJsonArray("shape");
                long[] shape = new long[shapeJson.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = shapeJson.get(i).getAsLong();
                    if (shape[i] < 0) {
                        throw new IllegalArgumentException("negative dimension");
                    }
                }
                var offsets = t.getAsJsonArray("data_offsets");
                if (offsets.size() != 2) {
                    throw new IllegalArgumentException("data_offsets must hold 2 numbers");
                }
                entry = new Entry(t.get("dtype").getAsString(), shape, offsets.get(0).getAsLong(),
                        offsets.get(1).getAsLong());
            } catch (RuntimeException ex) {
                throw bad("tensor '" + e.getKey() + "' has a malformed header entry " + e.getValue()
                        + " (expected {\"dtype\": ..., \"shape\": [...], \"data_offsets\": [begin, end]})");
            }
            if (entry.begin < 0 || entry.end < entry.begin || dataStart + entry.end > size) {
                throw bad("tensor '" + e.getKey() + "' lies outside the file");
            }
            entries.put(e.getKey(), entry);
        }
    }

    /** Opens a safetensors file and reads its header; tensors are read later, one by one. */
    public static SafetensorsFile open(Path path) {
        try {
            return new SafetensorsFile(path, FileChannel.open(path, StandardOpenOption.READ));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("missing file " + path + " (expected a .safetensors weights file)");
        } catch (IOException e) {
            throw new InvalidInputException(path + ": cannot read (" + org.itkm.io.IoReasons.of(e) + ")", e);
        }
    }

    private InvalidInputException bad(String what) {
        return new InvalidInputException(path + " is not a valid safetensors file: " + what);
    }

    /** The header's {@code __metadata__} string pairs (empty when it has none). */
    public Map<String, String> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    @Override
    public long[] shape(String name) {
        return entries.get(name).shape.clone();
    }

    /** The stored data type of a tensor (F32, F16, BF16, ...). */
    public String dtype(String name) {
        return entries.get(name).dtype;
    }

    @Override
    public String layoutHint() {
        return "; the expected shapes follow from the config.json beside it, so the two must come from the same"
                + " model (for ViT-B/16: both from openai/clip-vit-base-patch16)";
    }

    @Override
    public String origin() {
        return path.toString();
    }

    @Override
    public HostTensor read(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new InvalidInputException(path + ": no tensor '" + name + "'");
        }
        int bytesPerValue = switch (e.dtype) {
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            case "F64" -> 8;
            default -> throw new InvalidInputException(path + ": tensor '" + name + "' has unsupported dtype "
                    + e.dtype + " (supported: F32, F16, BF16, F64)");
        };
        long count = HostTensor.elementCount(e.shape);
        if (count * bytesPerValue != e.end - e.begin) {
            throw bad("tensor '" + name + "' holds " + (e.end - e.begin) + " bytes, expected " + count * bytesPerValue);
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException(path + ": tensor '" + name + "' is too large for one Java array");
        }
        float[] out = new float[(int) count];
        try {
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + e.begin, e.end - e.begin);
            map.order(ByteOrder.LITTLE_ENDIAN);
            switch (e.dtype) {
                case "F32" -> map.asFloatBuffer().get(out);
                case "F64" -> {
                    var d = map.asDoubleBuffer();
                    for (int i = 0; i < out.length; i++) {
                        out[i] = (float) d.get(i);
                    }
                }
                case "BF16" -> {
                    var s = map.asShortBuffer();
                    for (int i = 0; i < out.length; i++) {
                        out[i] = Float.intBitsToFloat((s.get(i) & 0xffff) << 16);
                    }
                }
                default -> {
                    var s = map.asShortBuffer();
                    for (int i = 0; i < out.length; i++) {
                        out[i] = HalfFloat.toFloat(s.get(i));
                    }
                }
            }
        } catch (IOException ex) {
            throw new InvalidInputException("cannot read tensor '" + name + "' from " + path + ": " + ex.getMessage(),
                    ex);
        }
        return new HostTensor(e.shape.clone(), out);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // read-only channel: nothing to flush
        }
    }

    /**
     * Writes float32 tensors as a safetensors file, atomically (temporary file, then rename).
     *
     * @param metadata string pairs for {@code __metadata__} (may be empty)
     */
    public static void write(Path path, Map<String, HostTensor> tensors, Map<String, String> metadata)
            throws IOException {
        write(path, new InMemoryTensors(tensors, path.toString()), metadata, n -> { });
    }

    /** How {@link #write(Path, TensorSource, Map, LongConsumer, Precision)} stores each value. */
    public enum Precision {
        /** float32, as computed. */
        F32("F32", 4),
        /** IEEE half precision, each value rounded to the nearest half (ties to even): half the bytes. */
        F16("F16", 2);

        private final String dtype;
        private final int bytes;

        Precision(String dtype, int bytes) {
            this.dtype = dtype;
            this.bytes = bytes;
        }
    }

    /**
     * Writes every tensor of a source as float32, reading them one at a time (a source that makes its
     * values on demand is never held in memory whole), atomically (temporary file forced to disk, then rename).
     *
     * @param progress told the number of values of each tensor once it is written
     */
    public static void write(Path path, TensorSource tensors, Map<String, String> metadata, LongConsumer progress)
            throws IOException {
        write(path, tensors, metadata, progress, Precision.F32);
    }

    /**
     * {@link #write(Path, TensorSource, Map, LongConsumer)} storing every value at the given precision; F16
     * rounds each value to the nearest half (what {@link #read} then widens back to float32). A value beyond
     * the half range would become infinite: refused, naming the tensor.
     */
    public static void write(Path path, TensorSource tensors, Map<String, String> metadata, LongConsumer progress,
            Precision precision) throws IOException {
        JsonObject header = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add("__metadata__", meta);
        }
        long offset = 0;
        for (String name : tensors.names()) {
            long[] dims = tensors.shape(name);
            JsonObject t = new JsonObject();
            t.addProperty("dtype", precision.dtype);
            JsonArray shape = new JsonArray();
            for (long d : dims) {
                shape.add(d);
            }
            t.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offset += (long) precision.bytes * HostTensor.elementCount(dims);
            offsets.add(offset);
            t.add("data_offsets", offsets);
            header.add(name, t);
        }
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.UTF_8);
        int pad = (8 - headerBytes.length % 8) % 8; // keep tensor data 8-byte aligned, as the reference writer
        byte[] padded = new byte[headerBytes.length + pad];
        System.arraycopy(headerBytes, 0, padded, 0, headerBytes.length);
        for (int i = headerBytes.length; i < padded.length; i++) {
            padded[i] = ' ';
        }
        AtomicFiles.write(path, out -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded.length);
            out.write(len.array());
            out.write(padded);
            ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (String name : tensors.names()) {
                HostTensor t = tensors.read(name);
                if (!java.util.Arrays.equals(t.shape(), tensors.shape(name))) {
                    throw new IllegalStateException(name + ": value of shape " + HostTensor.describe(t.shape())
                            + ", declared " + HostTensor.describe(tensors.shape(name)));
                }
                for (float v : t.data()) {
                    if (!chunk.hasRemaining()) {
                        out.write(chunk.array(), 0, chunk.position());
                        chunk.clear();
                    }
                    if (precision == Precision.F32) {
                        chunk.putFloat(v);
                    } else {
                        short h = HalfFloat.fromFloat(v);
                        if (Float.isInfinite(HalfFloat.toFloat(h)) && !Float.isInfinite(v)) {
                            throw new IllegalArgumentException(name + ": value " + v + " lies beyond the half"
                                    + " precision range (65504); it cannot be stored as F16");
                        }
                        chunk.putShort(h);
                    }
                }
                progress.accept(t.data().length);
            }
            out.write(chunk.array(), 0, chunk.position());
        });
    }
}
