package org.itkm.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the kit's own files are (its notebooks, its lab notebooks, its configuration): {@code ITKM_HOME}
 * when set, else the checkout the running jar or classes were built in ({@code lib/target/itkm.jar} or
 * {@code lib/target/classes}: three levels up). The current folder plays no part, so a command finds the
 * kit's files wherever it is run from.
 */
public final class KitHome {
    /** The environment variable that names the checkout. */
    public static final String ENV = "ITKM_HOME";
    /** The solution lab notebooks, relative to the checkout. */
    public static final String LABS = "notebooks/labs";

    private KitHome() {}

    /** The checkout, when known (absolute, normalised). */
    public static Optional<Path> find() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env).toAbsolutePath().normalize());
        }
        try {
            Path code = Path.of(KitHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path p = code.toAbsolutePath().normalize();
            for (int i = 0; i < 3 && p != null; i++) {
                p = p.getParent();
            }
            return p != null && Files.isDirectory(p.resolve("lib")) ? Optional.of(p) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /**
     * The kit's solution lab notebooks ({@code <checkout>/notebooks/labs}); an {@link InvalidInputException}
     * saying how to name them when the checkout is unknown.
     */
    public static Path labs() {
        return find().map(h -> h.resolve(LABS)).orElseThrow(() -> new InvalidInputException("cannot find the kit's"
                + " lab notebooks: this itkm does not run from a checkout and " + ENV + " is not set; expected "
                + ENV + "=<checkout> or --labs <checkout>/" + LABS));
    }
}
