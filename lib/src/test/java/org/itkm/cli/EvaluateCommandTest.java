package org.itkm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.itkm.eval.ImageLabels;
import org.itkm.io.FloatMatrix;
import org.itkm.io.NpyFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code evaluate} command-line contract: options, JSON last line, exit codes, messages. */
class EvaluateCommandTest extends CommandTestBase {

    @BeforeEach
    void data() throws IOException {
        NpyFile.write(dir.resolve("q.npy"), new FloatMatrix(2, 2, new float[] {1, 0, 0, 1}));
        NpyFile.write(dir.resolve("g.npy"), new FloatMatrix(3, 2, new float[] {0.9f, 0.1f, 0.1f, 0.9f, 1, 1}));
        new ImageLabels(new int[] {1, 2}, new int[] {1, 1}, new int[] {0, 0}).writeCsv(dir.resolve("q.csv"));
        new ImageLabels(new int[] {1, 2, 3}, new int[] {2, 2, 2}, new int[] {1, 1, 0}).writeCsv(dir.resolve("g.csv"));
    }

    private String[] args(String protocol, String... extra) {
        String[] base = {"evaluate", "--query-features", dir.resolve("q.npy").toString(), "--gallery-features",
            dir.resolve("g.npy").toString(), "--query-meta", dir.resolve("q.csv").toString(), "--gallery-meta",
            dir.resolve("g.csv").toString(), "--protocol", protocol};
        String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void jsonIsTheLastStdoutLine() {
        assertEquals(0, run(args("ltcc-cc", "--json")));
        String[] lines = out.strip().split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.startsWith("{\"rank1\": 100.000000, \"rank5\": 100.000000, \"rank10\": 100.000000,"
                + " \"rank20\": 100.000000, \"mAP\": 100.000000, \"mINP\": 100.000000, \"queries\": 2"), last);
    }

    @Test
    void tableWithoutJson() {
        assertEquals(0, run(args("standard")));
        assertTrue(out.contains("Rank-1") && out.contains("100.00"), out);
    }

    @Test
    void userErrorsExitWithCodeTwoAndNoStackTrace() throws IOException {
        assertEquals(2, run(args("nonsense")));
        assertTrue(err.contains("unknown protocol 'nonsense'"), err);
        Files.writeString(dir.resolve("g.csv"), "pid,camid\n1,2\n2,2\n3,2\n");
        assertEquals(2, run(args("ltcc-cc")));
        assertTrue(err.contains("g.csv: protocol ltcc-cc needs a clothes id"), err);
        Files.writeString(dir.resolve("g.csv"), "pid,camid\n1,2\n");
        assertEquals(2, run(args("standard")));
        assertTrue(err.contains("g.npy has 3 feature rows but"), err);
        Files.delete(dir.resolve("q.npy"));
        assertEquals(2, run(args("standard")));
        assertTrue(err.contains("q.npy: file not found"), err);
        assertFalse(err.contains("\tat "), err);
        assertEquals(2, run("evaluate", "--protocol", "standard"));
        assertTrue(err.contains("Missing required options"), err);
    }

    @Test
    void helpExplainsEveryOption() {
        assertEquals(0, run("evaluate", "--help"));
        for (String opt : new String[] {"--query-features", "--gallery-features", "--query-meta", "--gallery-meta",
            "--protocol", "--trials", "--seed", "--json", "sysu-indoor", "ltcc-cc", "mlr", "sysu-visible",
            "sysu-infrared", "ltcc-same-clothes", "same file as query and gallery"}) {
            assertTrue(out.contains(opt), opt);
        }
    }

    @Test
    void withinModalityProtocolsTakeOneFileTwiceAndNeverMatchAQueryWithItself() throws IOException {
        // p1 in cameras 1 and 2, p2 once: each p1 image finds the other behind p2's image; p2 is skipped
        NpyFile.write(dir.resolve("v.npy"), new FloatMatrix(3, 2, new float[] {1, 0, 0.8f, 0.6f, 0.9f, 0.1f}));
        new ImageLabels(new int[] {1, 1, 2}, new int[] {1, 2, 1}, null).writeCsv(dir.resolve("v.csv"));
        String v = dir.resolve("v.npy").toString();
        String meta = dir.resolve("v.csv").toString();
        assertEquals(0, run("evaluate", "--query-features", v, "--gallery-features", v, "--query-meta", meta,
                "--gallery-meta", meta, "--protocol", "sysu-visible", "--json"));
        String[] lines = out.strip().split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.startsWith("{\"rank1\": 0.000000, \"rank5\": 100.000000"), last);
        assertTrue(last.contains("\"mAP\": 50.000000") && last.contains("\"queries\": 2, \"skipped\": 1")
                && last.contains("\"protocol\": \"sysu-visible\", \"trials\": 0"), last);
    }

    @Test
    void ltccSameClothesSaysWhichMatchesItLookedFor() {
        // every query person appears in the gallery only in other clothes
        assertEquals(2, run(args("ltcc-same-clothes")));
        assertTrue(err.contains("under protocol ltcc-same-clothes (all 2 skipped)")
                && err.contains("under another camera in the same clothes"), err);
    }
}
