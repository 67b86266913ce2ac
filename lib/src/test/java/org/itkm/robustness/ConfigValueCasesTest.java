package org.itkm.robustness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bad configuration value is one line naming the full key (not its section), the value and what is
 * allowed, exit 2, before any data are read or any folder is made (the results root stays absent).
 */
class ConfigValueCasesTest extends RobustnessCase {
    /** {@code itkm train --profile smoke} with the fixtures' data and CLIP and the given arguments. */
    private Outcome train(Path results, String args) throws Exception {
        List<String> a = new ArrayList<>(Arrays.asList(args.trim().split("\\s+")));
        return run(RunFixtures.train(results, a));
    }

    @ParameterizedTest(name = "train {0}")
    @CsvSource(delimiter = '|', value = {
        "stage1.epochs=0                   | config key 'stage1.epochs' = '0': expected an integer >= 1",
        "stage3.epochs=-2                  | config key 'stage3.epochs' = '-2': expected an integer >= 0",
        "data.width=7                      | config key 'data.width' = '7': expected a multiple of 8, the patch size",
        "data.height=36                    | config key 'data.height' = '36': expected a multiple of 8, the patch size",
        "data.width=-32                    | config key 'data.width' = '-32': expected an integer >= 1",
        "sampler.instancesPerIdentity=-1   | config key 'sampler.instancesPerIdentity' = '-1': expected an integer >= 1",
        "cluster.minSamples=0              | config key 'cluster.minSamples' = '0': expected an integer >= 1",
        "eval.sysuTrials=-1                | config key 'eval.sysuTrials' = '-1': expected an integer >= 0",
        "loss.chmKeepProbability=1.5       | config key 'loss.chmKeepProbability' = '1.5': expected a number in [0, 1]",
        "augment.greyscale=-0.1            | config key 'augment.greyscale' = '-0.1': expected a number in [0, 1]",
        "loss.memoryMomentum=1             | config key 'loss.memoryMomentum' = '1.0': expected a number in [0, 1)",
        "cluster.k2=20                     | config key 'cluster.k2' = '20': expected an integer in [1, cluster.k1] (cluster.k1 = 10",
        "cluster.eps=.nan                  | config key 'cluster.eps' = 'NaN': expected a finite number",
        "stage2.lr=fast                    | config key 'stage2.lr' = 'fast': expected a number",
        "data.synthSeed=1.5                | config key 'data.synthSeed' = '1.5': expected an integer",
        "data.synthSeed=1000001            | config key 'data.synthSeed' = '1000001': expected another seed: 1000001 is reserved",
        "pretrain.epochs=3                 | config key 'pretrain.epochs' is no longer a setting",
        "training.variant=M9               | config key 'training.variant' = 'M9': expected one of M1, M2, M3, M4, M5, M6, M7",
        "--method pgm                      | --method pgm: expected one of itkm, cluster-contrast",
        "--mode X                          | --mode X: expected one of S, M",
        "--mode S                          | --mode S: expected --scenario VI, CC or CR with it",
        "training.method=pgm               | config key 'training.method' = 'pgm': expected one of itkm, cluster-contrast",
        "training.mode=S                   | config key 'training.scenario' = 'null': expected VI, CC or CR",
        "data.source=cloud                 | config key 'data.source' = 'cloud': expected one of synth, real",
        "data.synthPreset=huge             | config key 'data.synthPreset' = 'huge': expected one of tiny, quick",
        "data.synthSeed=7                  | data.synthSeed=7 (the folder's: 1)",
        "data.synthPreset=quick            | data.synthPreset=quick (the folder's: tiny)",
    })
    void trainRefusesTheValueNamingItsKeyOrTheOptionTyped(String args, String expected) throws Exception {
        Path results = cwd.resolve("results");
        Outcome o = train(results, args);
        assertBadInput(o, expected);
        assertNothingChangedExcept(); // not even the results root
    }

    @ParameterizedTest(name = "reproduce {0}")
    @CsvSource(delimiter = '|', value = {
        "stage1.epochs=0  | config key 'stage1.epochs' = '0': expected an integer >= 1",
        "data.width=12    | config key 'data.width' = '12': expected a multiple of 8, the patch size of the pocket CLIP",
    })
    void reproduceRefusesTheValueBeforeGeneratingAnything(String override, String expected) throws Exception {
        Path results = cwd.resolve("results");
        Outcome o = run("reproduce", "--profile", "smoke", "--results", results.toString(),
                "data.synthRoot=" + cwd.resolve("synth"), override);
        assertBadInput(o, expected);
        assertNothingChangedExcept(); // no SynthUMS generated
    }

    @org.junit.jupiter.api.Test
    void thePocketClipsPatchIsCheckedBeforeAskingForThePocketClip() throws Exception {
        Path results = cwd.resolve("results"); // the size is the first thing wrong, before the artifact is read
        Outcome o = run("train", "--profile", "smoke", "--results", results.toString(), "data.synthRoot="
                + cwd.resolve("synth"), "data.width=7");
        assertBadInput(o, "config key 'data.width' = '7': expected a multiple of 8, the patch size of the pocket CLIP");
        assertNothingChangedExcept();
    }
}
