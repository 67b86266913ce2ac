package org.itkm.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * Starts the DJL PyTorch engine the kit runs on, offline, and describes it. The native library comes
 * from the {@code pytorch-native-*} jar on the class path (or {@code PYTORCH_LIBRARY_PATH}); nothing is
 * ever downloaded.
 */
public final class EngineRuntime {
    private EngineRuntime() {}

    /** Forbid DJL's download path before anything touches the engine. */
    public static void forceOffline() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        // DJL's usage telemetry is off by default in 0.32; make sure of it on every machine.
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }

    /** The PyTorch engine, started if needed. */
    public static Engine engine() {
        forceOffline();
        try {
            return Engine.getEngine("PyTorch");
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start the DJL PyTorch engine offline: " + e.getMessage()
                    + ". The native library comes from the pytorch-native-cpu (or -cu124) jar next to itkm.jar;"
                    + " rebuild it (touch pom.xml; ./itkm info), or set PYTORCH_LIBRARY_PATH to a torch/lib directory of"
                    + " PyTorch 2.5.1", e);
        }
    }

    /** The device training and inference use: the first GPU if the engine sees one, else the CPU. */
    public static Device defaultDevice() {
        return engine().defaultDevice();
    }

    /** One line: engine, versions, device. */
    public static String describe() {
        Engine e = engine();
        Device d = e.defaultDevice();
        return String.format(Locale.ROOT, "engine %s %s (DJL %s) on %s%s", e.getEngineName(), e.getVersion(),
                Engine.getDjlVersion(), d, d.isGpu() ? " [" + e.getGpuCount() + " GPU(s)]" : " [CPU, "
                        + Runtime.getRuntime().availableProcessors() + " cores]");
    }
}
