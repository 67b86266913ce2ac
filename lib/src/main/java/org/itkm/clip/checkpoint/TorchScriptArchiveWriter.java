package org.itkm.clip.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.itkm.clip.HostTensor;

/**
 * Writes a TorchScript archive ({@code torch.jit.save}'s zip layout) that holds a tree of modules with
 * parameters only: {@code <name>/data.pkl} (the module objects, pickle protocol 2, tensors as persistent
 * storage ids), {@code <name>/data/N} (one storage per tensor, little-endian), {@code <name>/code/} (a class
 * per module kind, attributes only: no methods, so the archive loads but cannot run {@code forward}),
 * {@code constants.pkl}, {@code version} and optional {@code extra/} files. {@code torch.jit.load} (and so
 * DJL's PyTorch engine) reads it; the dotted tensor names become the module tree's parameter names.
 *
 * <p>Module kinds are named after their path with layer numbers as {@code N} ({@code visual.transformer.
 * resblocks.3.attn} is class {@code visual_transformer_resblocks_N_attn}), so all layers of a tower share
 * one class.
 */
final class TorchScriptArchiveWriter {
    /** The format version of the archive (that of the torch.jit.save-made test fixture; libtorch 2.5 reads it). */
    private static final String FORMAT_VERSION = "4";
    private static final String CODE_MODULE = "model";
    private static final int ALIGNMENT = 64; // torch aligns storages to 64 bytes so they can be memory-mapped

    /** A tensor to store: its dotted parameter name, shape and whether it is stored as float16. */
    record Tensor(String name, long[] shape, boolean half) {}

    private final String archiveName;
    private final String rootClass;

    /**
     * @param archiveName the archive's top folder (torch uses the file name without {@code .pt})
     * @param rootClass class name of the root module
     */
    TorchScriptArchiveWriter(String archiveName, String rootClass) {
        this.archiveName = archiveName;
        this.rootClass = rootClass;
    }

    /**
     * Writes the archive to {@code out}.
     *
     * @param values the float32 value of each tensor, asked for once each, in order
     * @param extraFiles files stored under {@code extra/} (name -> text)
     * @param progress told the number of values of each tensor once it is written
     */
    void write(OutputStream out, List<Tensor> tensors, Function<String, HostTensor> values,
            Map<String, String> extraFiles, LongConsumer progress) throws IOException {
        Module root = new Module(rootClass);
        for (Tensor t : tensors) {
            root.add(t.name().split("\\."), 0, t, "");
        }
        Map<String, Module> classes = new LinkedHashMap<>();
        root.collectClasses(classes);
        CountingStream counted = new CountingStream(out);
        try (ZipOutputStream zip = new ZipOutputStream(counted)) {
            zip.setMethod(ZipOutputStream.STORED);
            String prefix = archiveName + "/";
            stored(zip, counted, prefix + "data.pkl", dataPickle(root, tensors));
            stored(zip, counted, prefix + "code/__torch__/" + CODE_MODULE + ".py", code(classes));
            stored(zip, counted, prefix + "constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
            stored(zip, counted, prefix + "version", (FORMAT_VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
            for (Map.Entry<String, String> e : extraFiles.entrySet()) {
                stored(zip, counted, prefix + "extra/" + e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < tensors.size(); i++) {
                Tensor t = tensors.get(i);
                HostTensor v = values.apply(t.name());
                if (!java.util.Arrays.equals(v.shape(), t.shape())) {
                    throw new IllegalStateException(t.name() + ": value of shape " + HostTensor.describe(v.shape())
                            + ", declared " + HostTensor.describe(t.shape()));
                }
                stored(zip, counted, prefix + "data/" + i, storageBytes(v.data(), t.half()));
                progress.accept(v.data().length);
            }
        }
    }

    private static byte[] storageBytes(float[] v, boolean half) {
        ByteBuffer b = ByteBuffer.allocate(v.length * (half ? 2 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            if (half) {
                b.putShort(HalfFloat.fromFloat(f));
            } else {
                b.putFloat(f);
            }
        }
        return b.array();
    }

    /** An uncompressed entry whose data starts on a 64-byte boundary (padding in the local extra field). */
    private static void stored(ZipOutputStream zip, CountingStream counted, String name, byte[] data)
            throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setTime(315576000000L); // 1980-01-01 noon UTC, a fixed early DOS time: archives are reproducible
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        long header = 30 + name.getBytes(StandardCharsets.UTF_8).length + 4;
        int pad = (int) ((ALIGNMENT - (counted.count + header) % ALIGNMENT) % ALIGNMENT);
        byte[] extra = new byte[4 + pad];
        extra[0] = 'F'; // header id 0x4246 ("FB"), torch's padding field
        extra[1] = 'B';
        extra[2] = (byte) pad;
        extra[3] = (byte) (pad >>> 8);
        e.setExtra(extra);
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    // ---- code/: one class per module kind ----

    private byte[] code(Map<String, Module> classes) {
        StringBuilder sb = new StringBuilder();
        for (Module m : classes.values()) {
            sb.append("class ").append(m.className).append("(Module):\n");
            sb.append("  __parameters__ = [");
            for (String p : m.parameters.keySet()) {
                sb.append('"').append(p).append("\", ");
            }
            sb.append("]\n  __buffers__ = []\n");
            for (String p : m.parameters.keySet()) {
                sb.append("  ").append(p).append(" : Tensor\n");
            }
            sb.append("  training : bool\n");
            for (Map.Entry<String, Module> c : m.children.entrySet()) {
                String type = "__torch__." + CODE_MODULE + "." + c.getValue().className;
                if (Character.isJavaIdentifierStart(c.getKey().charAt(0))) {
                    sb.append("  ").append(c.getKey()).append(" : ").append(type).append('\n');
                } else { // a Sequential's children "0", "1", ...: torch's syntax for names that are not identifiers
                    sb.append("  __annotations__[\"").append(c.getKey()).append("\"] = ").append(type).append('\n');
                }
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---- data.pkl: the module objects ----

    private byte[] dataPickle(Module root, List<Tensor> tensors) {
        Map<Tensor, Integer> keys = new LinkedHashMap<>();
        for (int i = 0; i < tensors.size(); i++) {
            keys.put(tensors.get(i), i);
        }
        Pickle p = new Pickle();
        p.op(0x80).op(2); // PROTO 2
        object(p, root, keys);
        p.op('.'); // STOP
        return p.bytes();
    }

    private static void object(Pickle p, Module m, Map<Tensor, Integer> keys) {
        p.global("__torch__." + CODE_MODULE, m.className).op(')').op(0x81); // EMPTY_TUPLE, NEWOBJ
        p.op('}').op('('); // EMPTY_DICT, MARK
        for (Map.Entry<String, Tensor> e : m.parameters.entrySet()) {
            p.string(e.getKey());
            tensor(p, e.getValue(), keys.get(e.getValue()));
        }
        p.string("training").op(0x89); // NEWFALSE: evaluation mode
        for (Map.Entry<String, Module> c : m.children.entrySet()) {
            p.string(c.getKey());
            object(p, c.getValue(), keys);
        }
        p.op('u').op('b'); // SETITEMS, BUILD
    }

    /** torch._utils._rebuild_tensor_v2(storage, 0, size, stride, requires_grad, OrderedDict()). */
    private static void tensor(Pickle p, Tensor t, int key) {
        p.global("torch._utils", "_rebuild_tensor_v2").op('(');
        p.op('(').string("storage").global("torch", t.half() ? "HalfStorage" : "FloatStorage").string(
                Integer.toString(key)).string("cpu").integer(HostTensor.elementCount(t.shape())).op('t').op('Q');
        p.integer(0);
        long[] stride = new long[t.shape().length];
        long s = 1;
        for (int i = stride.length - 1; i >= 0; i--) {
            stride[i] = s;
            s *= t.shape()[i];
        }
        p.tuple(t.shape()).tuple(stride).op(0x88); // requires_grad True, as a parameter
        p.global("collections", "OrderedDict").op(')').op('R');
        p.op('t').op('R');
    }

    /** The pickle opcodes the archive needs. */
    private static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle op(int code) {
            out.write(code);
            return this;
        }

        Pickle global(String module, String name) {
            op('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Pickle string(String s) { // BINUNICODE
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            op('X');
            int32(b.length);
            out.writeBytes(b);
            return this;
        }

        Pickle integer(long v) {
            if (v >= 0 && v < 256) {
                op('K').op((int) v);
            } else if (v >= 0 && v < 65536) {
                op('M').op((int) v & 0xff).op((int) (v >>> 8));
            } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                op('J');
                int32((int) v);
            } else {
                throw new IllegalArgumentException("integer " + v + " needs more than 32 bits");
            }
            return this;
        }

        Pickle tuple(long[] values) {
            if (values.length == 0) {
                return op(')');
            }
            op('(');
            for (long v : values) {
                integer(v);
            }
            return op('t');
        }

        private void int32(int v) {
            op(v & 0xff).op((v >>> 8) & 0xff).op((v >>> 16) & 0xff).op((v >>> 24) & 0xff);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** A node of the module tree. */
    private static final class Module {
        final String className;
        final Map<String, Tensor> parameters = new LinkedHashMap<>();
        final Map<String, Module> children = new LinkedHashMap<>();

        Module(String className) {
            this.className = className;
        }

        void add(String[] path, int at, Tensor t, String kind) {
            if (at == path.length - 1) {
                parameters.put(path[at], t);
                return;
            }
            String part = path[at];
            String childKind = (kind.isEmpty() ? "" : kind + "_") + (Character.isDigit(part.charAt(0)) ? "N" : part);
            children.computeIfAbsent(part, k -> new Module(childKind)).add(path, at + 1, t, childKind);
        }

        /** Every class once; modules of one kind must have the same attributes. */
        void collectClasses(Map<String, Module> out) {
            Module seen = out.putIfAbsent(className, this);
            if (seen != null && !seen.signature().equals(signature())) {
                throw new IllegalArgumentException("modules of kind " + className + " differ: " + seen.signature()
                        + " vs " + signature());
            }
            for (Module c : children.values()) {
                c.collectClasses(out);
            }
        }

        private String signature() {
            List<String> s = new ArrayList<>(parameters.keySet());
            children.forEach((k, v) -> s.add(k + ":" + v.className));
            return s.toString();
        }
    }

    /** Counts the bytes written so far (to place each entry's data on a boundary); leaves the stream open. */
    private static final class CountingStream extends java.io.FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            out.flush(); // the caller owns the stream
        }
    }
}
