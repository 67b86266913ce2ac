package org.itkm.clip;

import org.itkm.runtime.OwnedArrays;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.List;
import org.itkm.clip.tokenizer.ClipTokenizer;
import org.itkm.io.FloatMatrix;
import org.itkm.runtime.ConsoleProgress;

/**
 * CoOp / CLIP-ReID style prompts "A photo of a X1 ... XM person." with M learnable token vectors per
 * pseudo-identity (paper §3.2; M = 4 by default). The begin token, "A photo of a", "person." and the end
 * token are fixed token embeddings of the frozen text encoder; only the (N, M x D) context table is a
 * parameter. Text features come from {@link TextTransformer#encodeEmbeddings} pooled at the end token.
 */
public final class PromptLearner extends AbstractBlock {
    /** Default number of learnable tokens per identity. */
    public static final int DEFAULT_TOKENS = 4;
    /** Words before the learnable tokens. */
    public static final String DEFAULT_PREFIX = "A photo of a";
    /** Words after the learnable tokens. */
    public static final String DEFAULT_SUFFIX = "person.";

    private final int identities;
    private final int tokens;
    private final int width;
    private final float[] prefix;
    private final float[] suffix;
    private final int prefixLength;
    private final int suffixLength;
    private final int eotPosition;
    private final Parameter context;

    /** Standard deviation of the context vectors' initial values (CLIP-ReID). */
    private static final double CONTEXT_STD = 0.02;

    private PromptLearner(int identities, int tokens, int width, float[] prefix, float[] suffix, int eotInSuffix) {
        this.identities = identities;
        this.tokens = tokens;
        this.width = width;
        this.prefix = prefix;
        this.suffix = suffix;
        this.prefixLength = prefix.length / width;
        this.suffixLength = suffix.length / width;
        this.eotPosition = prefixLength + tokens + eotInSuffix;
        context = addParameter(Parameter.builder().setName("context").setType(Parameter.Type.WEIGHT)
                .optInitializer(new NormalInitializer((float) CONTEXT_STD)).optShape(new Shape(identities, (long) tokens * width))
                .build());
    }

    /**
     * Builds prompts for {@code identities} pseudo-identities from a text encoder's token embeddings and
     * initialises the context vectors in {@code manager} (N(0, 0.02), as CLIP-ReID).
     */
    public static PromptLearner create(TextTransformer text, ClipTokenizer tokenizer, int identities, int tokens,
            String prefixWords, String suffixWords, NDManager manager) {
        if (identities <= 0 || tokens <= 0) {
            throw new IllegalArgumentException("need at least one identity and one learnable token");
        }
        int[] pre = tokenizer.encodeWords(prefixWords);
        int[] suf = tokenizer.encodeWords(suffixWords);
        int[] preIds = new int[pre.length + 1];
        preIds[0] = tokenizer.bosId();
        System.arraycopy(pre, 0, preIds, 1, pre.length);
        int[] sufIds = java.util.Arrays.copyOf(suf, suf.length + 1);
        sufIds[suf.length] = tokenizer.eosId();
        if (preIds.length + tokens + sufIds.length > text.config().contextLength()) {
            throw new IllegalArgumentException("prompt of " + (preIds.length + tokens + sufIds.length)
                    + " tokens exceeds the context length " + text.config().contextLength());
        }
        ParameterStore ps = new ParameterStore(manager, false);
        float[] preEmb;
        float[] sufEmb;
        try (NDManager tmp = manager.newSubManager()) {
            preEmb = text.embedTokens(ps, OwnedArrays.longs(tmp, toLong(preIds), new Shape(preIds.length)), false)
                    .toFloatArray();
            sufEmb = text.embedTokens(ps, OwnedArrays.longs(tmp, toLong(sufIds), new Shape(sufIds.length)), false)
                    .toFloatArray();
        }
        PromptLearner p = new PromptLearner(identities, tokens, text.config().width(), preEmb, sufEmb, suf.length);
        p.initialize(manager, DataType.FLOAT32, new Shape(1));
        return p;
    }

    private static long[] toLong(int[] ids) {
        long[] out = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[i];
        }
        return out;
    }

    /**
     * Re-draws the context vectors from N(0, 0.02) with a generator of the caller's seed. DJL's
     * initializer draws from the engine's global generator, whose state depends on everything the
     * process did before; training runs use this so that a run started again, or resumed after Stage I,
     * learns the same text representations.
     */
    public void initialiseContext(long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] v = new float[Math.toIntExact(context.getArray().size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (CONTEXT_STD * r.nextGaussian());
        }
        context.getArray().set(v);
    }

    /** The learnable (N, M x D) context vectors: the only trainable parameter of prompt learning. */
    public Parameter context() {
        return context;
    }

    public int identities() {
        return identities;
    }

    /** Prompt length in tokens (begin + prefix + M + suffix + end). */
    public int length() {
        return prefixLength + tokens + suffixLength;
    }

    /** Position of the end token in every prompt. */
    public int eotPosition() {
        return eotPosition;
    }

    /**
     * Prompt token embeddings (B, L, D) of the given identities, in {@code m}.
     */
    public NDArray embed(ParameterStore ps, int[] identityIds, NDManager m, boolean training) {
        int b = identityIds.length;
        long[] idValues = new long[b];
        for (int i = 0; i < b; i++) {
            int id = identityIds[i];
            if (id < 0 || id >= identities) {
                throw new IllegalArgumentException("identity " + id + " outside [0, " + identities + ")");
            }
            idValues[i] = id;
        }
        NDArray ids = OwnedArrays.longs(m, idValues, new Shape(b));
        NDArray table = ps.getValue(context, ids.getDevice(), training);
        // embedding(ids, table): the result belongs to the ids' manager, gradients flow into the table rows used
        NDArray ctx = ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow()
                .reshape(b, tokens, width);
        NDArray ones = m.ones(new Shape(b, 1, 1)).toDevice(ids.getDevice(), false);
        NDArray pre = ones.mul(OwnedArrays.floats(m, prefix, new Shape(prefixLength, width)).toDevice(ids.getDevice(), false));
        NDArray suf = ones.mul(OwnedArrays.floats(m, suffix, new Shape(suffixLength, width)).toDevice(ids.getDevice(), false));
        return NDArrays.concat(new NDList(pre, ctx, suf), 1);
    }

    /** Text features (B, projectionDim) of the given identities' prompts. */
    public NDArray textFeatures(ParameterStore ps, TextTransformer text, int[] identityIds, NDManager m,
            boolean training) {
        int[] eot = new int[identityIds.length];
        java.util.Arrays.fill(eot, eotPosition);
        return text.encodeEmbeddings(ps, embed(ps, identityIds, m, training), eot, training);
    }

    /**
     * Text features of every identity, computed {@code chunk} identities at a time without gradients, each
     * chunk in its own manager, so thousands of identities fit in memory.
     */
    public FloatMatrix allTextFeatures(ParameterStore ps, TextTransformer text, NDManager manager, int chunk,
            boolean progress) {
        int dim = (int) text.getOutputShapes(new Shape[] {new Shape(1, 1)})[0].get(1);
        float[] out = new float[identities * dim];
        try (ConsoleProgress bar = progress ? new ConsoleProgress("text features", identities) : null) {
            for (int start = 0; start < identities; start += chunk) {
                int n = Math.min(chunk, identities - start);
                int[] ids = java.util.stream.IntStream.range(start, start + n).toArray();
                try (NDManager step = manager.newSubManager()) {
                    float[] f = textFeatures(ps, text, ids, step, false).toFloatArray();
                    System.arraycopy(f, 0, out, start * dim, n * dim);
                }
                if (bar != null) {
                    bar.step(n);
                }
            }
        }
        return new FloatMatrix(identities, dim, out);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        int[] ids = inputs.head().toType(DataType.INT32, false).toIntArray();
        return new NDList(embed(ps, ids, inputs.head().getManager(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), length(), width)};
    }

    /** Parameters prompt learning may update: the context vectors only. */
    public List<Parameter> trainableParameters() {
        return List.of(context);
    }
}
