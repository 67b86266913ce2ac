package org.itkm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.itkm.io.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Every failure is one line: bad input and refused files exit 2, a bug exits 1 with its trace in a file. */
class FailureReportTest {
    private String err;

    private int report(Throwable t) {
        StringWriter w = new StringWriter();
        int code = FailureReport.report(t, "train", new PrintWriter(w, true));
        err = w.toString();
        return code;
    }

    @Test
    void badInputDeepInTheCauseChainIsItsMessageAlone() {
        int code = report(new RuntimeException("wrapper", new IllegalStateException("middle",
                new InvalidInputException("stage1.epochs=0: expected a whole number >= 1"))));
        assertEquals(2, code);
        assertEquals(List.of("error: stage1.epochs=0: expected a whole number >= 1"), err.lines().toList());
    }

    @Test
    void refusedFilesNameThePathAndTheReason() {
        assertEquals(2, report(new UncheckedIOException(new AccessDeniedException("/data/SYSU-MM01/cam3"))));
        assertEquals(List.of("error: /data/SYSU-MM01/cam3: permission denied"), err.lines().toList());
        assertEquals(2, report(new IOException("reading", new NoSuchFileException("/x/config.json"))));
        assertEquals(List.of("error: /x/config.json: no such file or folder"), err.lines().toList());
    }

    @Test
    void aBugIsOneLineAndItsTraceIsInAFile() throws IOException {
        NullPointerException bug = new NullPointerException("this.handlers is null");
        assertEquals(1, report(new RuntimeException(bug)));
        List<String> lines = err.lines().toList();
        assertEquals(1, lines.size(), err);
        assertTrue(lines.get(0).startsWith("error: internal error in itkm train (RuntimeException: "), err);
        Matcher m = Pattern.compile("the full trace is in (\\S+);").matcher(err);
        assertTrue(m.find(), err);
        Path trace = Path.of(m.group(1));
        try {
            String text = Files.readString(trace);
            assertTrue(text.contains("java.lang.NullPointerException: this.handlers is null"), text);
            assertTrue(text.contains("\tat org.itkm.cli.FailureReportTest"), text);
        } finally {
            Files.deleteIfExists(trace);
        }
    }

    @Test
    void usageErrorsAreOneLineWithTheCommandsHelp() {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        assertEquals(2, ItkmCli.execute(new String[] {"train", "--bogus"}, new PrintWriter(o, true),
                new PrintWriter(e, true)));
        assertEquals(List.of("error: Unknown option: '--bogus' (see itkm train --help)"), e.toString().lines().toList());
    }

    @Test
    void verbosePrintsTheTraceBeforeTheLine() throws IOException {
        StringWriter w = new StringWriter();
        assertEquals(1, FailureReport.report(new RuntimeException(new NullPointerException("x is null")), "train",
                new PrintWriter(w, true), true));
        List<String> lines = w.toString().lines().toList();
        assertTrue(lines.size() > 3, w.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("\tat org.itkm.cli.FailureReportTest")), w.toString());
        assertTrue(lines.get(lines.size() - 1).startsWith("error: internal error in itkm train"), w.toString());
        Matcher m = Pattern.compile("the full trace is in (\\S+);").matcher(lines.get(lines.size() - 1));
        assertTrue(m.find(), w.toString());
        Files.deleteIfExists(Path.of(m.group(1)));
        // without --verbose the one line says how to see the trace
        assertEquals(1, report(new RuntimeException("bug")));
        assertTrue(err.contains("; --verbose prints it;"), err);
        m = Pattern.compile("the full trace is in (\\S+);").matcher(err);
        assertTrue(m.find(), err);
        Files.deleteIfExists(Path.of(m.group(1)));
    }
}
