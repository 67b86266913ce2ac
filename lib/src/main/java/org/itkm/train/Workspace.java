package org.itkm.train;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.itkm.config.RunConfig;
import org.itkm.synth.SynthPreset;
import org.itkm.synth.SynthUmsGenerator;

/**
 * What a profile's runs need before training: the SynthUMS data set (for the synthetic profiles), made once
 * and reused, and the CLIP checkpoint (the shipped pocket CLIP when the configuration names {@code pocket}).
 * The CLI's {@code reproduce} and the notebooks share it.
 */
public final class Workspace {
    private final Path results;
    private final String profile;
    private final List<String> overrides;
    private final RunConfig config;
    /** Pocket CLIP folders this workspace has named in its log (notebooks ask for the CLIP in every cell). */
    private final Set<Path> announced = new HashSet<>();

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
     * What can be checked before anything is generated or trained: the CLIP checkpoint (the shipped pocket
     * CLIP verified) and the input size against its patch size and, when SynthUMS is there, that it is the
     * configured preset and seed.
     */
    public void checkBeforeStart() {
        ClipSource.check(config);
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
                // runs made from an older SynthUMS would silently mix with new ones
                throw new org.itkm.io.InvalidInputException(root + ": holds SynthUMS version "
                        + version + ", this kit writes version " + SynthUmsGenerator.FORMAT_VERSION
                        + "; delete it (it is regenerated) or point data.synthRoot elsewhere");
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
     * The configured checkpoint, checked to exist: for {@code pocket}, the pocket CLIP the kit ships, verified
     * against its manifest (nothing is pre-trained: the artifact is re-made with {@code itkm make-pocket-clip}).
     */
    public Path ensureClip(PrintWriter log) {
        Path clip = ClipSource.resolve(config);
        if (ClipSource.POCKET.equals(config.model().checkpoint()) && announced.add(clip)) {
            log.println("pocket CLIP: " + clip + " (the shipped artifact, its manifest verified)");
            log.flush();
        }
        return clip;
    }
}
