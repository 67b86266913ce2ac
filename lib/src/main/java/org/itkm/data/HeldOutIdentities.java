package org.itkm.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.itkm.io.InvalidInputException;

/**
 * The training identities held out for validation in a data set that ships no validation list (LTCC,
 * MLR-CUHK03). The rule, fixed so that every run, seed and machine holds out the same people:
 * <ol>
 *   <li>rank the n training pids by a hash of the pid alone ({@link SeedMix} of {@link #SEED} and the pid;
 *       ties, which do not occur in practice, by pid), never by the run seed;</li>
 *   <li>hold out the first k = min(n / 2, max({@link #MIN_IDS}, round({@link #SHARE} × n))): a fifth of
 *       the identities, at least a handful, and never more than half, so training keeps most of them.</li>
 * </ol>
 * SynthUMS quick: 12 of LTCC's 60 training ids, 20 of MLR's 100; tiny: 2 of 4 and 2 of 5; the real
 * LTCC: 15 of 77, MLR-CUHK03: 273 of 1,367. A pid's rank depends on its own hash only, so adding or
 * removing other identities moves the cut, never the order.
 */
public final class HeldOutIdentities {
    /** Share of the training identities held out. */
    public static final double SHARE = 0.2;
    /** The fewest held out, data permitting (at most half of the identities). */
    public static final int MIN_IDS = 5;
    /** The hash's seed: a constant of the kit, not a setting, so no configuration can move the split. */
    static final long SEED = 0x56414C4944L; // "VALID"

    private HeldOutIdentities() {}

    /** How many of {@code n} training identities are held out. */
    public static int count(int n) {
        return Math.min(n / 2, Math.max(MIN_IDS, (int) Math.round(SHARE * n)));
    }

    /**
     * The held-out pids of a data set's training pids (duplicates are one identity).
     *
     * @param source names the data set in the message when it has too few identities
     * @throws InvalidInputException when fewer than two training identities exist
     */
    public static Set<Integer> of(Collection<Integer> trainPids, String source) {
        List<Integer> pids = new ArrayList<>(new TreeSet<>(trainPids));
        if (pids.size() < 2) {
            throw new InvalidInputException(source + ": " + pids.size() + " training identit"
                    + (pids.size() == 1 ? "y" : "ies") + "; holding some out for validation (eval.split=val)"
                    + " needs at least 2");
        }
        pids.sort(Comparator.comparingLong((Integer pid) -> SeedMix.of(SEED, pid)).thenComparing(pid -> pid));
        return Set.copyOf(pids.subList(0, count(pids.size())));
    }
}
