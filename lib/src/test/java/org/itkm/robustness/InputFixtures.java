package org.itkm.robustness;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.itkm.clip.HostTensor;
import org.itkm.clip.checkpoint.ClipArchitecture;
import org.itkm.clip.checkpoint.InMemoryTensors;
import org.itkm.clip.checkpoint.OpenAiClipArchive;
import org.itkm.clip.checkpoint.RandomClipCheckpoint;
import org.itkm.clip.checkpoint.SafetensorsFile;
import org.itkm.io.FloatMatrix;
import org.itkm.io.NpyFile;
import org.itkm.synth.SynthPreset;
import org.itkm.synth.SynthUmsGenerator;

/**
 * Inputs for the robustness cases, made once per test class in a shared folder and copied into each case's
 * current folder (so that the case's "nothing changed" check covers them): the tiny random CLIP of
 * {@code itkm make-clip --arch vit-tiny}, images, features and labels, SynthUMS tiny.
 */
final class InputFixtures {
    private InputFixtures() {}

    /** A tiny random CLIP as a Hugging Face directory in {@code dir}. */
    static Path huggingFaceClip(Path dir) throws IOException {
        return RandomClipCheckpoint.write(ClipArchitecture.VIT_TINY, RandomClipCheckpoint.Format.HF, 0, dir, false,
                quiet()).checkpoint();
    }

    /** Writes {@code weights} (Hugging Face names) as an OpenAI TorchScript archive {@code archive}. */
    static void openAiArchive(Path archive, Map<String, HostTensor> weights) throws IOException {
        OpenAiClipArchive.write(archive, new InMemoryTensors(weights, archive.toString()),
                ClipArchitecture.VIT_TINY.config(), null, n -> { });
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    /** Every tensor of a Hugging Face directory's weights. */
    static Map<String, HostTensor> tensors(Path dir) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        try (SafetensorsFile f = SafetensorsFile.open(dir.resolve("model.safetensors"))) {
            for (String n : f.names()) {
                out.put(n, f.read(n));
            }
        }
        return out;
    }

    /** The same tensors with value {@code index} of {@code name} replaced by {@code value}. */
    static Map<String, HostTensor> poisoned(Map<String, HostTensor> t, String name, int index, float value) {
        Map<String, HostTensor> out = new LinkedHashMap<>(t);
        float[] v = t.get(name).data().clone();
        v[index] = value;
        out.put(name, new HostTensor(t.get(name).shape(), v));
        return out;
    }

    /** Cuts a file to half its length (a truncated download or copy). */
    static void truncate(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(b, b.length / 2));
    }

    static void writeWeights(Path dir, Map<String, HostTensor> t) throws IOException {
        SafetensorsFile.write(dir.resolve("model.safetensors"), t, Map.of());
    }

    /** Sets {@code dotted.key} of a directory's config.json to a JSON value (e.g. "3", "\"abc\"", "[64]"). */
    static void editConfig(Path dir, String dottedKey, String json) throws IOException {
        Path file = dir.resolve("config.json");
        JsonObject root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        String[] keys = dottedKey.split("\\.");
        JsonObject o = root;
        for (int i = 0; i < keys.length - 1; i++) {
            o = o.getAsJsonObject(keys[i]);
        }
        JsonElement value = JsonParser.parseString(json);
        o.add(keys[keys.length - 1], value);
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(root));
    }

    /** {@code n} small PNG images img0.png.. in a new folder {@code dir}. */
    static Path images(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    img.setRGB(x, y, (x * 8 + i * 40) << 16 | (y * 8) << 8 | (i * 70 & 0xff));
                }
            }
            ImageIO.write(img, "png", dir.resolve("img" + i + ".png").toFile());
        }
        return dir;
    }

    /** Random features, N x D float32, as .npy. */
    static Path features(Path file, int rows, int cols, long seed) throws IOException {
        java.util.Random r = new java.util.Random(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        NpyFile.write(file, new FloatMatrix(rows, cols, v));
        return file;
    }

    /** A metadata CSV: pid = i % ids (+ offset), camid = 1 + i % cameras. */
    static Path labels(Path file, int rows, int ids, int pidOffset, int cameras) throws IOException {
        StringBuilder sb = new StringBuilder("pid,camid,clothes\n");
        for (int i = 0; i < rows; i++) {
            sb.append(pidOffset + i % ids).append(',').append(1 + i % cameras).append(",\n");
        }
        Files.writeString(file, sb.toString());
        return file;
    }

    /** SynthUMS tiny (SYSU-MM01, LTCC_ReID, MLR-CUHK03; 164 images) in {@code dir}. */
    static Path synthTiny(Path dir) {
        new SynthUmsGenerator(SynthPreset.TINY, 1).generate(dir, false, false);
        return dir;
    }

    /** Copies a folder tree. */
    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return to;
    }
}
