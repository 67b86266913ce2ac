package org.itkm.export;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.itkm.clip.ClipConfig;
import org.itkm.clip.HostTensor;
import org.itkm.config.RunConfig;
import org.itkm.data.Scenario;
import org.itkm.io.InvalidInputException;
import org.itkm.io.OutputFolder;
import org.itkm.runtime.EngineRuntime;
import org.itkm.train.TrainedEncoder;

/**
 * {@code itkm export}: a run's trained image encoder as a standard CLIP checkpoint, in the layouts the kit
 * reads (a Hugging Face directory, or an OpenAI TorchScript archive), with one branch's patch embedding and
 * one scenario's embedding folded into the standard tensors ({@link EncoderFolding}), the pre-trained text
 * encoder the run kept frozen, the source CLIP's tokenizer files when the layout can carry them, and a card
 * ({@link ExportCard}). The folder is written whole beside its place, then moved there ({@link OutputFolder}).
 */
public final class RunExport {
    /** The command whose outputs these are ({@link OutputFolder}'s marker). */
    public static final String COMMAND = "export";
    /**
     * What an export wrote.
     *
     * @param checkpoint what {@code itkm embed --checkpoint} takes: the folder, or its archive
     * @param branch the folded branch: 0 = A, 1 = B
     * @param scenario the folded scenario, or null for none
     * @param source the run's checkpoint the weights come from
     */
    public record Written(Path checkpoint, int branch, Scenario scenario, String source, List<String> notes) {}

    private RunExport() {}

    /**
     * @param scenario VI, CC, CR, or null: the run's one scenario when it trained a scenario embedding in
     *     mode S, none when it trained none
     * @param branch A, B, or null for A
     */
    public static Written write(Path runDir, Path out, StandardCheckpoint.Format format, String scenario,
            String branch, boolean replace) throws IOException {
        Scenario asked = scenario == null ? null : parseScenario(scenario);
        int b = branch == null ? 0 : parseBranch(branch);
        OutputFolder.check(COMMAND, out, replace, "--out", List.of(runDir));
        try (NDManager manager = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            TrainedEncoder enc = TrainedEncoder.load(runDir, manager);
            Scenario s = chooseScenario(enc, asked, runDir);
            if (b == 1 && enc.mergeGroups()) {
                throw new InvalidInputException("--branch B: " + runDir + " is a " + methodName(enc.config())
                        + " run, which trains patch embedding A only (every image through branch A); branch B is an"
                        + " untrained copy: leave --branch out");
            }
            ClipConfig cfg = enc.model().config();
            StandardCheckpoint.requireExpressible(format, cfg, "the encoder of " + runDir);
            Map<String, HostTensor> folded = EncoderFolding.fold(enc.model().export(true), b,
                    s == null ? -1 : s.ordinal());
            List<String> notes = new java.util.ArrayList<>();
            Path checkpoint;
            try (OutputFolder folder = OutputFolder.prepare(COMMAND, out, replace, "--out", List.of(runDir))) {
                Path staging = folder.staging();
                String name = StandardCheckpoint.write(format, folded, cfg, staging, enc.clip(),
                        runDir.getFileName() + " " + enc.checkpoint(), notes);
                checkpoint = name == null ? out : out.resolve(name);
                ExportCard.write(staging, runDir, card(enc, format, b, s, checkpoint, notes));
                folder.commit();
            }
            return new Written(checkpoint, b, s, enc.checkpoint().toString(), notes);
        }
    }

    /** The scenario to fold in, checked against what the run trained. */
    private static Scenario chooseScenario(TrainedEncoder enc, Scenario asked, Path runDir) {
        RunConfig c = enc.config();
        List<Scenario> trained = c.training().mode() == RunConfig.Mode.S ? List.of(c.training().scenario())
                : c.data().scenarios();
        if (!enc.scenarioEmbedding()) {
            if (asked != null) {
                throw new InvalidInputException("--scenario " + asked + ": " + runDir + " trained no scenario embedding ("
                        + methodName(c) + (c.training().method().singleStage() ? "" : ", ablation "
                        + c.training().ablation().name()) + "), so there is nothing to fold: leave --scenario out");
            }
            return null;
        }
        if (asked == null) {
            if (trained.size() == 1) {
                return trained.get(0);
            }
            throw new InvalidInputException("--scenario is needed: " + runDir + " trained one scenario embedding row"
                    + " per scenario (" + names(trained) + ") and its test features of each scenario add that row;"
                    + " an export holds one: give --scenario " + String.join("|", names(trained)));
        }
        if (!trained.contains(asked)) {
            throw new InvalidInputException("--scenario " + asked + ": " + runDir + " trained on " + names(trained)
                    + " only; the " + asked + " row of its scenario embedding was never trained");
        }
        return asked;
    }

    private static JsonObject card(TrainedEncoder enc, StandardCheckpoint.Format format, int branch, Scenario s,
            Path checkpoint, List<String> notes) {
        JsonObject e = new JsonObject();
        e.addProperty("format", format == StandardCheckpoint.Format.HF ? "hf" : "openai");
        e.addProperty("checkpoint", format == StandardCheckpoint.Format.HF ? "." : StandardCheckpoint.ARCHIVE);
        e.addProperty("fromCheckpoint", enc.checkpoint().toString());
        e.addProperty("branch", branch == 0 ? "A" : "B");
        e.addProperty("scenario", s == null ? "none" : s.name());
        e.addProperty("inputSize", enc.model().config().vision().inputHeight() + "x"
                + enc.model().config().vision().inputWidth());
        JsonObject folded = new JsonObject();
        folded.addProperty("vision_model.embeddings.patch_embedding.weight", "patch embedding "
                + (branch == 0 ? "A" : "B") + " (the run's branch for group " + (branch == 0 ? "A" : "B") + " images)");
        folded.addProperty("vision_model.embeddings.position_embedding.weight", s == null
                ? "the run's position embedding (no scenario embedding added)"
                : "the run's position embedding + scenario embedding row " + s.ordinal() + " (" + s + ") on every row");
        e.add("folded", folded);
        e.addProperty("sourceClip", enc.clip().toString());
        e.addProperty("textEncoder", "the pre-trained one of sourceClip (frozen in every stage)");
        e.addProperty("testFeatures", "images of the run's group " + (branch == 0 ? "A" : "B")
                + (enc.mergeGroups() ? " (a single-stage run sends every image through branch A)" : "")
                + (s == null ? "" : " in scenario " + s) + ": itkm embed --checkpoint " + checkpoint
                + " --images DIR --out F.npy");
        e.add("notes", ExportCard.strings(notes));
        return e;
    }

    static Scenario parseScenario(String s) {
        try {
            return Scenario.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--scenario must be VI, CC or CR, not '" + s + "'");
        }
    }

    static int parseBranch(String s) {
        return switch (s.toUpperCase(Locale.ROOT)) {
            case "A" -> 0;
            case "B" -> 1;
            default -> throw new InvalidInputException("--branch must be A or B, not '" + s + "'");
        };
    }

    private static List<String> names(List<Scenario> s) {
        return s.stream().map(Enum::name).toList();
    }

    private static String methodName(RunConfig c) {
        return c.training().method().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
