package org.itkm.export;

import java.util.LinkedHashMap;
import java.util.Map;
import org.itkm.clip.HostTensor;
import org.itkm.clip.VisionTransformer;

/**
 * Folds the two ITKM extensions of the image encoder into the tensors of a standard CLIP vision model,
 * for one frontend branch and one scenario.
 *
 * <p>The ITKM encoder computes z0 = [cls; patches(x) E_g] + E_pos + E_scn[s] (paper Eq. 1), everything
 * after z0 being plain CLIP. A standard CLIP computes z0 = [cls; patches(x) E] + E_pos'. With
 * E = E_g (the chosen branch's patch embedding) and E_pos' = E_pos + 1 E_scn[s] (the scenario row added
 * to every row of the position table, class position included), both give the same z0 for every image:
 * the scenario embedding is added to every token at the same place as the position embedding, and
 * addition is associative up to float rounding (one rounding per value: the features agree to float
 * tolerance, not bit for bit). What is not folded: which branch an image takes (a property of the image's
 * group, so one export holds one branch) and which scenario (one export holds one row, or none).
 */
public final class EncoderFolding {
    static final String PATCH = "vision_model.embeddings.patch_embedding.weight";
    static final String POSITION = "vision_model.embeddings.position_embedding.weight";

    private EncoderFolding() {}

    /**
     * @param itkm the encoder's tensors under Hugging Face names with the ITKM extensions
     *     ({@link VisionTransformer#PATCH_EMBEDDING_B}, {@link VisionTransformer#SCENARIO_EMBEDDING})
     * @param branch 0 = patch embedding A, 1 = B
     * @param scenario the scenario-embedding row to fold in, or -1 for none
     * @return the same tensors without the extensions, in a standard CLIP's names and shapes
     */
    public static Map<String, HostTensor> fold(Map<String, HostTensor> itkm, int branch, int scenario) {
        if (branch != 0 && branch != 1) {
            throw new IllegalArgumentException("branch " + branch + " is not 0 (A) or 1 (B)");
        }
        HostTensor b = require(itkm, VisionTransformer.PATCH_EMBEDDING_B);
        HostTensor scn = require(itkm, VisionTransformer.SCENARIO_EMBEDDING);
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, HostTensor> e : itkm.entrySet()) {
            String n = e.getKey();
            if (n.equals(VisionTransformer.PATCH_EMBEDDING_B) || n.equals(VisionTransformer.SCENARIO_EMBEDDING)) {
                continue;
            }
            HostTensor t = e.getValue();
            if (n.equals(PATCH) && branch == 1) {
                t = b;
            } else if (n.equals(POSITION) && scenario >= 0) {
                t = addRow(t, scn, scenario);
            }
            out.put(n, t);
        }
        return out;
    }

    /** {@code pos} (P, D) with row {@code s} of {@code table} (S, D) added to each of its rows. */
    static HostTensor addRow(HostTensor pos, HostTensor table, int s) {
        long[] ps = pos.shape();
        long[] ts = table.shape();
        if (ps.length != 2 || ts.length != 2 || ps[1] != ts[1]) {
            throw new IllegalArgumentException("position table " + HostTensor.describe(ps) + " and scenario table "
                    + HostTensor.describe(ts) + " do not share a width");
        }
        if (s < 0 || s >= ts[0]) {
            throw new IllegalArgumentException("scenario row " + s + " outside [0, " + ts[0] + ")");
        }
        int d = (int) ps[1];
        float[] v = pos.data().clone();
        float[] row = table.data();
        for (int i = 0; i < ps[0]; i++) {
            for (int j = 0; j < d; j++) {
                v[i * d + j] += row[s * d + j];
            }
        }
        return new HostTensor(ps.clone(), v);
    }

    private static HostTensor require(Map<String, HostTensor> m, String name) {
        HostTensor t = m.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor " + name + ": expected the encoder's export with its ITKM"
                    + " extensions");
        }
        return t;
    }
}
