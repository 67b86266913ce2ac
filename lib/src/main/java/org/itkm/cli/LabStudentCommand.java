package org.itkm.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.itkm.lab.StudentForm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code itkm lab student --out DIR}: the student form of every lab notebook. */
@Command(name = "student", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes the student form of every lab notebook: each region between // BEGIN SOLUTION and",
            "// END SOLUTION becomes a TODO and 'throw new NotImplementedYet();', outputs are dropped.",
            "The solution notebooks in notebooks/labs/ are the only copy kept."})
final class LabStudentCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the student notebooks")
    Path out;

    @Option(names = "--labs", paramLabel = "DIR", defaultValue = "notebooks/labs",
            description = "Folder of the solution notebooks (${DEFAULT-VALUE})")
    Path labs;

    @Override
    public Integer call() throws Exception {
        for (Path p : StudentForm.write(labs, out)) {
            spec.commandLine().getOut().println(p);
        }
        return 0;
    }
}
