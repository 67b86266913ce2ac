package org.itkm.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.concurrent.Callable;
import org.itkm.runtime.EngineRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code itkm info}: starts the engine offline and says what it runs on. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Start the DJL PyTorch engine (offline) and report the Java runtime, DJL and",
            "PyTorch versions, the device the kit will use and where the native library was", "loaded from."})
final class InfoCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        out.println("java       " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
                + "), " + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        Engine engine = EngineRuntime.engine();
        out.println("engine     " + engine.getEngineName() + " " + engine.getVersion() + " (DJL "
                + Engine.getDjlVersion() + ")");
        out.println("device     " + engine.defaultDevice() + (engine.getGpuCount() > 0
                ? " (" + engine.getGpuCount() + " GPU(s) visible)" : " (no GPU visible: CPU)"));
        out.println("offline    ai.djl.offline=" + System.getProperty("ai.djl.offline"));
        String override = System.getenv("PYTORCH_LIBRARY_PATH");
        out.println("natives    " + (override != null ? "PYTORCH_LIBRARY_PATH=" + override
                : "from the pytorch-native jar on the class path, cached in "
                        + System.getProperty("ai.djl.pytorch.native_helper", defaultCache())));
        try (NDManager m = NDManager.newBaseManager(engine.defaultDevice())) {
            NDArray x = org.itkm.runtime.OwnedArrays.floats(m, new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
            float check = x.matMul(x).sum().getFloat();
            out.println("self-test  [[1,2],[3,4]]^2 sums to " + check + (check == 54f ? " (ok)" : " (WRONG)"));
            return check == 54f ? 0 : 1;
        }
    }

    private static String defaultCache() {
        String engineDir = System.getenv("ENGINE_CACHE_DIR");
        if (engineDir != null) {
            return engineDir + "/pytorch";
        }
        String dir = System.getenv("DJL_CACHE_DIR");
        return (dir != null ? dir : System.getProperty("user.home") + "/.djl.ai") + "/pytorch";
    }
}
