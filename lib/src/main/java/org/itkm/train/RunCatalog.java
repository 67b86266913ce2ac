package org.itkm.train;

import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.itkm.artifact.PocketClipArtifact;
import org.itkm.clip.ClipModel;
import org.itkm.clip.checkpoint.ClipCheckpoint;
import org.itkm.config.RunConfig;
import org.itkm.data.AttributeSidecar;
import org.itkm.data.EvaluationSplit;
import org.itkm.data.InputSize;
import org.itkm.data.PixelRepresentation;
import org.itkm.data.Sample;
import org.itkm.data.Scenario;
import org.itkm.eval.Protocol;
import org.itkm.eval.RankingMetrics;
import org.itkm.eval.dataset.AttributeProbe;
import org.itkm.eval.dataset.EncoderRepresentation;
import org.itkm.eval.dataset.PseudoLabelFScore;
import org.itkm.io.InvalidInputException;
import org.itkm.run.RunResults;
import org.itkm.runtime.EngineRuntime;

/**
 * The runs of one profile under {@code results/<profile>/runs/}, by setting: a setting (a list of
 * key=value overrides such as {@code training.mode=S training.scenario=VI}) names a run; asking for it
 * reuses the newest finished run of that name, resumes an unfinished one, or trains a new one. The CLI's
 * {@code reproduce} and every notebook go through here, so a notebook re-run after {@code reproduce}
 * trains nothing twice.
 */
public final class RunCatalog {
    /** A finished run: its directory and metrics per data set (layout name) and protocol. */
    public record Finished(Path dir, Map<String, Map<Protocol, RankingMetrics>> metrics) {}

    private final Path results;
    private final String profile;
    private final List<String> overrides;
    private final boolean fresh;
    private String continueCommand;

    /**
     * @param results results root (runs go to {@code results/<profile>/runs})
     * @param overrides settings applied to every run before the run's own setting
     * @param fresh train new runs even where finished ones exist
     */
    public RunCatalog(Path results, String profile, List<String> overrides, boolean fresh) {
        this.results = results;
        this.profile = profile;
        this.overrides = List.copyOf(overrides);
        this.fresh = fresh;
    }

    /**
     * Names the command that continues this catalog's runs when one is interrupted or fails (the whole
     * {@code itkm reproduce}, which resumes it); unset, a run names {@code itkm train --resume DIR}.
     */
    public RunCatalog continueWith(String command) {
        this.continueCommand = command;
        return this;
    }

    /** The configuration a setting resolves to. */
    public RunConfig.Loaded configOf(List<String> setting) {
        List<String> all = new ArrayList<>(overrides);
        all.addAll(setting);
        return RunConfig.load(profile, null, all);
    }

    /** {@link #obtain(List, String, PrintWriter)} without a tag. */
    public Finished obtain(List<String> setting, PrintWriter log) throws IOException {
        return obtain(setting, "", log);
    }

    /**
     * The newest finished run of a setting, else a resumed unfinished one, else a new one (progress on
     * {@code log}). A run counts as the setting's only when its recorded configuration is the one the
     * setting resolves to now and it was trained on the data as they are now (same fingerprints), so
     * changing a default, a profile or the data never reuses stale results.
     *
     * @param tag appended to the run name to tell sweeps apart in the directory listing ("alpha0.5")
     */
    public Finished obtain(List<String> setting, String tag, PrintWriter log) throws IOException {
        RunConfig.Loaded loaded = configOf(setting);
        String name = runName(loaded.config()) + (tag.isEmpty() ? "" : "-" + tag);
        Path existing = fresh ? null : newest(name, loaded.config());
        if (existing != null) {
            String changed = dataChange(existing, loaded.config());
            changed = changed != null ? changed : clipChange(existing, loaded.config());
            if (changed != null) {
                log.println("not reusing " + existing + ": " + changed);
                existing = null;
            }
        }
        if (existing != null) {
            Map<String, Map<Protocol, RankingMetrics>> done = RunResults.read(existing);
            if (done != null) {
                log.println("reusing finished run " + existing);
                log.flush();
                return new Finished(existing, done);
            }
        }
        // a missing or stale CLIP, an input size it cannot take, SynthUMS other than configured: fail before
        // making a run directory
        ClipSource.check(loaded.config());
        TrainingData.checkSynthProvenance(loaded.config());
        List<String> command = new ArrayList<>(List.of("train", "--profile", profile));
        command.addAll(overrides);
        command.addAll(setting);
        TrainingRun.State before = existing != null ? TrainingRun.inspect(existing) : null;
        Optional<Path> donor = existing != null || fresh ? Optional.empty()
                : SharedStageOne.donor(runDirs(), d -> sameStageOne(d, loaded.config()), loaded.config());
        TrainingRun run = existing != null ? TrainingRun.resume(existing)
                : TrainingRun.start(results, name, loaded, command);
        if (before != null) {
            log.println(before.resumeNote());
        }
        if (donor.isPresent()) {
            SharedStageOne.copyInto(run, donor.get());
            log.println("Stage I as in the finished run " + donor.get() + " (the same Stage I settings, data and CLIP):"
                    + " copied from its checkpoint, training resumes at Stage II");
        }
        if (continueCommand != null) {
            run.continueWith(continueCommand);
        }
        log.println((existing != null ? "resuming " : "running ") + name + " in " + run.dir());
        log.flush();
        TrainingPipeline.Outcome o = execute(run, results);
        return new Finished(o.runDir(), o.metrics());
    }

    /**
     * The newest run directory of a name ({@code <timestamp>-<name>}) recorded with exactly this
     * configuration ({@code config.yaml}, paths compared after resolving them against the checkout),
     * finished or not, trained in this checkout (committed run records are not reused); null if none.
     */
    public Path newest(String name, RunConfig config) throws IOException {
        return runDirs().stream().filter(p -> p.getFileName().toString().endsWith("-" + name) && trainedHere(p)
                && sameConfig(p, config)).max(Comparator.comparing(p -> p.getFileName().toString())).orElse(null);
    }

    /**
     * Every finished run of a setting (its results.json written) with exactly its configuration, oldest
     * first, committed records included: the runs a report compares.
     */
    public List<Path> finishedRuns(List<String> setting) throws IOException {
        RunConfig config = configOf(setting).config();
        String name = runName(config);
        return runDirs().stream().filter(p -> p.getFileName().toString().endsWith("-" + name)
                && Files.exists(p.resolve("results.json")) && sameConfig(p, config))
                .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    }

    /**
     * Whether the run was trained in this checkout: it has its checkpoints (git-ignored). Run records
     * committed to the repository have none, so a fresh clone reproduces them instead of reusing them.
     */
    static boolean trainedHere(Path runDir) {
        return Files.isDirectory(runDir.resolve("checkpoints"));
    }

    /** Every run folder of the profile (none when it has no runs yet). */
    private List<Path> runDirs() throws IOException {
        Path runs = results.resolve(profile).resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(Files::isDirectory).toList();
        }
    }

    /** Whether a run folder's recorded configuration trains the Stage I that {@code config} trains. */
    private boolean sameStageOne(Path runDir, RunConfig config) {
        RunConfig recorded = recordedConfig(runDir);
        RunConfig key = recorded == null ? null : SharedStageOne.key(recorded);
        return key != null && key.equals(SharedStageOne.key(config.resolvedAgainst(home())));
    }

    private boolean sameConfig(Path runDir, RunConfig config) {
        RunConfig recorded = recordedConfig(runDir);
        return recorded != null && recorded.equals(config.resolvedAgainst(home()));
    }

    /**
     * A run folder's recorded configuration with its paths resolved against the checkout; null when it has none
     * or it was recorded by an older kit whose keys no longer load (then it is no setting's run).
     */
    private RunConfig recordedConfig(Path runDir) {
        Path f = runDir.resolve("config.yaml");
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return RunConfig.loadFile(f).config().resolvedAgainst(home());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The checkout the results root belongs to (what relative paths in configurations mean). */
    private Path home() {
        return results.toAbsolutePath().normalize().getParent();
    }

    /**
     * Why a run's data are not the configured data now (a data set it recorded is missing, or its
     * fingerprint differs: files regenerated, added, removed), or null when they are the same.
     */
    static String dataChange(Path runDir, RunConfig config) throws IOException {
        Path manifest = runDir.resolve("manifest.json");
        Map<String, Map<String, Object>> recorded = null;
        if (Files.isRegularFile(manifest)) {
            JsonObject m = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
            if (m.has("data") && m.get("data").isJsonObject()) {
                recorded = new Gson().fromJson(m.get("data"), new TypeToken<Map<String, Map<String, Object>>>() {}.getType());
            }
        }
        if (recorded == null || recorded.isEmpty()) {
            return "it recorded no data fingerprints (made before they were recorded)";
        }
        for (Map.Entry<String, String> e : TrainingData.fingerprints(config).entrySet()) {
            Map<String, Object> r = recorded.get(e.getKey());
            Object was = r == null ? null : r.get("fingerprint");
            if (!e.getValue().equals(was)) {
                return "the " + e.getKey() + " data changed since it was trained (fingerprint " + was + ", now "
                        + e.getValue() + ")";
            }
        }
        return null;
    }

    /**
     * Why a run did not start from the pocket CLIP that is shipped now (it recorded other weights, or none:
     * trained before the artifact, from a pocket CLIP pre-trained per profile), or null when it did or the
     * configuration names a checkpoint of the user's.
     */
    static String clipChange(Path runDir, RunConfig config) throws IOException {
        if (!ClipSource.POCKET.equals(config.model().checkpoint())) {
            return null;
        }
        Path manifest = runDir.resolve("manifest.json");
        String was = null;
        if (Files.isRegularFile(manifest)) {
            JsonObject m = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
            if (m.has(TrainingRun.POCKET_CLIP) && m.get(TrainingRun.POCKET_CLIP).isJsonObject()
                    && m.getAsJsonObject(TrainingRun.POCKET_CLIP).has("weightsSha256")) {
                was = m.getAsJsonObject(TrainingRun.POCKET_CLIP).get("weightsSha256").getAsString();
            }
        }
        String now = PocketClipArtifact.weightsSha256(ClipSource.resolve(config));
        if (was == null) {
            return "it recorded no shipped pocket CLIP (trained from one pre-trained for its profile)";
        }
        return was.equals(now) ? null : "the shipped pocket CLIP changed since it was trained (weights SHA-256 "
                + was + ", now " + now + ")";
    }

    /**
     * A run's name from its method, Table 2 variant, mode and scenario: itkm-M, itkm-M4-M, baseline-S-VI,
     * supervised-S-CC...; a run evaluated on validation identities ({@code eval.split=val}) ends in -val, so
     * its folder is never taken for a test run's.
     */
    public static String runName(RunConfig c) {
        String m = c.training().method().stageName();
        String v = c.training().variant().equalsIgnoreCase("M7") ? "" : "-" + c.training().variant();
        return m + v + "-" + c.training().mode() + (c.training().mode() == RunConfig.Mode.S
                ? "-" + c.training().scenario() : "") + (c.eval().split() == EvaluationSplit.VAL ? "-val" : "");
    }

    /** Loads the data (dividing CC with the pre-trained CLIP's representations) and runs the pipeline. */
    public static TrainingPipeline.Outcome execute(TrainingRun run, Path results) throws IOException {
        RunConfig c = run.config();
        return run.during(() -> TrainingPipeline.run(run, dataOf(c, results), ClipSource.resolve(c),
                new PseudoLabelFScore()));
    }

    /**
     * A run's data sets as the run reads them: the configured folders, CC divided by the pre-trained
     * CLIP's features (k-means with the run's seed), so groups and sample order are the run's.
     */
    public static TrainingData dataOf(RunConfig c, Path results) throws IOException {
        return withPretrained(c, ClipSource.resolve(c), (model, device, data) -> data);
    }

    /**
     * The pre-trained CLIP's image encoder evaluated as it is, before any ReID training (branch A, no
     * scenario embedding): the reference every method has to improve on.
     */
    public Map<String, Map<Protocol, RankingMetrics>> pretrained() throws IOException {
        RunConfig c = configOf(List.of()).config();
        return withPretrained(c, ClipSource.resolve(c),
                (model, device, data) -> TrainingPipeline.evaluate(model, device, data, c, true, false));
    }

    /**
     * Linear probes of a scenario's training images for SynthUMS attributes ({@link AttributeProbe};
     * identities held out), on the pre-trained encoder's features and on the pixels it is given: what the
     * features the ReID stages start from encode, e.g. whether hair or skin, which persist through a change
     * of clothes, are there at all, and whether the images themselves carry them.
     *
     * @return the scores per representation, the encoder's first
     */
    public Map<String, List<AttributeProbe.Score>> pretrainedProbes(Scenario scenario, List<String> attributes)
            throws IOException {
        RunConfig c = configOf(List.of()).config();
        AttributeSidecar sidecar = AttributeSidecar.ofSynthRoot(c.data().synthRoot());
        Map<String, Function<Sample, String>> valueOf = new LinkedHashMap<>();
        for (String a : attributes) {
            valueOf.put(a, s -> sidecar.of(s.path()).get(a));
        }
        return withPretrained(c, ClipSource.resolve(c), (model, device, data) -> {
            // only images with attributes: real data sets have none, and their pixels at 256x128 would
            // fill gigabytes for nothing
            List<Sample> train = data.datasets().stream().filter(d -> d.scenario() == scenario)
                    .flatMap(d -> d.train().stream()).filter(s -> !sidecar.of(s.path()).isEmpty()).toList();
            if (train.isEmpty()) {
                throw new InvalidInputException("profile " + c.profile() + " has no " + scenario
                        + " training images with SynthUMS attributes (attributes.csv under " + c.data().synthRoot()
                        + "); the probes need SynthUMS");
            }
            InputSize size = new InputSize(c.data().height(), c.data().width());
            Map<String, List<AttributeProbe.Score>> scores = new LinkedHashMap<>();
            scores.put("pre-trained CLIP", AttributeProbe.probe(
                    new EncoderRepresentation(model, device, "probe").represent(train), train, valueOf));
            scores.put("pixels " + size, AttributeProbe.probe(new PixelRepresentation(size).represent(train), train,
                    valueOf));
            return scores;
        });
    }

    /** What to do with the pre-trained encoder and the data divided by its representations. */
    private interface PretrainedUse<T> {
        T apply(ClipModel model, ai.djl.Device device, TrainingData data);
    }

    private static <T> T withPretrained(RunConfig c, Path clip, PretrainedUse<T> f) throws IOException {
        try (ClipCheckpoint ckpt = ClipCheckpoint.open(clip);
                NDManager m = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
            ckpt.randomWeightsWarning().ifPresent(System.err::println); // every training path opens it here first
            ClipModel initial = ClipModel.create(ClipSource.atInputSize(ckpt, c), m);
            initial.load(ckpt.tensors());
            TrainingData data = TrainingData.load(c, new EncoderRepresentation(initial, m.getDevice(),
                    "pre-trained CLIP image features (" + clip.getFileName() + ")"));
            return f.apply(initial, m.getDevice(), data);
        }
    }
}
