package org.itkm.match;

import java.util.Arrays;
import org.itkm.io.FloatMatrix;

/**
 * DRU, dynamic text representation update (paper §3.3, Eq. 9-11; reference D.3), for one group after
 * each clustering:
 * <ol>
 *   <li>Eq. 9, pseudo cluster text representation: the mean of the cluster's instance-level text
 *       representations, t~_k = (1/|C_k|) sum u_n.</li>
 *   <li>Eq. 10, new cluster text representation: the mean of the top proportion rho (ceil(rho |C_k|),
 *       at least 1) of the members whose u_n are closest to t~_k by cosine (ties: lower index).</li>
 *   <li>Eq. 11, instance update with rate eta: u_n = (1 - eta) u_n + eta T_k for every member.</li>
 * </ol>
 * Arithmetic means, no normalisation (consumers normalise where they compare by cosine). Members without
 * a text representation yet (an all-zero row, e.g. Stage-I noise) are left out of Eq. 9-10 and take T_k
 * in Eq. 11. Noise rows (label -1) keep their representation.
 */
public final class TextRepresentationUpdate {
    /** DESIGN.md section 7 defaults. */
    public static final double DEFAULT_TOP_PROPORTION = 0.5;
    public static final double DEFAULT_UPDATE_RATE = 0.2;

    /** Cluster text representations T (C x E) and the updated instance representations U (N x E). */
    public record Result(FloatMatrix clusterText, FloatMatrix instanceText) {}

    private TextRepresentationUpdate() {}

    /**
     * Initial instance representations from the offline (Stage II) ones: u_n = T_off[y_off(n)]; rows with
     * offline label -1 get a zero row (no representation yet).
     */
    public static FloatMatrix fromOffline(FloatMatrix offlineClusterText, int[] offlineLabels) {
        int e = offlineClusterText.cols();
        float[] u = new float[offlineLabels.length * e];
        for (int n = 0; n < offlineLabels.length; n++) {
            int y = offlineLabels[n];
            if (y >= 0) {
                System.arraycopy(offlineClusterText.data(), y * e, u, n * e, e);
            }
        }
        return new FloatMatrix(offlineLabels.length, e, u);
    }

    /**
     * @param instanceText N x E current instance-level text representations u_n
     * @param labels       new pseudo-labels (0..C-1, -1 noise)
     * @param clusters     C
     * @param topProportion rho in (0, 1]
     * @param updateRate   eta in [0, 1]
     */
    public static Result update(FloatMatrix instanceText, int[] labels, int clusters, double topProportion,
            double updateRate) {
        if (!(topProportion > 0 && topProportion <= 1) || !(updateRate >= 0 && updateRate <= 1)) {
            throw new IllegalArgumentException("need 0 < rho <= 1 and 0 <= eta <= 1, got rho=" + topProportion
                    + ", eta=" + updateRate);
        }
        int n = instanceText.rows();
        int e = instanceText.cols();
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " text representations");
        }
        float[] u = instanceText.data();
        boolean[] present = new boolean[n];
        int[][] members = new int[clusters][];
        int[] count = new int[clusters];
        for (int i = 0; i < n; i++) {
            present[i] = !isZero(u, i * e, e);
            if (labels[i] >= clusters) {
                throw new IllegalArgumentException("label " + labels[i] + " at row " + i + " >= clusters " + clusters);
            }
            if (labels[i] >= 0 && present[i]) {
                count[labels[i]]++;
            }
        }
        for (int c = 0; c < clusters; c++) {
            members[c] = new int[count[c]];
            count[c] = 0;
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] >= 0 && present[i]) {
                members[labels[i]][count[labels[i]]++] = i;
            }
        }
        float[] t = new float[clusters * e];
        for (int c = 0; c < clusters; c++) {
            int[] m = members[c];
            if (m.length == 0) {
                continue;
            }
            double[] pseudo = mean(u, e, m, m.length); // Eq. 9
            double[] sim = new double[m.length];
            Integer[] order = new Integer[m.length];
            for (int p = 0; p < m.length; p++) {
                sim[p] = cosine(u, m[p] * e, pseudo, e);
                order[p] = p;
            }
            Arrays.sort(order, (x, y) -> sim[x] > sim[y] ? -1 : sim[x] < sim[y] ? 1 : Integer.compare(m[x], m[y]));
            int top = Math.max(1, (int) Math.ceil(topProportion * m.length - 1e-9));
            int[] nearest = new int[top];
            for (int p = 0; p < top; p++) {
                nearest[p] = m[order[p]];
            }
            double[] tk = mean(u, e, nearest, top); // Eq. 10
            for (int k = 0; k < e; k++) {
                t[c * e + k] = (float) tk[k];
            }
        }
        float[] out = u.clone();
        for (int i = 0; i < n; i++) { // Eq. 11
            int c = labels[i];
            if (c < 0 || members[c].length == 0) {
                continue;
            }
            for (int k = 0; k < e; k++) {
                out[i * e + k] = present[i] ? (float) ((1 - updateRate) * u[i * e + k] + updateRate * t[c * e + k])
                        : t[c * e + k];
            }
        }
        return new Result(new FloatMatrix(clusters, e, t), new FloatMatrix(n, e, out));
    }

    private static boolean isZero(float[] u, int off, int e) {
        for (int k = 0; k < e; k++) {
            if (u[off + k] != 0) {
                return false;
            }
        }
        return true;
    }

    private static double[] mean(float[] u, int e, int[] rows, int count) {
        double[] s = new double[e];
        for (int p = 0; p < count; p++) {
            for (int k = 0; k < e; k++) {
                s[k] += u[rows[p] * e + k];
            }
        }
        for (int k = 0; k < e; k++) {
            s[k] /= count;
        }
        return s;
    }

    private static double cosine(float[] u, int off, double[] v, int e) {
        double dot = 0;
        double nu = 0;
        double nv = 0;
        for (int k = 0; k < e; k++) {
            dot += u[off + k] * v[k];
            nu += (double) u[off + k] * u[off + k];
            nv += v[k] * v[k];
        }
        return nu == 0 || nv == 0 ? 0 : dot / Math.sqrt(nu * nv);
    }
}
