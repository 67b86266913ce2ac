package org.itkm.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.itkm.clip.ClipConfig;

/**
 * What an OpenAI TorchScript archive cannot say about a model. The archive stores parameters only; a
 * reader (OpenAI's {@code clip.load}, the kit's {@code OpenAiClipArchive}) infers the rest from their
 * shapes: a square patch grid (the position table has grid² + 1 rows), one attention head per 64 channels,
 * quick GELU, LayerNorm epsilon 1e-5, and start / end-of-text ids at the last two rows of the vocabulary. A
 * model that differs in any of these would be read back as another model: such an export is refused.
 */
public final class OpenAiLayoutLimits {
    private OpenAiLayoutLimits() {}

    /** Every way the model differs from what an archive of its shapes is read as; empty when it fits. */
    public static List<String> mismatches(ClipConfig c) {
        List<String> out = new ArrayList<>();
        ClipConfig.Vision v = c.vision();
        if (v.gridHeight() != v.gridWidth()) {
            out.add(String.format(Locale.ROOT, "its %dx%d input is a %dx%d patch grid, the archive holds square"
                    + " grids only", v.inputHeight(), v.inputWidth(), v.gridHeight(), v.gridWidth()));
        }
        heads(out, "image", v.heads(), v.width());
        tail(out, "image", v.activation(), v.layerNormEps());
        ClipConfig.Text t = c.text();
        heads(out, "text", t.heads(), t.width());
        tail(out, "text", t.activation(), t.layerNormEps());
        if (t.bosTokenId() != t.vocabSize() - 2 || t.eosTokenId() != t.vocabSize() - 1) {
            out.add(String.format(Locale.ROOT, "its text start/end ids are %d/%d, the archive implies %d/%d (the"
                    + " last two of %d tokens)", t.bosTokenId(), t.eosTokenId(), t.vocabSize() - 2, t.vocabSize() - 1,
                    t.vocabSize()));
        }
        return out;
    }

    private static void heads(List<String> out, String tower, int heads, int width) {
        int implied = Math.max(1, width / 64);
        if (heads != implied) {
            out.add(String.format(Locale.ROOT, "its %s encoder has %d attention heads, the archive implies %d (width"
                    + " %d / 64)", tower, heads, implied, width));
        }
    }

    private static void tail(List<String> out, String tower, ClipConfig.Activation a, float eps) {
        if (a != ClipConfig.Activation.QUICK_GELU) {
            out.add("its " + tower + " encoder uses " + a.configName() + ", the archive implies quick_gelu");
        }
        if (eps != 1e-5f) {
            out.add("its " + tower + " encoder's LayerNorm epsilon is " + eps + ", the archive implies 1e-05");
        }
    }
}
