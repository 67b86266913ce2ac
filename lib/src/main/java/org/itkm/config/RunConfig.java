package org.itkm.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.itkm.data.Scenario;
import org.itkm.data.UnreadableImagePolicy;

/**
 * Everything a run depends on, typed. Built from {@code defaults.yaml} (the paper's settings and the
 * project's choices where the paper is silent, DESIGN.md section 7), a profile, an optional user YAML
 * file and {@code key=value} overrides, in that order. The whole tree is recorded in every run's
 * manifest.
 */
public record RunConfig(String profile, long seed, Data data, Model model, Pretrain pretrain, Cluster cluster,
        Sampler sampler, Augment augment, Stage stage1, Stage stage2, Stage stage3, Loss loss, Training training,
        Eval eval, Caps caps) {

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
        return new RunConfig(profile, seed, resolved, new Model(ckpt, model.promptTokens()), pretrain, cluster, sampler,
                augment, stage1, stage2, stage3, loss, training, eval, caps);
    }

    /** Where images come from. */
    public enum DataSource { SYNTH, REAL }

    /** The training method: ITKM's three stages, or the cluster-contrast baseline (Table 1 "CC"). */
    public enum Method { ITKM, CLUSTER_CONTRAST }

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
            require(!scenarios.isEmpty(), "scenarios must name at least one of VI, CC, CR");
            require(height > 0 && width > 0, "height and width must be positive");
        }
    }

    /** The CLIP checkpoint and the parts ITKM adds to it. */
    public record Model(String checkpoint, int promptTokens) {
        public Model {
            require(promptTokens > 0, "promptTokens must be positive");
        }
    }

    /**
     * Pre-training of the pocket CLIP on the SynthUMS caption corpus (used when checkpoint = pocket).
     *
     * @param imageViewWeight weight of the image-image (SLIP) term beside the image-text loss; 0 = CLIP's loss only
     */
    public record Pretrain(int epochs, double lr, int batchSize, double imageViewWeight, long seed) {
        public Pretrain {
            require(epochs >= 0 && lr > 0 && batchSize > 1, "epochs >= 0, lr > 0, batchSize > 1");
            require(imageViewWeight >= 0, "pretrain.imageViewWeight must be >= 0");
        }
    }

    /** k-reciprocal Jaccard distance and DBSCAN. */
    public record Cluster(int k1, int k2, double eps, int minSamples) {
        public Cluster {
            require(k1 > 0 && k2 > 0 && k2 <= k1, "need 0 < k2 <= k1");
            require(eps > 0 && eps <= 1, "eps must be in (0, 1]");
            require(minSamples > 0, "minSamples must be positive");
        }
    }

    /** P pseudo-identities x K images per group and scenario in each batch. */
    public record Sampler(int identitiesPerGroup, int instancesPerIdentity, int iterationsPerEpoch) {
        public Sampler {
            require(identitiesPerGroup > 0 && instancesPerIdentity > 0 && iterationsPerEpoch > 0,
                    "sampler sizes must be positive");
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
            require(greyscale >= 0 && greyscale <= 1, "augment.greyscale must be in [0, 1]");
        }
    }

    /** One training stage: epochs and the Adam schedule (linear warm-up, then steps at milestones). */
    public record Stage(int epochs, double lr, int warmupEpochs, List<Integer> milestones, double gamma,
            double weightDecay, int batchSize) {
        public Stage {
            require(epochs >= 0 && lr > 0 && warmupEpochs >= 0 && gamma > 0 && weightDecay >= 0 && batchSize > 0,
                    "epochs >= 0, lr > 0, warmupEpochs >= 0, gamma > 0, weightDecay >= 0, batchSize > 0");
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
            require(temperature > 0, "temperature must be positive");
            require(memoryMomentum >= 0 && memoryMomentum < 1, "memoryMomentum must be in [0, 1)");
            require(chmKeepProbability >= 0 && chmKeepProbability <= 1, "chmKeepProbability must be in [0, 1]");
            require(druTopProportion > 0 && druTopProportion <= 1, "druTopProportion must be in (0, 1]");
            require(druUpdateRate >= 0 && druUpdateRate <= 1, "druUpdateRate must be in [0, 1]");
            require(ihmK > 0, "ihmK must be positive");
            require(separationWeight >= 0 && textWeight >= 0, "loss weights must be non-negative");
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
            require(mode == Mode.M || scenario != null, "mode S needs training.scenario (VI, CC or CR)");
            microBatch = microBatch.trim().toLowerCase(java.util.Locale.ROOT);
            require(microBatch.equals(AUTO_MICRO_BATCH) || microBatch.matches("\\d+"),
                    "training.microBatch must be auto, 0 (the whole batch) or a positive number of images, not '"
                            + microBatch + "'");
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

    /** Evaluation during and after training. */
    public record Eval(int everyEpochs, int sysuTrials, int mlrTrials) {
        public Eval {
            require(everyEpochs >= 0 && sysuTrials >= 0 && mlrTrials >= 0, "eval settings must be >= 0");
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
            require(epochsPerStage >= 0 && stepsPerEpoch >= 0, "caps must be >= 0 (0 = no cap)");
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
            return switch (variant.trim().toUpperCase(java.util.Locale.ROOT)) {
                case "M1" -> new Ablation("M1", false, false, false, ClusterMatching.PGM, InstanceMatching.NONE);
                case "M2" -> new Ablation("M2", true, false, false, ClusterMatching.PGM, InstanceMatching.NONE);
                case "M3" -> new Ablation("M3", true, true, false, ClusterMatching.PGM, InstanceMatching.NONE);
                case "M4" -> new Ablation("M4", true, true, true, ClusterMatching.PGM, InstanceMatching.NONE);
                case "M5" -> new Ablation("M5", true, true, true, ClusterMatching.CHM, InstanceMatching.NONE);
                case "M6" -> new Ablation("M6", true, true, true, ClusterMatching.CHM, InstanceMatching.CNL);
                case "M7", "ITKM" -> new Ablation("M7", true, true, true, ClusterMatching.CHM, InstanceMatching.IHM);
                default -> throw new IllegalArgumentException("training.variant '" + variant
                        + "' is not one of M1, M2, M3, M4, M5, M6, M7 (M7 = ITKM)");
            };
        }
    }

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
        return new Loaded(RecordBinder.bind(tree.asMap(), RunConfig.class, ""), tree);
    }

    /** Loads a complete configuration written by a run ({@code config.yaml}), with no profile layering. */
    public static Loaded loadFile(Path file) {
        ConfigTree tree = withEarlierSettings(ConfigTree.read(file));
        return new Loaded(RecordBinder.bind(tree.asMap(), RunConfig.class, ""), tree);
    }

    /**
     * Runs recorded before a setting existed read as what they did: before the SynthUMS and pocket CLIP
     * seeds were settings of their own, data and CLIP came from the run seed; before micro-batching,
     * every step encoded its whole batch at once; before caps, every epoch and step ran.
     */
    private static ConfigTree withEarlierSettings(ConfigTree tree) {
        Map<String, Object> m = tree.toMap();
        Object seed = m.get("seed");
        if (seed != null && m.get("data") instanceof Map<?, ?> d && !d.containsKey("synthSeed")) {
            tree = tree.with("data.synthSeed=" + seed);
        }
        if (seed != null && m.get("pretrain") instanceof Map<?, ?> p && !p.containsKey("seed")) {
            tree = tree.with("pretrain.seed=" + seed);
        }
        if (m.get("training") instanceof Map<?, ?> t && !t.containsKey("microBatch")) {
            tree = tree.with("training.microBatch=0");
        }
        if (!m.containsKey("caps")) {
            tree = tree.with("caps.epochsPerStage=0").with("caps.stepsPerEpoch=0");
        }
        return tree;
    }

    /** A bound configuration and the tree it came from. */
    public record Loaded(RunConfig config, ConfigTree tree) {}

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
