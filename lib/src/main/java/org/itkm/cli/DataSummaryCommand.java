package org.itkm.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.itkm.data.ColourHistogramRepresentation;
import org.itkm.data.DatasetFingerprint;
import org.itkm.data.DatasetLocator;
import org.itkm.data.DatasetSummary;
import org.itkm.data.EvaluationSplit;
import org.itkm.data.GroupDivision;
import org.itkm.data.ReidDataset;
import org.itkm.data.ValidationSplit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code itkm data summary DIR}: ids, images and cameras per split of every data set under DIR. */
@Command(name = "summary", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ids, images and cameras per split of every data set at or directly",
            "under DIR (SYSU-MM01, LTCC_ReID, Market-style / MLR-CUHK03; a SynthUMS",
            "folder holds all three), the homogeneous group division (A/B images",
            "per split) and a fingerprint of the files; --split val shows the",
            "training, query and gallery of a run with eval.split=val."})
final class DataSummaryCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Data set root or a folder holding several")
    Path dir;

    @Mixin
    DataReadOptions read;

    @Option(names = "--no-groups", negatable = false,
            description = "Skip the group division (it decodes the LTCC images for k-means)")
    boolean noGroups;

    @Option(names = "--seed", defaultValue = "0", description = "k-means seed of the CC group division (${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--split", defaultValue = "test", paramLabel = "test|val", description = "The splits a run with"
            + " eval.split=SPLIT reads: test (as distributed), or val (validation identities out of training, as"
            + " query and gallery) (${DEFAULT-VALUE})")
    String split;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        EvaluationSplit evaluation = EvaluationSplit.fromId(split);
        for (DatasetLocator.Located l : DatasetLocator.locate(dir)) {
            ReidDataset d = evaluation.apply(l.layout().read(l.root(), read.toReadOptions()));
            if (!noGroups) {
                d = GroupDivision.divide(d, new ColourHistogramRepresentation(), seed);
            }
            out.print(DatasetSummary.of(d).format(!noGroups));
            if (evaluation == EvaluationSplit.VAL) {
                out.println("  validation split: " + ValidationSplit.rule(d.scenario()));
            }
            out.println("  fingerprint: " + DatasetFingerprint.of(d));
            if (d.division() != null) {
                out.println("  group division: " + d.division().toJson());
            }
            out.println();
        }
        return 0;
    }
}
