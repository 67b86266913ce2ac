package org.itkm.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** Placeholder replaced below. */
@Command(name = "baseline", hidden = true)
final class DataBaselineCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    Path dir;

    @Override
    public Integer call() {
        return 0;
    }
}
