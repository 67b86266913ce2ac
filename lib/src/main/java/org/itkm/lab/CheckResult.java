package org.itkm.lab;

import java.util.List;

/**
 * The outcome of one lab check: a verdict per case and the overall verdict, as printed in the notebook
 * (one {@code CHECK <name>: ...} line, then a line per case that did not pass) and for tests and the
 * notebook runner to assert on.
 */
public record CheckResult(String name, List<Case> cases) {

    /** What became of one case. */
    public enum Verdict { PASS, FAIL, ERROR, NOT_IMPLEMENTED }

    /** One fixture or random case: its name, verdict and, unless it passed, what differs. */
    public record Case(String name, Verdict verdict, String message) {}

    public CheckResult {
        cases = List.copyOf(cases);
    }

    /** Whether every case passed. */
    public boolean passed() {
        return !cases.isEmpty() && cases.stream().allMatch(c -> c.verdict() == Verdict.PASS);
    }

    /** Whether the student's code still throws {@link NotImplementedYet}. */
    public boolean notImplemented() {
        return cases.stream().anyMatch(c -> c.verdict() == Verdict.NOT_IMPLEMENTED);
    }

    /** The cases that did not pass. */
    public List<Case> failures() {
        return cases.stream().filter(c -> c.verdict() != Verdict.PASS).toList();
    }

    /** The printed report: the CHECK line, then one line per case that did not pass. */
    public String report() {
        StringBuilder sb = new StringBuilder("CHECK ").append(name).append(": ");
        if (notImplemented()) {
            return sb.append("not implemented yet (fill in the gap marked TODO in the student cell above)").toString();
        }
        if (passed()) {
            return sb.append("PASS (").append(cases.size()).append(" cases)").toString();
        }
        List<Case> bad = failures();
        sb.append("FAIL (").append(bad.size()).append(" of ").append(cases.size()).append(" cases)");
        for (Case c : bad) {
            sb.append(System.lineSeparator()).append("  ").append(c.verdict() == Verdict.ERROR ? "ERROR" : "FAIL")
                    .append(": ").append(c.name()).append(": ").append(c.message());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return report();
    }
}
