package org.itkm.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.itkm.data.ColourHistogramRepresentation;
import org.itkm.data.DatasetLocator;
import org.itkm.data.ReidDataset;
import org.itkm.eval.dataset.ColourHistogramBaseline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code itkm data baseline DIR}: the colour-histogram baseline under the paper's protocols. */
@Command(name = "baseline", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Plain colour matching (per-stripe colour histograms, cosine",
            "similarity) on every data set at or under DIR, under the paper's",
            "protocols plus within-modality rows; prints a Markdown table."})
final class DataBaselineCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Data set root or a folder holding several")
    Path dir;

    @Mixin
    DataReadOptions read;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        ColourHistogramRepresentation rep = new ColourHistogramRepresentation();
        out.println("colour-histogram baseline: " + rep.name() + ", cosine similarity");
        out.println(ColourHistogramBaseline.markdownHeader());
        for (DatasetLocator.Located l : DatasetLocator.locate(dir)) {
            ReidDataset d = l.layout().read(l.root(), read.toReadOptions());
            for (ColourHistogramBaseline.Row row : ColourHistogramBaseline.evaluate(d, rep)) {
                out.println(row.markdown());
            }
        }
        return 0;
    }
}
