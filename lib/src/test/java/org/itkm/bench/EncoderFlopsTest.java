package org.itkm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.itkm.clip.ClipConfig;
import org.itkm.clip.checkpoint.ClipArchitecture;
import org.junit.jupiter.api.Test;

/** The FLOP count the paper-run prediction rests on, against published counts and hand sums. */
class EncoderFlopsTest {
    static final ClipConfig.Vision VIT_B_16_224 = ClipArchitecture.VIT_B_16.config().vision();
    static final ClipConfig.Text CLIP_TEXT = ClipArchitecture.VIT_B_16.config().text();

    @Test
    void vitB16At224MatchesThePublishedMultiplyAdds() {
        // timm and fvcore give ViT-B/16 at 224x224 17.6 G multiply-adds (17.58 without the 1000-class head,
        // which a CLIP tower does not have); one multiply-add is 2 operations here
        double macs = EncoderFlops.of(VIT_B_16_224, 512).forward(1) / 2;
        assertEquals(17.58e9, macs, 0.01 * 17.58e9);
    }

    @Test
    void thePaperInputIsTheHandSum() {
        // 256x128: 128 patches + class token = 129 tokens
        EncoderFlops f = EncoderFlops.of(VIT_B_16_224.withInputSize(256, 128), 512);
        double d = 768;
        double projections = 12 * 2 * 129 * 4 * d * d;
        double scores = 12 * 2 * 2 * 129.0 * 129 * d;
        double mlp = 12 * 2 * 2 * 129 * d * 3072;
        double patch = 2 * 128 * (3 * 16 * 16) * d;
        assertEquals(patch, f.patchEmbedding());
        assertEquals(projections + scores + mlp, f.transformer());
        assertEquals(22_829_371_392.0, f.forward(2));
        // backward: two products per product, the convolution's weight gradient only
        assertEquals(3 * (f.transformer() + f.projection()) + 4 * patch, f.training(2));
    }

    @Test
    void promptsRunAtTheirOwnLengthAndFrozenWeightsHalveTheBackward() {
        EncoderFlops twelve = EncoderFlops.ofText(CLIP_TEXT, 12, 512);
        EncoderFlops full = EncoderFlops.ofText(CLIP_TEXT, 77, 512);
        assertEquals(0, twelve.patchEmbedding());
        // projections and MLP are linear in the tokens, attention scores quadratic
        assertEquals(full.mlp() * 12 / 77, twelve.mlp(), 1e-3 * twelve.mlp());
        assertEquals(full.attentionScores() * 144 / 5929, twelve.attentionScores(), 1e-3 * twelve.attentionScores());
        assertEquals(2 * (twelve.transformer() + twelve.projection()), twelve.throughFrozenWeights());
        // 77 tokens: 2.98 G multiply-adds, the text tower's published ~3 G
        assertEquals(2.98e9, full.forward(1) / 2, 0.01e9);
    }
}
