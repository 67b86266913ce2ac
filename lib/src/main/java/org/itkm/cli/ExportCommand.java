package org.itkm.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.itkm.export.ExportCard;
import org.itkm.export.RunExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code itkm export}: a trained run's image encoder as a standard CLIP checkpoint (docs/export.md). */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a run's trained image encoder as a standard CLIP checkpoint",
            "that itkm embed (and other CLIP readers) load, with a card.json",
            "(run, data, config, metrics). One branch's patch embedding and one",
            "scenario's embedding are folded into the standard tensors",
            "(docs/export.md); the text encoder is the run's frozen one."},
        footer = {"", "Example:", "  ./itkm export results/quick/runs/RUN --out export/RUN-A \\",
            "      --scenario VI --branch A",
            "  ./itkm embed --checkpoint export/RUN-A --images DIR --out f.npy"})
final class ExportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder (results/<profile>/runs/<id>)"
            + " with its checkpoints")
    Path runDir;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder to create (or an earlier export's, with --replace)")
    Path out;

    @Option(names = "--format", defaultValue = "hf",
            description = "hf (config.json + model.safetensors) or openai (model.pt); default ${DEFAULT-VALUE}")
    String format;

    @Option(names = "--scenario", paramLabel = "VI|CC|CR",
            description = "Scenario embedding row to fold in; default: the run's one scenario (mode S), none"
                    + " for a run without scenario embedding")
    String scenario;

    @Option(names = "--branch", paramLabel = "A|B",
            description = "Patch embedding to export (the group whose images it encodes); default A")
    String branch;

    @Option(names = "--replace", description = "Replace DIR if it holds an earlier export")
    boolean replace;

    @Override
    public Integer call() throws Exception {
        RunExport.Written w = RunExport.write(runDir, out, org.itkm.export.StandardCheckpoint.Format.parse(format), scenario, branch, replace);
        var o = spec.commandLine().getOut();
        o.printf("exported %s (branch %s, scenario %s) from %s%n", w.checkpoint(), w.branch() == 0 ? "A" : "B",
                w.scenario() == null ? "none" : w.scenario(), w.source());
        w.notes().forEach(n -> o.println("note: " + n));
        o.printf("card: %s%n", out.resolve(ExportCard.FILE));
        o.printf("use: itkm embed --checkpoint %s --images DIR --out F.npy%n", w.checkpoint());
        return 0;
    }
}
