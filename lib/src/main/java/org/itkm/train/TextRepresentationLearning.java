package org.itkm.train;

import org.itkm.runtime.Scalars;

import org.itkm.eval.dataset.EncoderFeatures;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.itkm.config.RunConfig;
import org.itkm.data.Sample;
import org.itkm.io.FloatMatrix;
import org.itkm.io.InvalidInputException;
import org.itkm.io.NpyFile;
import org.itkm.loss.ImageTextSupConLoss;
import org.itkm.loss.Positives;
import org.itkm.loss.ScenarioSeparationLoss;
import org.itkm.clip.ClipModel;
import org.itkm.runtime.OwnedArrays;
import org.itkm.clip.tokenizer.ClipTokenizer;
import org.itkm.clip.PromptLearner;
import org.itkm.run.CheckpointStore;
import org.itkm.runtime.ConsoleProgress;

/**
 * Stage II, text representation learning (paper §3.2, Eq. 5-8): with a frozen pre-trained CLIP (a
 * second copy, not the Stage I encoder), learn M prompt vectors per Stage I pseudo-identity ("A photo
 * of a X1 … XM person.") by the image-to-text plus text-to-image SupCon loss, plus α times the
 * multi-scenario separation hinge. Image features are the frozen CLIP's, extracted once. The image-text
 * contrast stays inside each homogeneous group (one scenario's A or B images with their own clusters' texts),
 * as the paper's "no interactions between heterogeneous images" and CCLNet's per-modality sum; the separation
 * hinge compares the whole batch's texts across scenarios. The result
 * is every pseudo-identity's text representation (the offline text representations).
 *
 * <p>Logits are cosine similarities times the frozen CLIP's own logit scale, the comparison CLIP was
 * pre-trained with (CLIP-ReID uses raw features at temperature 1; that scale suits ViT-B/16 but not a
 * freshly pre-trained pocket CLIP, whose feature norms are arbitrary).
 */
public final class TextRepresentationLearning {
    private TextRepresentationLearning() {}

    /**
     * @param clip the frozen pre-trained CLIP (image and text towers)
     * @param labels Stage I pseudo-labels, one per sample, local to its unit, -1 for noise
     * @param separationWeight α; 0 switches the separation loss off (Table 2: M1, M2)
     */
    public static TextRepresentations train(TrainingRun run, ClipModel clip, ClipTokenizer tokenizer,
            NDManager manager, List<Sample> samples, int[] labels, double separationWeight) throws IOException {
        RunConfig c = run.config();
        RunConfig.Stage sched = c.stage2();
        List<TrainingUnit> units = TrainingUnit.of(samples, false);
        int[] offsets = new int[units.size()];
        int[] clusters = new int[units.size()];
        int total = 0;
        int[] identity = new int[samples.size()];
        Arrays.fill(identity, -1);
        int[] unitOf = new int[samples.size()];
        for (int u = 0; u < units.size(); u++) {
            offsets[u] = total;
            int max = -1;
            for (int r : units.get(u).rows()) {
                unitOf[r] = u;
                max = Math.max(max, labels[r]);
                if (labels[r] >= 0) {
                    identity[r] = total + labels[r];
                }
            }
            clusters[u] = max + 1;
            total += clusters[u];
        }
        int[] kept = java.util.stream.IntStream.range(0, samples.size()).filter(i -> identity[i] >= 0).toArray();
        if (total == 0 || kept.length == 0) {
            throw new InvalidInputException("Stage II needs Stage I pseudo-labels, but DBSCAN marked every image as"
                    + " noise in Stage I's last epoch (cluster.eps = " + c.cluster().eps() + ", cluster.minSamples = "
                    + c.cluster().minSamples() + "); start a new run with a larger cluster.eps or a smaller"
                    + " cluster.minSamples (a resumed run keeps its configuration)");
        }
        // frozen CLIP image features of the kept images (branch A, no scenario embedding: the original encoder)
        clip.freezeParameters(true);
        FloatMatrix image = imageFeatures(clip, manager, samples, kept);
        PromptLearner prompts = PromptLearner.create(clip.text(), tokenizer, total, c.model().promptTokens(),
                PromptLearner.DEFAULT_PREFIX, PromptLearner.DEFAULT_SUFFIX, manager);
        prompts.freezeParameters(false);
        prompts.initialiseContext(run.seeds().seedFor("stage2", 0, "prompt-init")); // not the engine's generator
        float logitScale = (float) Math.exp(clip.logitScale().getArray().getFloat());
        ImageTextSupConLoss supcon = new ImageTextSupConLoss(1.0 / logitScale, true);
        ScenarioSeparationLoss separation = new ScenarioSeparationLoss(c.loss().separationMargin());
        ParameterStore ps = new ParameterStore(manager, false);
        Map<String, NDArray> params = Map.of("context", prompts.context().getArray());
        int start = 0;
        try (AdamOptimizer adam = new AdamOptimizer(manager, sched.weightDecay())) {
            Optional<CheckpointStore.Checkpoint> last = run.checkpoints().latestOf("stage2");
            if (last.isPresent()) {
                run.checkpoints().load(last.get(), System.err, d -> {
                    FloatMatrix ctx = NpyFile.readFloat32Matrix(d.resolve("prompt-context.npy"));
                    prompts.context().getArray().set(ctx.data());
                    adam.load(d.resolve("adam.state"));
                    return null;
                });
                start = last.get().epoch() + 1;
                int done = start;
                run.metrics().retain(r -> !"stage2".equals(r.get("stage")) || Integer.parseInt(r.get("epoch")) < done);
            }
            int batch = Math.min(sched.batchSize(), kept.length);
            RunConfig.Caps caps = run.config().caps();
            int epochs = caps.epochs(sched, 1);
            int stepsPerEpoch = caps.steps((kept.length + batch - 1) / batch);
            // the epoch's bookkeeping, shared with Stages I and III (EpochListener): checkpoint first
            List<EpochListener> listeners = List.of(new CheckpointListener(run), new MemoryListener(),
                    new MetricsListener(run), new ManifestListener(run, manager));
            for (int e = start; e < epochs; e++) {
                long t0 = System.nanoTime();
                double lr = sched.lrAt(e);
                int[] order = shuffled(kept.length, run.seeds().stream("stage2", e, "order"));
                double lossSum = 0;
                double sepSum = 0;
                int steps = 0;
                long rssFirstStep = -1;
                try (ConsoleProgress bar = new ConsoleProgress("stage2 epoch " + (e + 1) + "/" + epochs,
                        stepsPerEpoch)) {
                    for (int from = 0; from < order.length && from / batch < stepsPerEpoch; from += batch) {
                        int n = Math.min(batch, order.length - from);
                        int[] pos = Arrays.copyOfRange(order, from, from + n);
                        int[] ids = new int[n];
                        int[] scen = new int[n];
                        int[] group = new int[n];
                        float[] img = new float[n * image.cols()];
                        for (int i = 0; i < n; i++) {
                            int r = kept[pos[i]];
                            ids[i] = identity[r];
                            scen[i] = samples.get(r).scenario().ordinal();
                            group[i] = unitOf[r];
                            System.arraycopy(image.data(), pos[i] * image.cols(), img, i * image.cols(), image.cols());
                        }
                        try (NDManager step = manager.newSubManager()) {
                            NDArray v = OwnedArrays.floats(step, img, new Shape(n, image.cols()));
                            float value;
                            float sep = 0;
                            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                                NDArray t = prompts.textFeatures(ps, clip.text(), ids, step, true);
                                NDArray l = supcon.compute(v, t, Positives.sameLabel(step, ids, ids),
                                        Positives.sameLabel(step, group, group)); // within each homogeneous group
                                if (separationWeight > 0) {
                                    AlgorithmHooks.Separation hook = run.hooks().separation();
                                    NDArray s = hook != null ? hook.loss(t, scen, (float) c.loss().separationMargin())
                                            : separation.compute(t, scen);
                                    sep = s.getFloat();
                                    l = l.add(Scalars.mul(s, (float) separationWeight));
                                }
                                value = l.getFloat();
                                if (!Float.isFinite(value)) {
                                    throw new NonFiniteTrainingException("stage2", e, steps, "the loss", value);
                                }
                                gc.backward(l);
                            }
                            adam.step(params, lr);
                            lossSum += value;
                            sepSum += sep;
                            steps++;
                            if (steps == 1) { // with the RSS after the last step: flat unless a step leaks
                                rssFirstStep = org.itkm.runtime.ProcessMemory.rssMiB();
                            }
                            bar.step(1);
                            bar.status(String.format(java.util.Locale.ROOT, "loss %.3f", value));
                        }
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                row.put("stage", "stage2");
                row.put("epoch", e);
                row.put("lr", lr);
                row.put("loss", lossSum / steps);
                row.put("separation", sepSum / steps);
                row.put("identities", total);
                row.put("steps", steps);
                row.put("seconds", seconds);
                row.put("rss_step1_mib", rssFirstStep);
                row.put("rss_steps_mib", org.itkm.runtime.ProcessMemory.rssMiB());
                float[] ctx = prompts.context().getArray().toFloatArray();
                long[] shape = prompts.context().getArray().getShape().getShape();
                EpochEnd end = new EpochEnd("stage2", e, epochs, row, seconds, dir -> {
                    NpyFile.write(dir.resolve("prompt-context.npy"), new FloatMatrix((int) shape[0], (int) shape[1], ctx));
                    adam.save(dir.resolve("adam.state"));
                });
                EpochListener.ended(listeners, end);
                EpochListener.closed(listeners, end);
            }
            FloatMatrix text = prompts.allTextFeatures(ps, clip.text(), manager, 128, false);
            TextRepresentations out = new TextRepresentations(text, offsets, clusters);
            run.writes().run(() -> {
                out.save(java.nio.file.Files.createDirectories(run.dir().resolve("text-representations")));
                return null;
            });
            return out;
        }
    }

    private static FloatMatrix imageFeatures(ClipModel clip, NDManager manager, List<Sample> samples, int[] kept) {
        List<Sample> keptSamples = new ArrayList<>(kept.length);
        for (int r : kept) {
            keptSamples.add(samples.get(r));
        }
        return EncoderFeatures.of(clip, manager.getDevice(), keptSamples, 0, -1, 128);
    }

    private static int[] shuffled(int n, SplittableRandom rnd) {
        int[] a = java.util.stream.IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
