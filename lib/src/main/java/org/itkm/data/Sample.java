package org.itkm.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One image of a ReID data set: where it is, which scenario, homogeneous group and camera it belongs
 * to, and its ground truth (person id and clothes id).
 *
 * <p>The ground truth is deliberately <em>not</em> exposed by this class: unsupervised training code
 * sees only {@link #path()}, {@link #scenario()}, {@link #group()} and {@link #camid()}. Evaluation and
 * diagnostics read the identity through {@link GroundTruth}, an explicit import that a review can
 * search for. Clothes ids are unique per data set (the same integer never names two persons' outfits
 * when read through the kit's readers); data sets without clothes labels use {@link #NO_CLOTHES}.
 */
public final class Sample {
    /** Clothes id of samples from data sets without clothes labels. */
    public static final int NO_CLOTHES = -1;

    private final Path path;
    private final Scenario scenario;
    private final Group group;
    private final int camid;
    final int pid;
    final int clothes;

    /**
     * @param camid the camera number as in the file name (1-based, e.g. SYSU cam3 is 3)
     * @param pid the person id (non-negative)
     * @param clothes the clothes id, or {@link #NO_CLOTHES}
     */
    public Sample(Path path, Scenario scenario, Group group, int camid, int pid, int clothes) {
        this.path = Objects.requireNonNull(path, "path");
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.group = Objects.requireNonNull(group, "group");
        if (pid < 0) {
            throw new IllegalArgumentException(path + ": pid " + pid + " is negative (junk images are not samples)");
        }
        this.camid = camid;
        this.pid = pid;
        this.clothes = clothes;
    }

    public Path path() {
        return path;
    }

    public Scenario scenario() {
        return scenario;
    }

    public Group group() {
        return group;
    }

    /** Camera number as in the distributed file names (1-based). */
    public int camid() {
        return camid;
    }

    /** The same image assigned to another homogeneous group. */
    public Sample withGroup(Group newGroup) {
        return newGroup == group ? this : new Sample(path, scenario, newGroup, camid, pid, clothes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sample s && s.path.equals(path) && s.scenario == scenario && s.group == group
                && s.camid == camid && s.pid == pid && s.clothes == clothes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, scenario, group, camid, pid, clothes);
    }

    /** Path, scenario, group and camera only: log lines must not leak identities into training code. */
    @Override
    public String toString() {
        return "Sample[" + path + ", " + scenario + ", group " + group + ", cam " + camid + "]";
    }
}
