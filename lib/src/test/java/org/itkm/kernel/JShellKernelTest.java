package org.itkm.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.io.File;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cells evaluated by the kernel without sockets: values, DisplayData, errors, state between cells. */
class JShellKernelTest {
    private static JShellKernel kernel;

    @BeforeAll
    static void start() {
        kernel = new JShellKernel(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
    }

    @AfterAll
    static void stop() {
        kernel.onShutdown(false);
    }

    private static String text(DisplayData d) {
        return String.valueOf(d.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void lastExpressionIsRenderedAsText() throws Exception {
        assertEquals("42", text(kernel.eval("int a = 6;\nint b = 7;\na * b")));
    }

    @Test
    void declarationsShowNothing() throws Exception {
        assertNull(kernel.eval("int five = 5;"));
        assertEquals("5", text(kernel.eval("five")));
    }

    @Test
    void statementsAndMethodsShowNothing() throws Exception {
        assertNull(kernel.eval("void hello() { }"));
        assertNull(kernel.eval("System.out.print(\"\");"), "a void call has no value");
    }

    @Test
    void stateCarriesOverBetweenCells() throws Exception {
        kernel.eval("List<String> names = new ArrayList<>();");
        kernel.eval("names.add(\"sysu\"); names.add(\"ltcc\");");
        assertEquals("2", text(kernel.eval("names.size()")));
    }

    @Test
    void displayDataValueIsShownAsItsMimeBundle() throws Exception {
        DisplayData d = kernel.eval("var d = new io.github.spencerpark.jupyter.kernel.display.DisplayData(\"plain\");\n"
                + "d.putHTML(\"<table><tr><td>1</td></tr></table>\");\nd");
        assertEquals("<table><tr><td>1</td></tr></table>", d.getData(MIMEType.TEXT_HTML));
        assertEquals("plain", text(d));
    }

    @Test
    void renderReturnsDisplayDataUnchanged() throws Exception {
        DisplayData original = new DisplayData("x");
        assertSame(original, kernel.renderValue(original));
        assertEquals("[1, 2]", text(kernel.renderValue(java.util.List.of(1, 2))));
    }

    @Test
    void compileErrorIsOneClearLineWithTheSource() {
        CellError e = assertThrows(CellError.class, () -> kernel.eval("int x = 1;\nString s = undefinedThing;"));
        assertTrue(e.getMessage().startsWith("compilation error: cannot find symbol"), e.getMessage());
        assertTrue(String.join("\n", e.traceback()).contains("String s = undefinedThing;"), e.traceback().toString());
    }

    @Test
    void exceptionNamesItsClassAndMessageAndStopsTheCell() throws Exception {
        kernel.eval("int counter = 0;");
        CellError e = assertThrows(CellError.class,
                () -> kernel.eval("counter++;\nif (true) throw new IllegalStateException(\"boom\");\ncounter++;"));
        assertEquals("java.lang.IllegalStateException: boom", e.getMessage());
        assertEquals("1", text(kernel.eval("counter")), "the snippet after the failing one did not run");
    }

    @Test
    void multiLineSwitchExpressionDoesNotSwallowLaterStatements() throws Exception {
        // rapaio 3.0.1 silently skipped the statements after such a switch
        DisplayData d = kernel.eval("String p = \"quick\";\nint steps = switch (p) {\n  case \"smoke\" -> 1;\n"
                + "  default -> 80;\n};\nint doubled = steps * 2;\ndoubled");
        assertEquals("160", text(d));
    }

    @Test
    void incompleteCellIsAnError() {
        CellError e = assertThrows(CellError.class, () -> kernel.eval("for (int i = 0; i < 3; i++) {"));
        assertTrue(e.getMessage().contains("incomplete"), e.getMessage());
    }

    @Test
    void isCompleteTellsTheFrontendWhenToWaitForMoreLines() throws Exception {
        kernel.eval("1"); // JShell is started by the first cell
        assertEquals("complete", kernel.isComplete("int q = 1;"));
        assertEquals("    ", kernel.isComplete("for (int i = 0; i < 3; i++) {"));
    }

    @Test
    void completionSuggestsMembers() throws Exception {
        String code = "\"abc\".toUpper";
        var options = kernel.complete(code, code.length());
        assertTrue(options.getReplacements().stream().anyMatch(s -> s.startsWith("toUpperCase")), options.getReplacements().toString());
    }
}
