package org.itkm.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Lab 01: the check passes a right {@link QueryEvaluation} and names each typical mistake. */
class EvaluationCheckTest {
    enum Mistake { NONE, NO_JUNK_REMOVAL, AP_OVER_GALLERY, FIRST_MATCH_CMC, UNSTABLE_TIES }

    /** A student's implementation, right or with one mistake. */
    static QueryEvaluation student(Mistake mistake) {
        return (sim, pid, cam, gallery) -> {
            Integer[] order = IntStream.range(0, sim.length).boxed().toArray(Integer[]::new);
            Comparator<Integer> bySim = (a, b) -> Double.compare(sim[b], sim[a]);
            Arrays.sort(order, mistake == Mistake.UNSTABLE_TIES ? bySim.thenComparing(Comparator.reverseOrder()) : bySim);
            int rank = 0;
            int found = 0;
            double sumPrecision = 0;
            int lastRank = 0;
            int cmc = 0;
            int identities = 0;
            Set<Integer> seen = new HashSet<>();
            int total = 0;
            for (int j : order) {
                boolean junk = cam == 3 && gallery.camids()[j] == 2;
                if (junk && mistake != Mistake.NO_JUNK_REMOVAL) {
                    continue;
                }
                rank++;
                total++;
                int p = gallery.pids()[j];
                if (seen.add(p)) {
                    identities++;
                }
                if (p == pid) {
                    found++;
                    sumPrecision += found / (double) rank;
                    lastRank = rank;
                    if (cmc == 0) {
                        cmc = mistake == Mistake.FIRST_MATCH_CMC ? rank : identities;
                    }
                }
            }
            if (found == 0) {
                return null;
            }
            double ap = sumPrecision / (mistake == Mistake.AP_OVER_GALLERY ? total : found);
            return new QueryScore(cmc, ap, found / (double) lastRank);
        };
    }

    @Test
    void rightImplementationPasses() {
        CheckResult r = EvaluationCheck.run(student(Mistake.NONE));
        assertTrue(r.passed(), r.report());
    }

    @Test
    void eachMistakeFailsWithItsHint() {
        assertFails(Mistake.NO_JUNK_REMOVAL, "without junk removal");
        assertFails(Mistake.AP_OVER_GALLERY, "divide by R");
        assertFails(Mistake.FIRST_MATCH_CMC, "counts each identity once");
        assertFails(Mistake.UNSTABLE_TIES, "lower gallery index");
    }

    private static void assertFails(Mistake m, String hint) {
        CheckResult r = EvaluationCheck.run(student(m));
        CheckAssertions.failsWithHint(r, hint);
        assertTrue(r.report().startsWith("CHECK lab01 QueryEvaluation: FAIL"), r.report());
    }

    @Test
    void unimplementedAndThrowingCodeGiveOneLine() {
        CheckResult gap = EvaluationCheck.run((s, p, c, g) -> {
            throw new NotImplementedYet();
        });
        assertTrue(gap.notImplemented());
        assertTrue(gap.report().contains("not implemented yet"), gap.report());
        assertTrue(gap.report().lines().count() == 1, gap.report());
        CheckResult thrown = EvaluationCheck.run((s, p, c, g) -> new QueryScore(1, s[g.size()], 1));
        assertFalse(thrown.passed());
        assertTrue(thrown.report().contains("ArrayIndexOutOfBoundsException"), thrown.report());
        assertFalse(thrown.report().contains("\tat "), "no stack trace: " + thrown.report());
    }

}
