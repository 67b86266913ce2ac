package org.itkm.lab;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.itkm.clip.ClipModel;
import org.itkm.clip.checkpoint.ClipCheckpoint;
import org.itkm.data.GroundTruth;
import org.itkm.data.Group;
import org.itkm.data.ReidDataset;
import org.itkm.data.Sample;
import org.itkm.data.Scenario;
import org.itkm.eval.LabeledFeatures;
import org.itkm.eval.dataset.EncoderFeatures;
import org.itkm.io.FloatMatrix;
import org.itkm.runtime.EngineRuntime;
import org.itkm.train.RunCatalog;
import org.itkm.train.Workspace;

/**
 * The real data the evaluation and clustering labs work on: a profile's visible-infrared (SYSU-like)
 * images through the pre-trained CLIP's image encoder, the encoder every ITKM run starts from (the
 * workspace makes SynthUMS first when it is missing; the pocket CLIP is the shipped one).
 */
public final class LabFeatures {
    /** One homogeneous training group: its features and (for scoring only) the true identities. */
    public record TrainGroup(String name, FloatMatrix features, int[] pids) {}

    /** The VI scenario's test query (infrared) and gallery (visible), and its training groups A and B. */
    public record Vi(LabeledFeatures query, LabeledFeatures gallery, List<TrainGroup> train) {}

    private LabFeatures() {}

    public static Vi vi(Workspace ws, PrintWriter log) throws IOException {
        ws.ensureData(log);
        Path clip = ws.ensureClip(log);
        ReidDataset vi = RunCatalog.dataOf(ws.config(), ws.results()).datasets().stream()
                .filter(d -> d.scenario() == Scenario.VI).findFirst()
                .orElseThrow(() -> new IllegalStateException("profile " + ws.config().profile() + " has no VI data"));
        try (ClipCheckpoint ckpt = ClipCheckpoint.open(clip);
                NDManager m = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            ClipModel model = ClipModel.create(ckpt.config().withInputSize(ws.config().data().height(),
                    ws.config().data().width()), m);
            model.load(ckpt.tensors());
            LabeledFeatures q = new LabeledFeatures(EncoderFeatures.of(model, m.getDevice(), vi.query(), 0, -1, 128),
                    GroundTruth.labels(vi.query()), "VI query", "VI query");
            LabeledFeatures g = new LabeledFeatures(EncoderFeatures.of(model, m.getDevice(), vi.gallery(), 0, -1, 128),
                    GroundTruth.labels(vi.gallery()), "VI gallery", "VI gallery");
            List<TrainGroup> groups = new ArrayList<>();
            for (Group group : Group.values()) {
                List<Sample> s = vi.train().stream().filter(x -> x.group() == group).toList();
                groups.add(new TrainGroup("VI-" + group, EncoderFeatures.of(model, m.getDevice(), s, 0, -1, 128),
                        GroundTruth.pids(s)));
            }
            return new Vi(q, g, groups);
        }
    }
}
