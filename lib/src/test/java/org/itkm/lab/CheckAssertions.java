package org.itkm.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every lab check must do with a wrong implementation: fail, give its hint, print no stack trace. */
final class CheckAssertions {
    private CheckAssertions() {}

    static void failsWithHint(CheckResult r, String hint) {
        assertFalse(r.passed(), "a wrong implementation passed:\n" + r.report());
        assertTrue(r.report().contains(hint), "expected '" + hint + "' in\n" + r.report());
        assertFalse(r.report().contains("\tat "), "a stack trace in\n" + r.report());
    }
}
