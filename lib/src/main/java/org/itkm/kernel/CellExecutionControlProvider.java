package org.itkm.kernel;

import java.util.Map;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/** Hands JShell the kernel's own {@link CellExecutionControl} (snippets run in the kernel's JVM). */
final class CellExecutionControlProvider implements ExecutionControlProvider {
    private final CellExecutionControl control;

    CellExecutionControlProvider(CellExecutionControl control) {
        this.control = control;
    }

    @Override
    public String name() {
        return "itkm-cell";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return control;
    }
}
