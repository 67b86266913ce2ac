package org.itkm.eval;

import java.util.SplittableRandom;
import org.itkm.io.FloatMatrix;

/**
 * Random query/gallery feature sets with planted identity structure, for benchmarks and property
 * tests: each identity has a random unit centroid, each camera a bias vector, each outfit (clothes id)
 * an offset, and each image Gaussian noise on top. Deterministic for a seed.
 */
public final class PlantedFeatures {
    /** Sizes and difficulty of a planted case. */
    public record Spec(int queries, int gallery, int dim, int identities, int cameras, int outfits, double noise,
            double cameraBias, double outfitShift, long seed) {}

    private PlantedFeatures() {}

    /** The query split (first) and the gallery split (second) of a planted case. */
    public static LabeledFeatures[] generate(Spec spec) {
        SplittableRandom rng = new SplittableRandom(spec.seed());
        int d = spec.dim();
        float[][] centroid = new float[spec.identities()][];
        float[][][] outfit = new float[spec.identities()][spec.outfits()][];
        for (int p = 0; p < spec.identities(); p++) {
            centroid[p] = unitGaussian(rng, d, 1.0);
            for (int o = 0; o < spec.outfits(); o++) {
                outfit[p][o] = unitGaussian(rng, d, spec.outfitShift());
            }
        }
        float[][] camBias = new float[spec.cameras()][];
        for (int c = 0; c < spec.cameras(); c++) {
            camBias[c] = unitGaussian(rng, d, spec.cameraBias());
        }
        LabeledFeatures query = split(spec, spec.queries(), rng, centroid, outfit, camBias, "planted query");
        LabeledFeatures gallery = split(spec, spec.gallery(), rng, centroid, outfit, camBias, "planted gallery");
        return new LabeledFeatures[] {query, gallery};
    }

    private static LabeledFeatures split(Spec spec, int n, SplittableRandom rng, float[][] centroid,
            float[][][] outfit, float[][] camBias, String name) {
        int d = spec.dim();
        float[] x = new float[n * d];
        int[] pids = new int[n];
        int[] cams = new int[n];
        int[] clothes = new int[n];
        double noiseScale = spec.noise() / Math.sqrt(d);
        for (int i = 0; i < n; i++) {
            int p = i % spec.identities();
            int c = rng.nextInt(spec.cameras());
            int o = rng.nextInt(spec.outfits());
            pids[i] = p;
            cams[i] = c + 1;
            clothes[i] = o;
            for (int k = 0; k < d; k++) {
                x[i * d + k] = (float) (centroid[p][k] + outfit[p][o][k] + camBias[c][k]
                        + noiseScale * rng.nextGaussian());
            }
        }
        return new LabeledFeatures(new FloatMatrix(n, d, x), new ImageLabels(pids, cams, clothes), name, name);
    }

    private static float[] unitGaussian(SplittableRandom rng, int d, double length) {
        float[] v = new float[d];
        double ss = 0;
        double[] tmp = new double[d];
        for (int k = 0; k < d; k++) {
            tmp[k] = rng.nextGaussian();
            ss += tmp[k] * tmp[k];
        }
        double s = length / Math.sqrt(ss);
        for (int k = 0; k < d; k++) {
            v[k] = (float) (tmp[k] * s);
        }
        return v;
    }
}
