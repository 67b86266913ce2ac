package org.itkm.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The kit's source revision for run manifests: commit hash and whether the work tree had changes. */
public record GitInfo(String commit, boolean dirty) {
    /** Asks git in {@code dir}; "unknown" when git or the repository is not there (e.g. in a container). */
    public static GitInfo of(Path dir) {
        String commit = run(dir, "git", "rev-parse", "HEAD");
        if (commit == null || commit.isBlank()) {
            return new GitInfo("unknown", false);
        }
        String status = run(dir, "git", "status", "--porcelain", "--untracked-files=no");
        return new GitInfo(commit.trim(), status != null && !status.isBlank());
    }

    private static String run(Path dir, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
