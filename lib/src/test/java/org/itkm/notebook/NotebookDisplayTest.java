package org.itkm.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.itkm.eval.RankingMetrics;
import org.itkm.report.PaperTable;
import org.itkm.report.ResultTable;
import org.itkm.report.plotly.InteractiveFigure;
import org.junit.jupiter.api.Test;

class NotebookDisplayTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    private static InteractiveFigure threeLines() {
        Map<String, double[][]> series = new LinkedHashMap<>();
        series.put("loss", new double[][] {{1, 2, 3}, {3.0, 2.0, 1.5}});
        series.put("VI-A", new double[][] {{1, 2, 3}, {0.1, 0.2, 0.3}});
        series.put("it's \"quoted\" </script>", new double[][] {{1, 2}, {1, 1}});
        return InteractiveFigure.lines("Stage I", "epoch", "value", series);
    }

    @Test
    void paperTableIsAnHtmlTableWithMarkdownAndPlainForms() {
        RankingMetrics m = new RankingMetrics(61.25, 80, 90, 95, 55.5, 30, 100, 0);
        PaperTable t = PaperTable.table2("Table 2 (smoke)", List.of(PaperTable.measured("M1", "kit, a, b",
                Map.of("sysu_all", m))));
        DisplayData d = NotebookDisplay.table(t);
        String html = (String) d.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<table"), html);
        assertTrue(html.contains("<caption"), html);
        assertTrue(html.contains("<td style=\"text-align:left\">kit, a, b</td>"), html);
        assertTrue(html.contains("<td style=\"text-align:right\">61.3</td>"), html);
        assertEquals(t.toMarkdown(), d.getData(MIMEType.TEXT_MARKDOWN));
        assertEquals(t.toMarkdown(), d.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void resultTableCellsAreEscapedInHtml() {
        ResultTable t = new ResultTable("name", "value").addRow("<b>&", "1.5");
        String html = (String) NotebookDisplay.table(t).getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<td style=\"text-align:left\">&lt;b&gt;&amp;</td>"), html);
        assertTrue(html.contains("<td style=\"text-align:right\">1.5</td>"), html);
    }

    @Test
    void figureBundleHasPlotlyHtmlWithOneTracePerSeriesAndThePngBeside() {
        InteractiveFigure f = threeLines();
        assertEquals(3, f.traceCount());
        DisplayData d = NotebookDisplay.figure(f);
        String html = (String) d.getData(MIMEType.TEXT_HTML);
        Matcher traces = Pattern.compile("var trace\\d+ =").matcher(html);
        int n = 0;
        while (traces.find()) {
            n++;
        }
        assertEquals(3, n, html);
        assertTrue(html.contains("data-traces=\"3\""), html);
        assertTrue(html.contains("Plotly.newPlot("), html);
        // plotly.js comes from the kit through the notebook server, never from a CDN
        assertTrue(html.contains("'vendor/plotly/plotly.min.js'"), html);
        assertFalse(html.contains("cdn.plot.ly"), html);
        assertFalse(html.contains("https://"), html);
        // a series name cannot end the script element or the JavaScript string it sits in
        assertEquals(1, html.split("</script>", -1).length - 1, "one closing script tag");
        // the static PNG: inside the div (pages that run no scripts) and as the bundle's image/png
        byte[] png = Base64.getDecoder().decode((String) d.getData(MIMEType.IMAGE_PNG));
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 4));
        assertTrue(html.contains("src=\"data:image/png;base64," + d.getData(MIMEType.IMAGE_PNG) + "\""));
        assertTrue(((String) d.getData(MIMEType.TEXT_PLAIN)).startsWith("Stage I (3 traces"));
    }

    @Test
    void everyFigureGetsItsOwnElementId() {
        InteractiveFigure f = threeLines();
        String a = (String) NotebookDisplay.figure(f).getData(MIMEType.TEXT_HTML);
        String b = (String) NotebookDisplay.figure(f).getData(MIMEType.TEXT_HTML);
        Pattern id = Pattern.compile("<div id=\"([^\"]+)\"");
        Matcher ma = id.matcher(a);
        Matcher mb = id.matcher(b);
        assertTrue(ma.find() && mb.find());
        assertFalse(ma.group(1).equals(mb.group(1)));
        // tablesaw-jsplot declares "var target_<id>": the id must be a JavaScript identifier's tail
        assertTrue(ma.group(1).matches("[A-Za-z_][A-Za-z0-9_]*"), ma.group(1));
        assertTrue(a.contains("var target_" + ma.group(1) + " = document.getElementById('" + ma.group(1) + "')"), a);
    }
}
