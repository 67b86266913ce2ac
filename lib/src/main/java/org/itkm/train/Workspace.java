package org.itkm.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.itkm.config.RunConfig;
import org.itkm.io.OutputFolder;
import org.itkm.model.AttributeZeroShot;
import org.itkm.model.CaptionCorpus;
import org.itkm.model.ContrastivePretrainer;
import org.itkm.model.PocketClip;
import org.itkm.model.PocketClipPretraining;
import org.itkm.model.ZeroShotRetrieval;
import org.itkm.synth.SynthPreset;
import org.itkm.synth.SynthUmsGenerator;

/**
 * What a profile's runs need before training, made once and reused: the SynthUMS data set (for the
 * synthetic profiles) and the pocket CLIP pre-trained on its caption corpus (when the configuration
 * names {@code pocket}). The CLI's {@code reproduce} and the notebooks share it.
 */
public final class Workspace {
    /** Share of the caption corpus the pocket CLIP's pre-training holds out for its zero-shot figures. */
    public static final double HELD_OUT_CAPTIONS = 0.1;
    /** The command whose output the pocket CLIP folder is ({@link OutputFolder}'s marker). */
    public static final String POCKET_COMMAND = "pretrain-clip";

    private final Path results;
    private final String profile;
    private final List<String> overrides;
    private final RunConfig config;

    /** A profile's workspace with its results under {@code results}; overrides apply to every run. */
    public Workspace(Path results, String profile, List<String> overrides) {
        this.results = results;
        this.profile = profile;
        this.overrides = List.copyOf(overrides);
        this.config = RunConfig.load(profile, null, overrides).config();
    }

    /**
     * The workspace of a checkout: the profile's configuration with its relative paths (data roots, a
     * checkpoint path) taken relative to {@code home}, and results under {@code home/results}. Notebooks
     * run in {@code notebooks/}, so they pass the checkout ({@code ITKM_HOME}) here.
     */
    public static Workspace open(Path home, String profile, List<String> overrides) {
        List<String> all = new ArrayList<>(overrides);
        RunConfig c = RunConfig.load(profile, null, overrides).config();
        all.add("data.synthRoot=" + home.resolve(c.data().synthRoot()));
        all.add("data.sysu=" + home.resolve(c.data().sysu()));
        all.add("data.ltcc=" + home.resolve(c.data().ltcc()));
        all.add("data.mlr=" + home.resolve(c.data().mlr()));
        if (!ClipSource.POCKET.equals(c.model().checkpoint())) {
            all.add("model.checkpoint=" + home.resolve(c.model().checkpoint()));
        }
        return new Workspace(home.resolve("results"), profile, all);
    }

    /** The profile's runs (reused when finished with the same configuration, else trained). */
    public RunCatalog runs(boolean fresh) {
        return new RunCatalog(results, profile, overrides, fresh);
    }

    /** The profile's configuration (with overrides). */
    public RunConfig config() {
        return config;
    }

    public Path results() {
        return results;
    }

    /** {@code results/<profile>}. */
    public Path profileDir() {
        return results.resolve(config.profile());
    }

    /**
     * What can be checked before anything is generated or trained: the input size against the CLIP's patch
     * size (the pocket CLIP's, or the configured checkpoint's) and, when SynthUMS is there, that it is the
     * configured preset and seed.
     */
    public void checkBeforeStart() {
        if (ClipSource.POCKET.equals(config.model().checkpoint())) {
            ClipSource.checkPocketInputSize(config);
        } else {
            ClipSource.check(config, results);
        }
        if (config.data().source() == RunConfig.DataSource.SYNTH && Files.isDirectory(config.data().synthRoot())) {
            TrainingData.checkSynthProvenance(config);
        }
    }

    /**
     * Generates SynthUMS into the configured root unless it is there (or the profile reads real data), as
     * {@code itkm synth} does: written whole beside the root and moved into place, the unfinished output of a
     * killed earlier run removed (with a line saying so); a non-empty folder that is not SynthUMS is an error.
     */
    public void ensureData(PrintWriter log) {
        RunConfig c = config;
        if (c.data().source() != RunConfig.DataSource.SYNTH) {
            return;
        }
        Path root = c.data().synthRoot();
        if (Files.isRegularFile(root.resolve(SynthUmsGenerator.MANIFEST))) {
            int version = SynthUmsGenerator.versionOf(root);
            if (version != -1 && version != SynthUmsGenerator.FORMAT_VERSION) {
                // runs and the pocket CLIP made from an older SynthUMS would silently mix with new ones
                throw new org.itkm.io.InvalidInputException(root + ": holds SynthUMS version "
                        + version + ", this kit writes version " + SynthUmsGenerator.FORMAT_VERSION
                        + "; delete it and " + ClipSource.pocketDirectory(results, c.profile())
                        + " (both are regenerated) or point data.synthRoot elsewhere");
            }
            TrainingData.checkSynthProvenance(c);
            return;
        }
        log.println("generating SynthUMS " + c.data().synthPreset() + " in " + root);
        log.flush();
        log.println(new SynthUmsGenerator(SynthPreset.fromId(c.data().synthPreset()), c.data().synthSeed())
                .generate(root, false, true, "data.synthRoot").format());
    }

    /**
     * Pre-trains the pocket CLIP on the SynthUMS caption corpus unless it exists (nothing to do for a
     * user-supplied checkpoint); returns the checkpoint to use.
     */
    public Path ensureClip(PrintWriter log) throws IOException {
        RunConfig c = config;
        if (!ClipSource.POCKET.equals(c.model().checkpoint())) {
            return ClipSource.resolve(c, results);
        }
        Path dir = ClipSource.pocketDirectory(results, c.profile());
        if (Files.isDirectory(dir)) {
            return ClipSource.resolve(c, results);
        }
        ClipSource.checkPocketInputSize(c);
        ensureData(log);
        Path older = dir.resolveSibling(dir.getFileName() + ".partial");
        if (Files.exists(older)) {
            log.println("note: " + older + " is the unfinished pocket CLIP of an older kit's interrupted run; it is"
                    + " not used: delete it");
        }
        log.println("pre-training the pocket CLIP on the SynthUMS caption corpus -> " + dir);
        log.flush();
        CaptionCorpus corpus = CaptionCorpus.readTsv(c.data().synthRoot());
        double heldOut = HELD_OUT_CAPTIONS;
        long steps = Math.round(corpus.items().size() * (1 - heldOut)) / c.pretrain().batchSize() * c.pretrain().epochs();
        int warmup = (int) Math.max(1, steps / 10); // linear warm-up over the first tenth of the steps
        // written whole beside its final name, as pretrain-clip --out: a killed pre-training leaves no half checkpoint
        try (OutputFolder out = OutputFolder.prepare(POCKET_COMMAND, dir, false, "the pocket CLIP folder",
                List.of(c.data().synthRoot()))) {
            PocketClipPretraining.run(corpus, out.staging(),
                    new PocketClipPretraining.Settings(PocketClip.config(1, 128, 4, 3, c.data().height(), c.data().width()),
                            new ContrastivePretrainer.Options(c.pretrain().epochs(), c.pretrain().batchSize(),
                                    (float) c.pretrain().lr(), warmup, c.pretrain().seed(), c.pretrain().imageViewWeight()),
                            heldOut, Map.of()),
                    log, true);
            ClipSource.writeRecipe(out.staging(), c);
            out.commit();
        }
        // caption retrieval and the SynthUMS attribute questions on the held-out pairs (notebook 02's table)
        for (ZeroShotRetrieval.Score s : AttributeZeroShot.evaluate(dir, AttributeZeroShot.heldOut(
                c.data().synthRoot().resolve("captions"), heldOut, c.pretrain().seed()), AttributeZeroShot.SYNTHUMS)) {
            log.println("  zero-shot " + s);
        }
        return dir;
    }
}
