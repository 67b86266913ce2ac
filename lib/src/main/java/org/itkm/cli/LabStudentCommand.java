package org.itkm.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.itkm.io.KitHome;
import org.itkm.lab.StudentForm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code itkm lab student --out DIR}: the student form of every lab notebook. */
@Command(name = "student", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes the student form of every lab notebook: each region between",
            "// BEGIN SOLUTION and // END SOLUTION becomes a TODO and",
            "'throw new NotImplementedYet();', outputs are dropped.",
            "The solution notebooks (the kit's notebooks/labs/, found wherever the",
            "command runs) are the only copy kept: --out is never their folder,",
            "inside it or holding it.",
            "",
            "DIR is the kit's own folder: written whole into a hidden sibling",
            "(.DIR.partial), then moved into place. It must be new or empty, or an",
            "earlier 'lab student' output, replaced only with --replace; never the",
            "current folder, a parent of it, a repository or a folder of your own."},
        footer = {"", "Example:", "  ./itkm lab student --out results/labs-student --replace"})
final class LabStudentCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder to create for the student notebooks: a new one, or an earlier output with --replace")
    Path out;

    @Option(names = "--labs", paramLabel = "DIR", description = {"Folder of the solution notebooks (default: the kit's"
        + " own, " + KitHome.ENV + "/" + KitHome.LABS + ", else notebooks/labs of the checkout this itkm was built in,"
        + " wherever it is run from)"})
    Path labs;

    @Option(names = "--replace", description = "Replace DIR if it holds an earlier 'lab student' output (any other"
            + " non-empty folder is never replaced)")
    boolean replace;

    @Override
    public Integer call() throws Exception {
        Path from = labs != null ? labs : KitHome.labs();
        for (Path p : StudentForm.writeFolder(from, out, replace)) {
            spec.commandLine().getOut().println(p);
        }
        return 0;
    }
}
