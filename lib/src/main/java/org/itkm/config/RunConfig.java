package org.itkm.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.itkm.data.EvaluationSplit;
import org.itkm.data.Scenario;
import org.itkm.data.UnreadableImagePolicy;

/**
 * Everything a run depends on, typed. Built from {@code defaults.yaml} (the paper's settings and the
 * project's choices where the paper is silent, DESIGN.md section 7), a profile, an optional user YAML
 * file and {@code key=value} overrides, in that order. The whole tree is recorded in every run's
 * manifest.
 */
public record RunConfig(String profile, long seed, Data data, Model model, Cluster cluster,
        Sampler sampler, Augment augment, Stage stage1, Stage stage2, Stage stage3, Loss loss, Training training,
        Eval eval, Caps caps) {

    public RunConfig {
        if (!PROFILES.contains(profile)) { // results go to results/<profile>/: a name of the kit's, never a path
            throw new BadValue("profile", profile, "one of " + String.join(", ", PROFILES)
                    + " (choose it with --profile)");
        }
        if (seed < 0 || seed > 0xffffffffL) { // the MLR-CUHK03 draws seed NumPy's generator with it (32 bits)
            throw new BadValue("seed", seed, "an integer in [0, 4294967295]");
        }
        // Stage I gives Stage II its pseudo-labels, and the baseline (Stages I and III's epochs) its first epoch
        atLeast("stage1.epochs", stage1.epochs(), 1);
    }

    /**
     * The schedule of a stage by its name in run records ({@code stage1}, {@code stage2}, {@code stage3});
     * null for the baseline, whose schedule is that of Stages I and III together.
     */
    public Stage schedule(String stage) {
        return switch (stage) {
            case "stage1" -> stage1;
            case "stage2" -> stage2;
            case "stage3" -> stage3;
            default -> null;
        };
    }

    /**
     * This configuration with relative data roots and checkpoint path resolved against {@code home}
     * (the checkout), so that configurations written from the CLI (relative paths) and from a notebook
     * (absolute ones) compare equal when they mean the same files.
     */
    public RunConfig resolvedAgainst(Path home) {
        Data d = data;
        Data resolved = new Data(d.source(), d.synthPreset(), d.synthSeed(),
                home.resolve(d.synthRoot()).normalize(),
                home.resolve(d.sysu()).normalize(), home.resolve(d.ltcc()).normalize(), home.resolve(d.mlr()).normalize(),
                d.scenarios(), d.height(), d.width(), d.onUnreadableImage());
        String ckpt = model.checkpoint().equals("pocket") ? model.checkpoint()
                : home.resolve(model.checkpoint()).normalize().toString();
        return new RunConfig(profile, seed, resolved, new Model(ckpt, model.promptTokens()), cluster, sampler,
                augment, stage1, stage2, stage3, loss, training, eval, caps);
    }

    /** Where images come from. */
    public enum DataSource { SYNTH, REAL }

    /**
     * The training method: ITKM's three stages, the cluster-contrast baseline (Table 1 "CC"), or the
     * supervised upper bound (the baseline's loop with ground-truth identities in place of clusters).
     */
    public enum Method {
        ITKM, CLUSTER_CONTRAST, SUPERVISED;

        /** Whether the method is one memory-contrast stage over each scenario's merged groups (not ITKM's three). */
        public boolean singleStage() {
            return this != ITKM;
        }

        /** The name of the single stage's checkpoints and log rows, and the start of its run names. */
        public String stageName() {
            return switch (this) {
                case ITKM -> "itkm";
                case CLUSTER_CONTRAST -> "baseline";
                case SUPERVISED -> "supervised";
            };
        }
    }

    /** Single-scenario (one model per scenario) or multi-scenario (one joint model). */
    public enum Mode { S, M }

    /** Cluster-level heterogeneous matching: PGM's (Table 2 M1-M4), ITKM's CHM, or none. */
    public enum ClusterMatching { PGM, CHM, NONE }

    /** Instance-level heterogeneous positives: CNL-style (M6), ITKM's IHM (M7), or none. */
    public enum InstanceMatching { NONE, CNL, IHM }

    /** Data sets and input size. */
    public record Data(DataSource source, String synthPreset, long synthSeed, Path synthRoot, Path sysu, Path ltcc,
            Path mlr, List<Scenario> scenarios, int height, int width, UnreadableImagePolicy onUnreadableImage) {
        public Data {
            if (scenarios.isEmpty() || new java.util.HashSet<>(scenarios).size() != scenarios.size()) {
                throw new BadValue("scenarios", scenarios, "a list of one or more of VI, CC, CR, each once");
            }
            // the corpus preset has captions only: nothing to train or evaluate a ReID model on
            List<String> presets = java.util.Arrays.stream(org.itkm.synth.SynthPreset.values())
                    .filter(org.itkm.synth.SynthPreset::hasReidSets).map(org.itkm.synth.SynthPreset::id).toList();
            if (synthPreset == null || presets.stream().noneMatch(id -> id.equalsIgnoreCase(synthPreset.trim()))) {
                throw new BadValue("synthPreset", synthPreset, "one of " + String.join(", ", presets));
            }
            atLeast("height", height, 1);
            atLeast("width", width, 1);
            if (synthSeed == org.itkm.artifact.PocketClipArtifact.CORPUS_SEED) {
                // the pocket CLIP's caption corpus is drawn with it: a benchmark drawn alike would share its stream
                throw new BadValue("synthSeed", synthSeed, "another seed: " + synthSeed + " is reserved for the"
                        + " pocket CLIP's caption corpus");
            }
        }
    }

    /** The CLIP checkpoint and the parts ITKM adds to it. */
    public record Model(String checkpoint, int promptTokens) {
        public Model {
            if (checkpoint == null || checkpoint.isBlank()) {
                throw new BadValue("checkpoint", checkpoint, "a Hugging Face CLIP directory, OpenAI's ViT-B-16.pt, or"
                        + " pocket");
            }
            atLeast("promptTokens", promptTokens, 1);
        }
    }

    /** k-reciprocal Jaccard distance and DBSCAN. */
    public record Cluster(int k1, int k2, double eps, int minSamples) {
        public Cluster {
            atLeast("k1", k1, 1);
            atLeast("k2", k2, 1);
            if (k2 > k1) {
                throw new BadValue("k2", k2, "an integer in [1, ${k1}] (${k1} = " + k1 + "; k2 neighbours are averaged"
                        + " among the k1 reciprocal ones)");
            }
            within("eps", eps, 0, false, 1, true);
            atLeast("minSamples", minSamples, 1);
        }
    }

    /** P pseudo-identities x K images per group and scenario in each batch. */
    public record Sampler(int identitiesPerGroup, int instancesPerIdentity, int iterationsPerEpoch) {
        public Sampler {
            atLeast("identitiesPerGroup", identitiesPerGroup, 1);
            atLeast("instancesPerIdentity", instancesPerIdentity, 1);
            atLeast("iterationsPerEpoch", iterationsPerEpoch, 1);
        }
    }

    /**
     * Training-image augmentation beyond flip, pad + crop and erasing (which every run uses).
     *
     * @param greyscale probability of replacing a training image by its luma (CCLNet's RandomGrayscale(0.5)
     *     on visible images, reference §B; infrared images are grey already, so it changes only colour ones)
     */
    public record Augment(double greyscale) {
        public Augment {
            within("greyscale", greyscale, 0, true, 1, true);
        }
    }

    /** One training stage: epochs and the Adam schedule (linear warm-up, then steps at milestones). */
    public record Stage(int epochs, double lr, int warmupEpochs, List<Integer> milestones, double gamma,
            double weightDecay, int batchSize) {
        public Stage {
            atLeast("epochs", epochs, 0);
            above("lr", lr, 0);
            atLeast("warmupEpochs", warmupEpochs, 0);
            for (int i = 0; i < milestones.size(); i++) {
                if (milestones.get(i) == null) {
                    throw new BadValue("milestones[" + i + "]", null, "an epoch number >= 1");
                }
                atLeast("milestones[" + i + "]", milestones.get(i), 1);
            }
            above("gamma", gamma, 0);
            atLeast("weightDecay", weightDecay, 0);
            atLeast("batchSize", batchSize, 1);
        }

        /** Learning rate of epoch e (0-based): linear warm-up from lr/warmup, then ×gamma at each milestone. */
        public double lrAt(int e) {
            double f = warmupEpochs > 0 && e < warmupEpochs ? (e + 1) / (double) warmupEpochs : 1.0;
            for (int m : milestones) {
                if (e >= m) {
                    f *= gamma;
                }
            }
            return lr * f;
        }
    }

    /** Loss weights and the hyperparameters of memories, CHM, IHM and DRU. */
    public record Loss(double temperature, double memoryMomentum, double separationWeight, double separationMargin,
            double textWeight, double chmKeepProbability, int ihmK, double druTopProportion, double druUpdateRate) {
        public Loss {
            above("temperature", temperature, 0);
            within("memoryMomentum", memoryMomentum, 0, true, 1, false);
            atLeast("separationWeight", separationWeight, 0);
            atLeast("separationMargin", separationMargin, 0);
            atLeast("textWeight", textWeight, 0);
            within("chmKeepProbability", chmKeepProbability, 0, true, 1, true);
            atLeast("ihmK", ihmK, 1);
            within("druTopProportion", druTopProportion, 0, false, 1, true);
            within("druUpdateRate", druUpdateRate, 0, true, 1, true);
        }
    }

    /**
     * Method, mode, the Table 2 ablation variant (M1 ... M7; M7 is ITKM) and how many images the image
     * encoder takes per pass.
     *
     * @param microBatch images per forward/backward pass of a training step: {@code 0} = the whole batch at
     *     once, a positive number = gradient accumulation over micro-batches of that size (the update equals
     *     the whole batch's), {@code auto} = the largest micro-batch that fits the device's memory
     *     ({@code org.itkm.train.MicroBatchPlan})
     */
    public record Training(Method method, Mode mode, Scenario scenario, String variant, String microBatch) {
        /** The value of {@code microBatch} that asks for a choice from the device's memory. */
        public static final String AUTO_MICRO_BATCH = "auto";

        public Training {
            Ablation.of(variant);
            if (mode == Mode.S && scenario == null) {
                throw new BadValue("scenario", null, "VI, CC or CR: mode S trains one scenario");
            }
            String mb = microBatch == null ? "" : microBatch.trim().toLowerCase(java.util.Locale.ROOT);
            if (!(mb.equals(AUTO_MICRO_BATCH) || mb.matches("\\d{1,9}"))) {
                throw new BadValue("microBatch", microBatch, "auto, 0 (the whole batch) or a positive number of images");
            }
            microBatch = mb;
        }

        /** The fixed micro-batch size (0 = whole batch), or empty when it is {@code auto}. */
        public java.util.OptionalInt fixedMicroBatch() {
            return microBatch.equals(AUTO_MICRO_BATCH) ? java.util.OptionalInt.empty()
                    : java.util.OptionalInt.of(Integer.parseInt(microBatch));
        }

        public Ablation ablation() {
            return Ablation.of(variant);
        }
    }

    /**
     * Evaluation during and after training.
     *
     * @param split {@code test}: the test query and gallery; {@code val}: validation identities held out of
     *     training ({@link org.itkm.data.ValidationSplit}), for choosing hyper-parameters without the test ones
     */
    public record Eval(int everyEpochs, int sysuTrials, int mlrTrials, EvaluationSplit split) {
        public Eval {
            atLeast("everyEpochs", everyEpochs, 0);
            atLeast("sysuTrials", sysuTrials, 0);
            atLeast("mlrTrials", mlrTrials, 0);
            if (split == null) {
                throw new BadValue("split", null, "test or val");
            }
        }

        /** Whether epoch {@code epoch} (0-based) of a stage of {@code epochs} epochs is evaluated: every
         * {@code everyEpochs} epochs and after the last. */
        public boolean due(int epoch, int epochs) {
            return everyEpochs > 0 && ((epoch + 1) % everyEpochs == 0 || epoch == epochs - 1);
        }

        /** How many evaluations a stage of {@code epochs} epochs does. */
        public int evaluations(int epochs) {
            int n = 0;
            for (int e = 0; e < epochs; e++) {
                n += due(e, epochs) ? 1 : 0;
            }
            return n;
        }
    }

    /**
     * Caps for a rehearsal ({@code rehearsal} profile): run only the first {@code epochsPerStage} epochs
     * of each stage's schedule and at most {@code stepsPerEpoch} steps per epoch, leaving the schedules
     * (learning rates, warm-up, milestones) as configured; 0 = no cap. The baseline, which trains for
     * Stage I and III together, runs twice the epochs.
     */
    public record Caps(int epochsPerStage, int stepsPerEpoch) {
        public Caps {
            atLeast("epochsPerStage", epochsPerStage, 0);
            atLeast("stepsPerEpoch", stepsPerEpoch, 0);
        }

        /** Epochs to run of a schedule that spans {@code stages} stages. */
        public int epochs(Stage schedule, int stages) {
            return epochsPerStage > 0 ? Math.min(schedule.epochs(), epochsPerStage * stages) : schedule.epochs();
        }

        /** Steps to run of an epoch planned with {@code planned} steps. */
        public int steps(int planned) {
            return stepsPerEpoch > 0 ? Math.min(planned, stepsPerEpoch) : planned;
        }
    }

    /** The components switched by Table 2's rows. */
    public record Ablation(String name, boolean scenarioEmbedding, boolean separationLoss, boolean dru,
            ClusterMatching clusterMatching, InstanceMatching instanceMatching) {
        /** Table 2: M1 PGM + offline text; M2 +scenario embedding; M3 +separation loss; M4 +DRU; M5 CHM; M6 +CNL; M7 +IHM. */
        public static Ablation of(String variant) {
            return switch (variant == null ? "" : variant.trim().toUpperCase(java.util.Locale.ROOT)) {
                case "M1" -> new Ablation("M1", false, false, false, ClusterMatching.PGM, InstanceMatching.NONE);
                case "M2" -> new Ablation("M2", true, false, false, ClusterMatching.PGM, InstanceMatching.NONE);
                case "M3" -> new Ablation("M3", true, true, false, ClusterMatching.PGM, InstanceMatching.NONE);
                case "M4" -> new Ablation("M4", true, true, true, ClusterMatching.PGM, InstanceMatching.NONE);
                case "M5" -> new Ablation("M5", true, true, true, ClusterMatching.CHM, InstanceMatching.NONE);
                case "M6" -> new Ablation("M6", true, true, true, ClusterMatching.CHM, InstanceMatching.CNL);
                case "M7", "ITKM" -> new Ablation("M7", true, true, true, ClusterMatching.CHM, InstanceMatching.IHM);
                default -> throw new BadValue("variant", variant, "one of M1, M2, M3, M4, M5, M6, M7 (M7 = ITKM)");
            };
        }
    }

    /** The section of the settings of a pocket CLIP pre-trained per profile (kits before the shipped one). */
    private static final String PRETRAIN = "pretrain";

    /** The built-in profiles. */
    public static final List<String> PROFILES = List.of("smoke", "quick", "rehearsal", "paper");

    /**
     * Loads a profile, then an optional YAML file, then overrides ({@code stage1.epochs=5}); the merged
     * tree is returned alongside for the manifest.
     */
    public static Loaded load(String profile, Path file, List<String> overrides) {
        if (!PROFILES.contains(profile)) {
            throw new org.itkm.io.InvalidInputException("unknown profile '" + profile + "'; expected one of "
                    + String.join(", ", PROFILES));
        }
        ConfigTree tree = ConfigTree.resource("/org/itkm/config/defaults.yaml")
                .merge(ConfigTree.resource("/org/itkm/config/profiles/" + profile + ".yaml"));
        if (file != null) {
            tree = tree.merge(ConfigTree.read(file));
        }
        for (String o : overrides == null ? List.<String>of() : new ArrayList<>(overrides)) {
            tree = tree.with(o);
        }
        if (tree.asMap().containsKey(PRETRAIN)) {
            String key = tree.asMap().get(PRETRAIN) instanceof Map<?, ?> p && !p.isEmpty()
                    ? PRETRAIN + "." + p.keySet().iterator().next() : PRETRAIN;
            throw new org.itkm.io.InvalidInputException("config key '" + key + "' is no longer a setting: the"
                    + " pocket CLIP is shipped pre-trained (" + org.itkm.artifact.PocketClipArtifact.FOLDER + ", its"
                    + " settings in its manifest.json); re-make it with ./itkm make-pocket-clip --epochs N --replace");
        }
        return new Loaded(RecordBinder.bind(tree.asMap(), RunConfig.class, ""), tree);
    }

    /** Loads a complete configuration written by a run ({@code config.yaml}), with no profile layering. */
    public static Loaded loadFile(Path file) {
        ConfigTree tree = withEarlierSettings(ConfigTree.read(file));
        return new Loaded(RecordBinder.bind(tree.asMap(), RunConfig.class, ""), tree);
    }

    /**
     * Runs recorded before a setting existed read as what they did: before the SynthUMS seed was a setting of
     * its own, data came from the run seed; before micro-batching, every step encoded its whole batch at once;
     * before caps, every epoch and step ran; before {@code eval.split}, every run was evaluated on the test
     * identities. Runs recorded while the pocket CLIP was pre-trained per profile carry its {@code pretrain}
     * settings, which are no longer settings (the CLIP a run started from is in its manifest.json).
     */
    private static ConfigTree withEarlierSettings(ConfigTree tree) {
        Map<String, Object> m = tree.toMap();
        Object seed = m.get("seed");
        if (seed != null && m.get("data") instanceof Map<?, ?> d && !d.containsKey("synthSeed")) {
            tree = tree.with("data.synthSeed=" + seed);
        }
        if (m.containsKey(PRETRAIN)) {
            tree = tree.without(PRETRAIN);
        }
        if (m.get("training") instanceof Map<?, ?> t && !t.containsKey("microBatch")) {
            tree = tree.with("training.microBatch=0");
        }
        if (!m.containsKey("caps")) {
            tree = tree.with("caps.epochsPerStage=0").with("caps.stepsPerEpoch=0");
        }
        if (m.get("eval") instanceof Map<?, ?> e && !e.containsKey("split")) {
            tree = tree.with("eval.split=test");
        }
        return tree;
    }

    /** A bound configuration and the tree it came from. */
    public record Loaded(RunConfig config, ConfigTree tree) {}

    /**
     * A value of one key that its record does not allow: the key as the record names it ({@code epochs};
     * {@link RecordBinder} puts the path in front: {@code stage1.epochs}), the value and what is allowed.
     * {@code ${k}} in {@code expected} names another key of the same record.
     */
    static final class BadValue extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final String key;
        final transient Object value;
        final String expected;

        BadValue(String key, Object value, String expected) {
            super("config key '" + key + "' = '" + value + "': expected " + expected.replaceAll("\\$\\{(\\w+)}", "$1"));
            this.key = key;
            this.value = value;
            this.expected = expected;
        }

        /** The message with every key under {@code prefix} ({@code "stage1."}). */
        String messageUnder(String prefix) {
            return "config key '" + prefix + key + "' = '" + value + "': expected "
                    + expected.replaceAll("\\$\\{(\\w+)}", java.util.regex.Matcher.quoteReplacement(prefix) + "$1");
        }
    }

    private static void atLeast(String key, long v, long min) {
        if (v < min) {
            throw new BadValue(key, v, "an integer >= " + min);
        }
    }

    private static void atLeast(String key, double v, double min) {
        if (!(v >= min)) {
            throw new BadValue(key, v, "a number >= " + plain(min));
        }
    }

    private static void above(String key, double v, double min) {
        if (!(v > min)) {
            throw new BadValue(key, v, "a number > " + plain(min));
        }
    }

    private static void within(String key, double v, double lo, boolean loIn, double hi, boolean hiIn) {
        boolean ok = (loIn ? v >= lo : v > lo) && (hiIn ? v <= hi : v < hi);
        if (!ok) {
            throw new BadValue(key, v, "a number in " + (loIn ? "[" : "(") + plain(lo) + ", " + plain(hi)
                    + (hiIn ? "]" : ")"));
        }
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
