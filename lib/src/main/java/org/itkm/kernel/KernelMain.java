package org.itkm.kernel;

import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point of the {@code itkm} kernelspec ({@code environment/kernel.sh kit org.itkm.kernel.KernelMain
 * <connection-file>}). Cells compile against this JVM's class path, which {@code kernel.sh} fills with the
 * kit's jars.
 */
public final class KernelMain {
    private KernelMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp <kit jars> org.itkm.kernel.KernelMain <connection-file>");
            System.exit(2);
        }
        // basekernel logs every message at INFO; keep the kernel's console (the server's log) for problems
        Logger.getLogger("").setLevel(Level.WARNING);
        Arrays.stream(Logger.getLogger("").getHandlers()).forEach(h -> h.setLevel(Level.WARNING));
        String json;
        try {
            json = Files.readString(Path.of(args[0]));
        } catch (IOException e) {
            System.err.println("itkm kernel: cannot read the connection file " + args[0] + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        KernelConnectionProperties props = KernelConnectionProperties.parse(json);
        List<String> classPath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        JShellKernel kernel = new JShellKernel(classPath);
        KernelServer server = KernelServer.start(props, kernel);
        kernel.startJShell(); // after the sockets: kernel_info is answered first
        server.awaitShutdown(kernel.shutdownRequested(), 3000);
        System.exit(0); // cell threads (a training run, a thread pool) must not keep a shut-down kernel alive
    }
}
