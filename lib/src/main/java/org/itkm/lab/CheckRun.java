package org.itkm.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs the cases of one check. A case runs the student's code and compares it with the kit's; it returns
 * null when they agree, else what differs ("value at [2,3] 0.41 expected 0.37 (hint: ...)"). Whatever the
 * student's code throws becomes one line (exception class, message and the line of the student's code it
 * came from), never a stack trace; {@link NotImplementedYet} becomes "not implemented yet".
 */
public final class CheckRun {
    private final String name;
    private final List<CheckResult.Case> cases = new ArrayList<>();

    public CheckRun(String name) {
        this.name = name;
    }

    /** Runs one case. */
    public CheckRun check(String caseName, Supplier<String> body) {
        cases.add(run(caseName, body));
        return this;
    }

    /** The result (not printed). */
    public CheckResult result() {
        return new CheckResult(name, cases);
    }

    /** The result, printed to standard output as a notebook's check cell shows it. */
    public CheckResult print() {
        CheckResult r = result();
        System.out.println(r.report());
        return r;
    }

    private static CheckResult.Case run(String caseName, Supplier<String> body) {
        try {
            String difference = body.get();
            return difference == null ? new CheckResult.Case(caseName, CheckResult.Verdict.PASS, "")
                    : new CheckResult.Case(caseName, CheckResult.Verdict.FAIL, difference);
        } catch (NotImplementedYet e) {
            return new CheckResult.Case(caseName, CheckResult.Verdict.NOT_IMPLEMENTED, "not implemented yet");
        } catch (Throwable e) { // the student's code may throw anything; the check must still print one line
            return new CheckResult.Case(caseName, CheckResult.Verdict.ERROR, oneLine(e));
        }
    }

    /**
     * {@code IllegalArgumentException: message (at MyLoss.loss)}: the first frame outside the kit, with its
     * line number when it is from a compiled class.
     */
    static String oneLine(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            sb.append(": ").append(e.getMessage().lines().findFirst().orElse(""));
        }
        for (StackTraceElement f : e.getStackTrace()) {
            if (f.getClassName().equals(CheckRun.class.getName())) {
                break; // frames below are the check's own, not the student's
            }
            if (!f.getClassName().startsWith("org.itkm.") && !f.getClassName().startsWith("java.")
                    && !f.getClassName().startsWith("jdk.") && !f.getClassName().startsWith("ai.djl.")) {
                sb.append(" (at ").append(simpleName(f.getClassName())).append('.').append(f.getMethodName());
                if (f.getLineNumber() > 0 && !f.getClassName().contains("$JShell$")) {
                    // (JShell numbers the lines of its own wrapped snippet, not of the notebook cell)
                    sb.append(" line ").append(f.getLineNumber());
                }
                sb.append(')');
                break;
            }
        }
        return sb.append(" (your code threw it)").toString();
    }

    private static String simpleName(String className) {
        String s = className.substring(className.lastIndexOf('.') + 1);
        return s.substring(s.lastIndexOf('$') + 1);
    }
}
