package org.itkm.clip.inference;

import org.itkm.runtime.OwnedArrays;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.itkm.clip.ClipConfig;
import org.itkm.clip.ClipModel;
import org.itkm.clip.checkpoint.ClipCheckpoint;
import org.itkm.io.FloatMatrix;
import org.itkm.io.InvalidInputException;
import org.itkm.runtime.ConsoleProgress;
import org.itkm.runtime.EngineRuntime;

/**
 * A CLIP model loaded for feature extraction: image features f = proj(post-LN(cls)) and text features
 * t = proj(final-LN(h_eot)), float32 and not normalised. Works batch by batch, each in its own NDManager,
 * so memory stays flat however many images or texts are encoded.
 */
public final class ClipInference implements AutoCloseable {
    private final NDManager manager;
    private final ClipModel model;
    private final ParameterStore ps;

    private ClipInference(NDManager manager, ClipModel model) {
        this.manager = manager;
        this.model = model;
        this.ps = new ParameterStore(manager, false);
    }

    /** Loads a checkpoint at the given input size (the checkpoint's own when height/width are 0). */
    public static ClipInference load(ClipCheckpoint checkpoint, int height, int width) {
        ClipConfig cfg = checkpoint.config();
        if (height > 0 && width > 0) {
            cfg = cfg.withInputSize(height, width);
        }
        Device device = EngineRuntime.defaultDevice();
        NDManager m = NDManager.newBaseManager(device);
        try {
            ClipModel model = ClipModel.create(cfg, m);
            model.load(checkpoint.tensors());
            model.freezeParameters(true); // no autograd graph during feature extraction
            return new ClipInference(m, model);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** Wraps an already initialised model; its arrays stay owned by the caller, closing frees only temporaries. */
    public static ClipInference of(ClipModel model, Device device) {
        return new ClipInference(NDManager.newBaseManager(device), model);
    }

    public ClipModel model() {
        return model;
    }

    /**
     * Image features of files, in the given order.
     *
     * @param group 0 = branch A, 1 = branch B
     * @param scenario scenario embedding row, or -1 for none
     */
    public FloatMatrix encodeImages(List<Path> files, int group, int scenario, int batchSize, boolean progress) {
        ClipConfig.Vision v = model.config().vision();
        ClipImagePreprocessor pre = new ClipImagePreprocessor(v.inputHeight(), v.inputWidth());
        int per = 3 * v.inputHeight() * v.inputWidth();
        int dim = model.config().projectionDim();
        float[] out = new float[files.size() * dim];
        float[] pixels = new float[batchSize * per];
        ByteBuffer buf = ByteBuffer.allocateDirect(4 * pixels.length).order(ByteOrder.nativeOrder());
        try (ConsoleProgress bar = progress ? new ConsoleProgress("embed", files.size()) : null) {
            for (int start = 0; start < files.size(); start += batchSize) {
                int n = Math.min(batchSize, files.size() - start);
                for (int i = 0; i < n; i++) {
                    pre.load(files.get(start + i), pixels, i * per);
                }
                float[] f = encodePixels(pixels, n, group, scenario, buf);
                System.arraycopy(f, 0, out, start * dim, n * dim);
                if (bar != null) {
                    bar.step(n);
                }
            }
        }
        return new FloatMatrix(files.size(), dim, out);
    }

    /** Image features of n normalised images packed (3, H, W) in {@code pixels}. */
    public float[] encodePixels(float[] pixels, int n, int group, int scenario, ByteBuffer reuse) {
        ClipConfig.Vision v = model.config().vision();
        int per = 3 * v.inputHeight() * v.inputWidth();
        ByteBuffer buf = reuse != null && reuse.capacity() >= 4 * n * per ? reuse
                : ByteBuffer.allocateDirect(4 * n * per).order(ByteOrder.nativeOrder());
        buf.clear();
        FloatBuffer fb = buf.asFloatBuffer();
        fb.put(pixels, 0, n * per);
        buf.limit(4 * n * per);
        try (NDManager step = manager.newSubManager()) {
            NDArray images = step.create(buf.rewind(), new Shape(n, 3, v.inputHeight(), v.inputWidth()),
                    DataType.FLOAT32);
            int[] groups = new int[n];
            Arrays.fill(groups, group);
            int[] scen = new int[n];
            Arrays.fill(scen, scenario);
            return model.vision().encode(ps, images, groups, scen, false).toFloatArray();
        } finally {
            java.lang.ref.Reference.reachabilityFence(buf); // the input array reads this buffer's memory
        }
    }

    /**
     * Text features of token id sequences (each with its begin and end ids); padded per chunk with the
     * pad id (causal attention makes padding after the end token irrelevant).
     */
    public FloatMatrix encodeTokenIds(int[][] sequences, int chunk, boolean progress) {
        ClipConfig.Text t = model.config().text();
        int dim = model.config().projectionDim();
        float[] out = new float[sequences.length * dim];
        for (int i = 0; i < sequences.length; i++) {
            int[] s = sequences[i];
            if (s.length > t.contextLength()) {
                throw new InvalidInputException("sequence " + (i + 1) + " has " + s.length + " ids, more than the context"
                        + " length " + t.contextLength());
            }
            for (int id : s) {
                if (id < 0 || id >= t.vocabSize()) {
                    throw new InvalidInputException("sequence " + (i + 1) + " has id " + id + " outside the vocabulary [0, "
                            + t.vocabSize() + ")");
                }
            }
            if (t.poolingPosition(s, 0, s.length) < 0) {
                throw new InvalidInputException("sequence " + (i + 1) + " has no end-of-text id " + t.eosTokenId());
            }
        }
        try (ConsoleProgress bar = progress ? new ConsoleProgress("embed-text", sequences.length) : null) {
            for (int start = 0; start < sequences.length; start += chunk) {
                int n = Math.min(chunk, sequences.length - start);
                int len = 0;
                for (int i = 0; i < n; i++) {
                    len = Math.max(len, sequences[start + i].length);
                }
                int[] ids = new int[n * len];
                int[] eot = new int[n];
                Arrays.fill(ids, t.padTokenId());
                for (int i = 0; i < n; i++) {
                    int[] s = sequences[start + i];
                    System.arraycopy(s, 0, ids, i * len, s.length);
                    eot[i] = t.poolingPosition(s, 0, s.length);
                }
                try (NDManager step = manager.newSubManager()) {
                    NDArray tokens = OwnedArrays.ints(step, ids, new Shape(n, len));
                    float[] f = model.text().encode(ps, tokens, eot, false).toFloatArray();
                    System.arraycopy(f, 0, out, start * dim, n * dim);
                }
                if (bar != null) {
                    bar.step(n);
                }
            }
        }
        return new FloatMatrix(sequences.length, dim, out);
    }

    @Override
    public void close() {
        manager.close();
    }
}
