package org.itkm.robustness;

import ai.djl.ndarray.NDManager;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.itkm.cli.ItkmCli;
import org.itkm.clip.ClipModel;
import org.itkm.clip.PocketClip;
import org.itkm.clip.checkpoint.HuggingFaceClipDirectory;
import org.itkm.clip.tokenizer.WordLevelTokenizer;
import org.itkm.io.FileTrees;
import org.itkm.runtime.EngineRuntime;
import org.itkm.synth.SynthPreset;
import org.itkm.synth.SynthUmsGenerator;

/**
 * What the training cases start from, made once per test JVM (outside every case's sentinel tree): SynthUMS
 * tiny (seed 1), a random pocket CLIP, and a finished run of the cheapest kind, a cluster-contrast run on VI
 * for one epoch in which DBSCAN marks every image as noise (so its one epoch makes no optimiser step and its
 * checkpoint holds an empty optimiser state: the case the tester found). Cases copy the run into their own
 * folder before they touch it.
 */
public final class RunFixtures {
    /** The settings of the cheap run (every image noise: no step, so every epoch is clustering only). */
    static final List<String> NOISE_BASELINE = List.of("--method", "cluster-contrast", "--mode", "S", "--scenario",
            "VI", "stage3.epochs=0", "eval.everyEpochs=0", "cluster.minSamples=1000");

    private static Path home;
    private static Path synth;
    private static Path clip;
    private static Path finished;

    private RunFixtures() {}

    private static synchronized Path home() throws IOException {
        if (home == null) {
            home = Files.createTempDirectory("itkm-robustness-");
            Path h = home;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    FileTrees.delete(h);
                } catch (IOException e) {
                    // a temporary folder
                }
            }));
        }
        return home;
    }

    /** SynthUMS tiny, seed 1. */
    public static synchronized Path synth() throws IOException {
        if (synth == null) {
            synth = home().resolve("synth");
            new SynthUmsGenerator(SynthPreset.fromId("tiny"), 1).generate(synth, true, false);
        }
        return synth;
    }

    /** A random pocket CLIP (Hugging Face layout). */
    public static synchronized Path clip() throws IOException {
        if (clip == null) {
            clip = home().resolve("clip");
            List<String> words = List.of("a photo of a person .", "a red coat");
            try (NDManager m = NDManager.newBaseManager(EngineRuntime.defaultDevice())) {
                ClipModel model = ClipModel.create(PocketClip.config(WordLevelTokenizer.vocabulary(words).size()), m);
                HuggingFaceClipDirectory.save(clip, model, WordLevelTokenizer.buildJson(words), false);
            }
        }
        return clip;
    }

    /** The smoke profile's settings pointed at the fixtures' data and CLIP. */
    static List<String> inputs() throws IOException {
        return List.of("data.synthRoot=" + synth(), "model.checkpoint=" + clip());
    }

    /** {@code itkm train --profile smoke --results <results> <args> <inputs>}, as a command line. */
    static String[] train(Path results, List<String> args) throws IOException {
        List<String> a = new ArrayList<>(List.of("train", "--profile", "smoke", "--results", results.toString()));
        a.addAll(args);
        a.addAll(inputs());
        return a.toArray(String[]::new);
    }

    /** The finished one-epoch noise run (made in this JVM the first time it is asked for). */
    static synchronized Path finishedNoiseRun() throws IOException {
        if (finished == null) {
            Path results = home().resolve("results");
            List<String> args = new ArrayList<>(NOISE_BASELINE);
            args.add("stage1.epochs=1");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = ItkmCli.execute(train(results, args), new PrintWriter(out, true), new PrintWriter(err, true));
            if (code != 0) {
                throw new IllegalStateException("the fixture run failed (exit " + code + "): " + err);
            }
            finished = onlyRun(results);
        }
        return finished;
    }

    /** The one run folder under {@code results/smoke/runs}. */
    static Path onlyRun(Path results) throws IOException {
        try (Stream<Path> s = Files.list(results.resolve("smoke").resolve("runs"))) {
            List<Path> runs = s.toList();
            if (runs.size() != 1) {
                throw new IllegalStateException("expected one run in " + results + ", found " + runs);
            }
            return runs.get(0);
        }
    }

    /** A copy of a run folder as {@code <results>/smoke/runs/<its name>}. */
    static Path copyRun(Path run, Path results) throws IOException {
        Path to = results.resolve("smoke").resolve("runs").resolve(run.getFileName());
        try (Stream<Path> s = Files.walk(run)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(run.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }

    static JsonObject manifest(Path run) {
        try {
            return JsonParser.parseString(Files.readString(run.resolve("manifest.json"))).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites a run's manifest with one field changed (as a kill -9 or an edit leaves it). */
    static void setManifest(Path run, String key, String value) throws IOException {
        JsonObject m = manifest(run);
        m.addProperty(key, value);
        Files.writeString(run.resolve("manifest.json"), new GsonBuilder().setPrettyPrinting().create().toJson(m));
    }

    /** A finished run turned into what kill -9 during its last epoch's evaluation leaves: status "running". */
    static Path killedRun(Path results) throws IOException {
        Path run = copyRun(finishedNoiseRun(), results);
        JsonObject m = manifest(run);
        m.addProperty("status", "running");
        m.remove("finished");
        m.remove("results");
        Files.writeString(run.resolve("manifest.json"), new GsonBuilder().setPrettyPrinting().create().toJson(m));
        Files.delete(run.resolve("results.json"));
        return run;
    }
}
