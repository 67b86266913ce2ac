package org.itkm.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Command tests run the CLI in-process, in a temporary folder, and look at what it printed. */
abstract class CommandTestBase {
    @TempDir
    Path dir;
    /** Standard output and error of the last {@link #run}. */
    String out;
    String err;

    int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = ItkmCli.execute(args, new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        return code;
    }
}
