package org.itkm.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.itkm.io.OutputFolder;
import org.itkm.synth.SynthPreset;
import org.itkm.synth.SynthUmsGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code itkm synth}: writes the SynthUMS data set. */
@Command(name = "synth", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate SynthUMS, the kit's multi-scenario ReID data set, in the",
            "layouts of the real sets: OUT/SYSU-MM01 (VI), OUT/LTCC_ReID (CC),",
            "OUT/MLR-CUHK03 (CR), each with attributes.csv; OUT/captions (images +",
            "captions.tsv, a caption corpus of other identities); OUT/synthums.json.",
            "Preset corpus writes OUT/captions alone: the shipped pocket CLIP's own",
            "corpus (itkm make-pocket-clip draws it with a seed reserved for it).",
            "The same preset and seed always give byte-identical files.",
            "",
            "OUT is the kit's own folder: it is written whole into a hidden sibling",
            "(.OUT.partial) and moved into place at the end, so an interrupted run",
            "never leaves half a data set under OUT (the next run removes what it left).",
            "OUT must be new or empty, or hold an earlier synth output (marked with",
            ".itkm-output, or a synthums.json from an older kit), which is replaced",
            "only with --replace. Never the current folder, a parent of it, a",
            "repository or a folder of your own."},
        footer = {"", "SynthUMS is also made when absent by reproduce, rehearse and train, at the",
            "profile's data.synthRoot: data/synthums-quick (quick), data/synthums-tiny",
            "(smoke), data/synthums-paper-size (rehearsal).",
            "", "Examples:", "  ./itkm synth --preset quick --out data/synthums-quick",
            "  ./itkm synth --preset tiny --out data/synthums-tiny --replace"})
final class SynthCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--preset", defaultValue = "quick", description = "tiny (tests: 164 images, 1 s), quick"
            + " (the main command: 9,310, 10 s) or full (29,698, 20 s), all 128x64; paper-size: the real SYSU-MM01,"
            + " LTCC and MLR-CUHK03 identity, camera and image counts, 80,696 images at 256x128 (2.5 min on 2"
            + " cores, 2.9 GB); corpus: a caption corpus alone, 2,000 identities x 6 = 12,000 captioned images at"
            + " 128x64, no ReID sets (20 s). Default: ${DEFAULT-VALUE}")
    String preset;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "Folder to create: a new one, or"
            + " an earlier synth output with --replace")
    Path out;

    @Option(names = "--seed", defaultValue = "1",
            description = "Random seed (${DEFAULT-VALUE}: data.synthSeed's default, so the data `reproduce` generates)")
    long seed;

    @Option(names = "--replace", description = "Replace OUT if it holds an earlier synth output"
            + " (any other non-empty folder is never replaced)")
    boolean replace;

    @Option(names = "--no-progress", negatable = false, description = "No progress display on stderr")
    boolean noProgress;

    @Override
    public Integer call() {
        SynthPreset p = SynthPreset.fromId(preset);
        OutputFolder.check(SynthUmsGenerator.COMMAND, out, replace, "--out", List.of(), SynthUmsGenerator.MANIFEST);
        var out2 = spec.commandLine().getOut();
        out2.printf(Locale.ROOT, "SynthUMS preset %s, seed %d, %d images of %dx%d (HxW) -> %s%n", p.id(), seed,
                p.sizes().totalImages(), p.imageSize().height(), p.imageSize().width(), out);
        SynthUmsGenerator.Result r = new SynthUmsGenerator(p, seed).generate(out, replace, !noProgress);
        out2.print(r.format());
        out2.printf(Locale.ROOT, "done in %.1f s; next: itkm data summary %s%n", r.seconds(), out);
        return 0;
    }
}
