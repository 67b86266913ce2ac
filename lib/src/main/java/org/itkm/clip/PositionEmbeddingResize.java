package org.itkm.clip;

/**
 * Resizes ViT position embeddings from the checkpoint's patch grid to the input's, as CLIP-ReID's
 * {@code resize_pos_embed}: the class position is kept, the grid positions are resized bilinearly with
 * {@code align_corners=false} (PyTorch {@code F.interpolate} semantics, half-pixel centres, clamped edges).
 */
public final class PositionEmbeddingResize {
    private PositionEmbeddingResize() {}

    /**
     * @param embedding (1 + fromH * fromW, D) position embeddings, class position first
     * @return (1 + toH * toW, D)
     */
    public static HostTensor resize(HostTensor embedding, int fromH, int fromW, int toH, int toW) {
        int d = (int) embedding.shape()[1];
        if (embedding.shape()[0] != 1L + (long) fromH * fromW) {
            throw new IllegalArgumentException("position embedding rows " + embedding.shape()[0] + " do not match grid "
                    + fromH + "x" + fromW + " + class position");
        }
        if (fromH == toH && fromW == toW) {
            return embedding;
        }
        float[] src = embedding.data();
        float[] out = new float[(1 + toH * toW) * d];
        System.arraycopy(src, 0, out, 0, d);
        for (int y = 0; y < toH; y++) {
            Tap ty = tap(y, fromH, toH);
            for (int x = 0; x < toW; x++) {
                Tap tx = tap(x, fromW, toW);
                int o = (1 + y * toW + x) * d;
                int p00 = (1 + ty.i0 * fromW + tx.i0) * d;
                int p01 = (1 + ty.i0 * fromW + tx.i1) * d;
                int p10 = (1 + ty.i1 * fromW + tx.i0) * d;
                int p11 = (1 + ty.i1 * fromW + tx.i1) * d;
                for (int c = 0; c < d; c++) {
                    float top = (1 - tx.w) * src[p00 + c] + tx.w * src[p01 + c];
                    float bottom = (1 - tx.w) * src[p10 + c] + tx.w * src[p11 + c];
                    out[o + c] = (1 - ty.w) * top + ty.w * bottom;
                }
            }
        }
        return new HostTensor(new long[] {1L + (long) toH * toW, d}, out);
    }

    private record Tap(int i0, int i1, float w) {}

    private static Tap tap(int dst, int inSize, int outSize) {
        float scale = (float) inSize / outSize;
        float src = Math.max((dst + 0.5f) * scale - 0.5f, 0f);
        int i0 = Math.min((int) src, inSize - 1);
        int i1 = Math.min(i0 + 1, inSize - 1);
        return new Tap(i0, i1, src - i0);
    }
}
