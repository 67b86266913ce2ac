package org.itkm.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.itkm.clip.ClipConfig;
import org.itkm.clip.ClipModel;
import org.itkm.clip.checkpoint.ClipCheckpoint;
import org.itkm.clip.tokenizer.ClipTokenizer;
import org.itkm.config.RunConfig;
import org.itkm.data.ReidDataset;
import org.itkm.data.Sample;
import org.itkm.eval.Protocol;
import org.itkm.eval.RankingMetrics;
import org.itkm.eval.dataset.ModelEvaluation;
import org.itkm.eval.dataset.PseudoLabelDiagnostics;
import org.itkm.run.RunResults;
import org.itkm.runtime.EngineRuntime;

/**
 * One method trained end to end and evaluated (Algorithm 1): the cluster-contrast baseline, or ITKM's
 * Stage I → Stage II (with a second, frozen copy of the pre-trained CLIP) → Stage III, on one scenario
 * (mode S) or all of them jointly (mode M); then every scenario's protocols. Everything is recorded in
 * the run directory; an interrupted run resumes from its last complete checkpoint.
 */
public final class TrainingPipeline {
    /** Metrics per scenario data set (layout name) and protocol. */
    public record Outcome(Path runDir, Map<String, Map<Protocol, RankingMetrics>> metrics) {}

    private TrainingPipeline() {}

    /**
     * Every protocol of every data set for an encoder: images through their own group's branch (branch
     * A only when {@code mergeGroups}) and scenario embedding (when on), as the final evaluation of a run.
     */
    public static Map<String, Map<Protocol, RankingMetrics>> evaluate(ClipModel model, Device device, TrainingData data,
            RunConfig c, boolean mergeGroups, boolean scenarioEmbedding) {
        Map<String, Map<Protocol, RankingMetrics>> metrics = new LinkedHashMap<>();
        for (ReidDataset d : data.datasets()) {
            metrics.put(d.layout(), ModelEvaluation.evaluate(model, device, d, mergeGroups, scenarioEmbedding,
                    c.eval().sysuTrials(), c.eval().mlrTrials(), c.seed()));
        }
        return metrics;
    }

    /**
     * Records in the run's manifest that the run starts from random weights ({@code itkm make-clip}): its
     * metrics test the code path only. (The warning line on stderr comes from {@link RunCatalog#dataOf},
     * which opens the checkpoint first; printing it here too would repeat it.)
     */
    static void recordRandomWeights(ClipCheckpoint ckpt, TrainingRun run) throws IOException {
        if (ckpt.randomWeights().isPresent()) {
            run.manifest().put("clipRandomWeights", ckpt.randomWeights().get());
        }
    }

    /**
     * Trains and evaluates the run ({@link TrainingRun#during its lifetime}: interrupted, it is recorded as
     * such; failed, as failed or removed) and records it as finished.
     */
    public static Outcome run(TrainingRun run, TrainingData data, Path clipCheckpoint, PseudoLabelDiagnostics diag)
            throws IOException {
        return run.during(() -> trainAndEvaluate(run, data, clipCheckpoint, diag));
    }

    private static Outcome trainAndEvaluate(TrainingRun run, TrainingData data, Path clipCheckpoint,
            PseudoLabelDiagnostics diag) throws IOException {
        RunConfig c = run.config();
        List<Sample> samples = data.trainSamples();
        RunConfig.Method method = c.training().method();
        boolean baseline = method.singleStage();
        RunConfig.Ablation ablation = c.training().ablation();
        boolean scenarioEmbedding = !baseline && ablation.scenarioEmbedding();
        run.manifest().put("groupDivision", data.datasets().stream().map(d -> d.division().toJson()).toList());
        // validation figures must never pass for test figures
        run.manifest().put("evaluation", c.eval().split().record(data.datasets()));
        for (ReidDataset d : data.datasets()) { // which files the run saw: names, sizes and cameras (no pixels)
            run.manifest().recordData(d.layout(), Map.of("root", d.root().toString(),
                    "fingerprint", org.itkm.data.DatasetFingerprint.of(d)));
        }
        try (ClipCheckpoint ckpt = ClipCheckpoint.open(clipCheckpoint);
                NDManager manager = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            recordRandomWeights(ckpt, run);
            ClipConfig cfg = ClipSource.atInputSize(ckpt, c);
            ClipModel model = ClipModel.create(cfg, manager);
            model.load(ckpt.tensors());
            run.evaluateDuringTraining(new EpochEvaluation(data, c, manager.getDevice()));
            if (baseline) {
                RunConfig.Stage s1 = c.stage1();
                RunConfig.Stage s3 = c.stage3();
                List<Integer> milestones = new java.util.ArrayList<>(s1.milestones());
                s3.milestones().forEach(m -> milestones.add(m + s1.epochs()));
                RunConfig.Stage both = new RunConfig.Stage(s1.epochs() + s3.epochs(), s1.lr(), s1.warmupEpochs(),
                        milestones, s1.gamma(), s1.weightDecay(), s1.batchSize());
                HomogeneousTraining.train(run, model, manager, samples,
                        new HomogeneousTraining.Options(method.stageName(), both, true, false,
                                method == RunConfig.Method.SUPERVISED), diag);
            } else {
                int[] stageOne = HomogeneousTraining.train(run, model, manager, samples,
                        new HomogeneousTraining.Options("stage1", c.stage1(), false, scenarioEmbedding, false), diag);
                TextRepresentations text;
                try (NDManager second = NDManager.newBaseManager(EngineRuntime.defaultDevice());
                        ClipTokenizer tokenizer = ckpt.openTokenizer()) {
                    ClipModel frozen = ClipModel.create(cfg, second);
                    frozen.load(ckpt.tensors());
                    text = TextRepresentationLearning.train(run, frozen, tokenizer, second, samples, stageOne,
                            ablation.separationLoss() ? c.loss().separationWeight() : 0);
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) { // the tokenizer's close
                    throw new IOException(e);
                }
                HeterogeneousTraining.train(run, model, manager, samples, text, stageOne, ablation, diag);
            }
            EpochEvaluation during = run.evaluation();
            Map<String, Map<Protocol, RankingMetrics>> metrics = during.latest() != null ? during.latest()
                    : evaluate(model, manager.getDevice(), data, c, baseline, scenarioEmbedding);
            Map<String, Object> summary = new LinkedHashMap<>();
            for (ReidDataset d : data.datasets()) {
                Map<Protocol, RankingMetrics> m = metrics.get(d.layout());
                Map<String, Object> per = new LinkedHashMap<>();
                m.forEach((p, r) -> per.put(p.id(), Map.of("rank1", r.rank1(), "rank5", r.rank5(), "rank10", r.rank10(),
                        "rank20", r.rank20(), "mAP", r.mAP(), "mINP", r.mINP(), "queries", r.queries())));
                summary.put(d.layout(), per);
            }
            run.manifest().put("results", summary);
            run.writes().run(() -> {
                RunResults.write(run.dir(), metrics);
                return null;
            });
            run.manifest().finish("finished", null);
            return new Outcome(run.dir(), metrics);
        }
    }
}
