package org.itkm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleProgressNotebookTest {
    @Test
    void notebookStyleRedrawsOneLineWithCarriageReturnsAndNoEscapes() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (ConsoleProgress p = new ConsoleProgress("train", 3, out, ConsoleProgress.Style.NOTEBOOK)) {
            p.status("a much longer status text than later");
            p.step(1);
            Thread.sleep(550);
            p.status("short");
            p.step(1);
            Thread.sleep(550);
            p.step(1);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("\u001b"), "no terminal escapes in a notebook: " + text);
        assertEquals(1, text.chars().filter(c -> c == '\n').count(), "one line, ended once at close: " + text);
        assertTrue(text.endsWith("\n"));
        String[] draws = text.substring(1, text.length() - 1).split("\r");
        assertTrue(draws.length >= 2, "redrawn in place: " + text);
        // a shorter redraw is padded so nothing of the longer one stays visible after the carriage return
        for (int i = 1; i < draws.length; i++) {
            assertTrue(draws[i].length() >= draws[i - 1].length(), "draw " + i + " shorter than the previous one");
        }
        assertTrue(draws[draws.length - 1].contains("3/3"), text);
    }

    @Test
    void plainStyleStillWritesWholeLines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (ConsoleProgress p = new ConsoleProgress("eval", 2, out, ConsoleProgress.Style.PLAIN)) {
            p.step(2);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"), text);
        assertTrue(text.contains("2/2"), text);
    }
}
