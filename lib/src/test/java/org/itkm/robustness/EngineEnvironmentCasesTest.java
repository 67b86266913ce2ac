package org.itkm.robustness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An environment that keeps the engine from starting (a DJL_CACHE_DIR that is a file, a PyTorch version the
 * kit does not ship, another default engine): one line naming the variable and what is expected, exit 2 -
 * not 29 lines of trace with the cause at the bottom. These run {@code itkm} as a process (the environment
 * cannot change inside this JVM, whose engine has started long ago).
 */
class EngineEnvironmentCasesTest extends RobustnessCase {
    Path features;

    @BeforeEach
    void inputs() throws Exception {
        features = InputFixtures.features(cwd.resolve("f.npy"), 8, 4, 1);
        snapshot();
    }

    private Outcome cluster(Map<String, String> env) throws Exception {
        return runIn(cwd, env, "cluster", "--features", "f.npy");
    }

    @Test
    void aCacheDirThatIsAFileIsNamed() throws Exception {
        Path file = cwd.resolve("sentinel.txt");
        Outcome o = cluster(Map.of("DJL_CACHE_DIR", file.toString()));
        assertBadInput(o, "DJL_CACHE_DIR=" + file + " is a file", "expected a folder the engine can create and write");
        assertNothingChangedExcept();
    }

    @Test
    void aCacheDirUnderAFileIsNamed() throws Exception {
        Path under = cwd.resolve("sentinel.txt").resolve("djl");
        Outcome o = cluster(Map.of("ENGINE_CACHE_DIR", under.toString()));
        assertBadInput(o, "ENGINE_CACHE_DIR=" + under, "lies under " + cwd.resolve("sentinel.txt") + ", which is a file");
        assertNothingChangedExcept();
    }

    @Test
    void aPyTorchVersionTheKitDoesNotShipIsNamed() throws Exception {
        Path cache = Files.createDirectories(root.resolve("djl-cache"));
        snapshot();
        Outcome o = cluster(Map.of("PYTORCH_VERSION", "9.9.9", "DJL_CACHE_DIR", cache.toString()));
        assertBadInput(o, "PYTORCH_VERSION=9.9.9", "unset PYTORCH_VERSION");
        assertNothingChangedExcept(cache);
    }

    @Test
    void anotherDefaultEngineIsNamed() throws Exception {
        Outcome o = cluster(Map.of("DJL_DEFAULT_ENGINE", "TensorFlow"));
        assertBadInput(o, "DJL_DEFAULT_ENGINE=TensorFlow", "the kit runs on PyTorch");
        assertNothingChangedExcept();
    }
}
