package org.itkm.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Count and size options with nonsense values (negative, zero, absurdly large, contradicting each other):
 * each is one line naming the option, the value and the bound, before any work - never a hang, a trace or
 * a silent result. The help of each command states the bounds.
 */
class CountBoundCasesTest extends RobustnessCase {
    Path q;
    Path g;
    Path qCsv;
    Path gCsv;

    @BeforeEach
    void features() throws Exception {
        q = InputFixtures.features(cwd.resolve("q.npy"), 20, 16, 1);
        g = InputFixtures.features(cwd.resolve("g.npy"), 60, 16, 2);
        qCsv = InputFixtures.labels(cwd.resolve("q.csv"), 20, 5, 0, 2);
        gCsv = InputFixtures.labels(cwd.resolve("g.csv"), 60, 5, 0, 4);
        snapshot();
    }

    private Outcome cluster(String... more) {
        List<String> args = new ArrayList<>(List.of("cluster", "--features", q.toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private Outcome evaluate(Path queryCsv, String... more) {
        List<String> args = new ArrayList<>(List.of("evaluate", "--query-features", q.toString(), "--gallery-features",
                g.toString(), "--query-meta", queryCsv.toString(), "--gallery-meta", gCsv.toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "cluster {0}")
    @CsvSource(delimiter = '|', value = {
        "--k1 3 --k2 6 | --k2 6: expected 1 to --k1 (3)",
        "--k1 2000000000 | --k1 2000000000: expected 1 to 1000",
        "--k1 0 | --k1 0: expected 1 to 1000",
        "--eps 0 | expected a number in (0, 1]",
        "--eps 5 | expected a number in (0, 1]",
        "--min-samples -1 | --min-samples -1: expected 1 to 1000",
    })
    void clusterOptionsOutsideTheirBounds(String options, String expected) throws Exception {
        assertBadInput(cluster(options.split(" ")), expected);
        assertNothingChangedExcept();
    }

    @Test
    void clusteringNoRowsIsAnError() throws Exception {
        Path empty = InputFixtures.features(cwd.resolve("empty.npy"), 0, 16, 3);
        snapshot();
        assertBadInput(run("cluster", "--features", empty.toString()), empty.toString(), "0 feature rows");
        assertNothingChangedExcept();
    }

    @ParameterizedTest(name = "evaluate {0}")
    @CsvSource(delimiter = '|', value = {
        "--protocol sysu-all --trials 2000000000 | --trials 2000000000: expected 0 to 1000",
        "--protocol mlr --trials 2000000000 | --trials 2000000000: expected 0 to 1000",
        "--protocol sysu-indoor --trials -1 | --trials -1: expected 0 to 1000",
    })
    void evaluateTrialsAreBounded(String options, String expected) throws Exception {
        assertBadInput(evaluate(qCsv, options.split(" ")), expected);
        assertNothingChangedExcept();
    }

    @Test
    void anEvaluationWithoutOneValidQueryIsAnErrorNotATableOfNaN() throws Exception {
        Path strangers = InputFixtures.labels(cwd.resolve("strangers.csv"), 20, 5, 100, 2);
        snapshot();
        Outcome o = evaluate(strangers, "--protocol", "standard");
        assertBadInput(o, "no query of " + strangers, "valid match", "all 20 skipped");
        assertTrue(!o.out().contains("NaN"), o.toString());
        assertNothingChangedExcept();
    }

    @Test
    void evaluateShowsProgress() throws Exception {
        Outcome o = evaluate(qCsv, "--protocol", "sysu-all", "--trials", "3");
        assertSucceeded(o);
        assertTrue(o.err().contains("evaluate sysu-all [") && o.err().contains(" 60/60 "), o.toString());
        assertNothingChangedExcept();
    }

    @ParameterizedTest(name = "bench {0}")
    @CsvSource(delimiter = '|', value = {
        "data --batch 0 | --batch 0: expected 1 to 4,096 images per batch",
        "data --threads 1,0 | --threads 0: expected 1 to 256",
        "data --batches -3 | --batches -3: expected 1 to 100,000",
        "data --size 9000x64 | --size 9000x64: expected HEIGHTxWIDTH with each side 2 to 2048",
        "evaluate --cases custom --dim -1 --python none | --dim -1: expected 1 to 8,192",
        "evaluate --cases custom --queries 0 --python none | --queries 0: expected 1 to 200,000",
        "evaluate --cases custom --gallery 1000000 --dim 8192 --python none | more than 536870912 float values",
        "evaluate --repeats 0 --python none | --repeats 0: expected 1 to 100",
        "evaluate --cases huge --python none | unknown case 'huge'",
        "cluster --sizes 0 --python none | --sizes 0: expected 2 to 1,000,000",
        "cluster --hungarian 100000 --python none | --hungarian 100000: expected 0 to 10,000",
        "clip --steps -1 --python none | --steps -1: expected 0 to 100,000",
        "clip --rss-steps 2000000000 --python none | --rss-steps 2000000000: expected 0 to 1,000,000",
        "memory --height 7 | --height 7: expected a multiple of the vit-b-16 patch size 16",
        "memory --batches 0 | --batches 0: expected 1 to 1,024",
        "memory --step-batch -1 | --step-batch -1: expected 1 to 100,000",
    })
    void benchCountsOutsideTheirBounds(String options, String expected) throws Exception {
        List<String> args = new ArrayList<>(List.of("bench"));
        args.addAll(List.of(options.split(" ")));
        assertBadInput(run(args.toArray(String[]::new)), expected);
        assertNothingChangedExcept();
    }

    @Test
    void benchPredictNumbersAreCheckedFirst() throws Exception {
        assertBadInput(run("bench", "predict", "--rehearsal", cwd.toString(), "--gpu-tflops", "-1"),
                "--gpu-tflops -1.0: expected a number above 0");
        assertNothingChangedExcept();
    }

    @Test
    void everyBoundIsInTheHelp() {
        String[][] helps = {{"evaluate", "At most 1000"}, {"cluster", "1 to 1000"}, {"embed", "1 to 1024"},
            {"embed-text", "1 to 4096"}, {"bench data", "1 to 4096"}, {"bench evaluate", "1 to 8192"},
            {"bench cluster", "0 (skip) to 10000"}, {"bench clip", "0 to 100000"}, {"bench memory", "1 to 1024"}};
        for (String[] h : helps) {
            List<String> args = new ArrayList<>(List.of(h[0].split(" ")));
            args.add("--help");
            Outcome o = run(args.toArray(String[]::new));
            assertEquals(0, o.exit(), o.toString());
            assertTrue(o.out().replaceAll("\\s+", " ").contains(h[1]), h[0] + " --help should state '" + h[1] + "'; "
                    + o.out());
        }
    }
}
