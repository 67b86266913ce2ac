package org.itkm.kernel;

import java.util.List;

/**
 * Why a cell failed, as the notebook shows it: a one-line summary ({@link #getMessage()}) and the
 * lines of its traceback (compiler diagnostics with the offending source, or the exception and the
 * stack frames of the cell and the kit).
 */
public final class CellError extends Exception {
    private final List<String> traceback;

    CellError(String summary, List<String> traceback) {
        super(summary, null, false, false);
        this.traceback = List.copyOf(traceback);
    }

    public List<String> traceback() {
        return traceback;
    }
}
