package org.itkm.report;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.itkm.clip.ClipModel;
import org.itkm.clip.checkpoint.ClipCheckpoint;
import org.itkm.config.RunConfig;
import org.itkm.data.GroundTruth;
import org.itkm.data.ReidDataset;
import org.itkm.data.Sample;
import org.itkm.data.Scenario;
import org.itkm.eval.dataset.EncoderFeatures;
import org.itkm.io.FloatMatrix;
import org.itkm.io.InvalidInputException;
import org.itkm.runtime.EngineRuntime;
import org.itkm.train.ClipSource;
import org.itkm.train.RunCatalog;

/**
 * Rank lists of a finished run's final model for qualitative inspection: a query, then its top-k
 * gallery images by cosine similarity, bordered green when they show the query's identity and red when
 * not. Gallery images of the query's identity taken by the query's own camera are left out (the
 * standard protocol's rule); the scenario-specific rules of the metrics (single-shot galleries, same
 * clothes) are not applied here.
 */
public final class RankLists {
    private RankLists() {}

    /**
     * @param home the checkout the run's relative paths are relative to
     * @param queries how many queries, spread evenly over the scenario's query set
     * @param k gallery images per row
     */
    public static List<ImageGrid.Row> of(Path runDir, Path home, Scenario scenario, int queries, int k)
            throws IOException {
        RunConfig c = RunConfig.loadFile(runDir.resolve("config.yaml")).config().resolvedAgainst(home);
        boolean baseline = c.training().method().singleStage();
        Path weights = lastEncoder(runDir, baseline ? c.training().method().stageName() : "stage3");
        ReidDataset d = RunCatalog.dataOf(c, home.resolve("results")).datasets().stream().filter(x -> x.scenario() == scenario).findFirst()
                .orElseThrow(() -> new InvalidInputException(runDir + ": the run did not train on scenario " + scenario));
        List<Sample> q = new ArrayList<>();
        int n = Math.min(queries, d.query().size());
        for (int i = 0; i < n; i++) {
            q.add(d.query().get((int) ((long) i * d.query().size() / n)));
        }
        List<Sample> g = d.gallery();
        FloatMatrix fq;
        FloatMatrix fg;
        Path clip = ClipSource.resolve(c);
        try (ClipCheckpoint ckpt = ClipCheckpoint.open(clip);
                NDManager m = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            ClipModel model = ClipModel.create(ckpt.config().withInputSize(c.data().height(), c.data().width()), m);
            model.load(ckpt.tensors());
            try (DataInputStream in = new DataInputStream(Files.newInputStream(weights))) {
                model.vision().loadParameters(m, in);
            } catch (MalformedModelException e) {
                throw new IOException(weights + ": unreadable encoder parameters", e);
            }
            boolean scenarioEmbedding = !baseline && c.training().ablation().scenarioEmbedding();
            fq = EncoderFeatures.ofOwnBranches(model, m.getDevice(), q, baseline, scenarioEmbedding, 128);
            fg = EncoderFeatures.ofOwnBranches(model, m.getDevice(), g, baseline, scenarioEmbedding, 128);
        }
        return rows(q, fq, g, fg, k);
    }

    /** The rows for given features (rows of {@code fq} / {@code fg} in the order of {@code q} / {@code g}). */
    static List<ImageGrid.Row> rows(List<Sample> q, FloatMatrix fq, List<Sample> g, FloatMatrix fg, int k) {
        List<ImageGrid.Row> out = new ArrayList<>();
        for (int i = 0; i < q.size(); i++) {
            Sample query = q.get(i);
            int pid = GroundTruth.pid(query);
            List<double[]> scored = new ArrayList<>();
            for (int j = 0; j < g.size(); j++) {
                Sample s = g.get(j);
                if (GroundTruth.pid(s) == pid && s.camid() == query.camid()) {
                    continue;
                }
                scored.add(new double[] {cosine(fq, i, fg, j), j});
            }
            scored.sort(Comparator.comparingDouble((double[] x) -> -x[0]).thenComparingDouble(x -> x[1]));
            List<ImageGrid.Tile> tiles = new ArrayList<>();
            tiles.add(new ImageGrid.Tile(query.path(), ImageGrid.Mark.ANCHOR));
            for (double[] x : scored.subList(0, Math.min(k, scored.size()))) {
                Sample s = g.get((int) x[1]);
                tiles.add(new ImageGrid.Tile(s.path(), GroundTruth.pid(s) == pid ? ImageGrid.Mark.CORRECT
                        : ImageGrid.Mark.WRONG));
            }
            out.add(new ImageGrid.Row(query.scenario() + " q" + (i + 1) + ", cam " + query.camid(), tiles));
        }
        return out;
    }

    private static double cosine(FloatMatrix a, int i, FloatMatrix b, int j) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int c = 0; c < a.cols(); c++) {
            dot += (double) a.get(i, c) * b.get(j, c);
            na += (double) a.get(i, c) * a.get(i, c);
            nb += (double) b.get(j, c) * b.get(j, c);
        }
        return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
    }

    /** {@code checkpoints/<stage>-eNNNN/vision.params} of the stage's newest checkpoint. */
    private static Path lastEncoder(Path runDir, String stage) throws IOException {
        Path last = RunTextRepresentations.lastCheckpoint(runDir, stage);
        if (last == null || !Files.isRegularFile(last.resolve("vision.params"))) {
            throw new InvalidInputException(runDir + ": no " + stage + " checkpoint with vision.params (checkpoints are"
                    + " not committed; train the run again on this machine to see its rank lists)");
        }
        return last.resolve("vision.params");
    }
}
