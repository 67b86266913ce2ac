package org.itkm.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.itkm.io.InvalidInputException;
import org.itkm.runtime.ConsoleProgress;

/**
 * Decodes every image of a freshly read data set once (on all cores) and applies the
 * {@link UnreadableImagePolicy}: fail on the first bad file (in split and name order, so the message
 * is deterministic) or leave the bad files out and list them.
 */
final class ImageVerifier {
    private ImageVerifier() {}

    /** The splits without unreadable images (under SKIP) and the skipped files with their reasons. */
    static Map<Split, List<Sample>> verify(String name, Map<Split, List<Sample>> splits, ReadOptions options,
            List<String> skipped) {
        if (!options.verifyImages()) {
            return splits;
        }
        List<Sample> all = new ArrayList<>();
        for (Split s : Split.values()) {
            all.addAll(splits.getOrDefault(s, List.of()));
        }
        Map<Integer, String> bad = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        boolean showProgress = all.size() >= 20_000;
        try (ConsoleProgress progress = showProgress ? new ConsoleProgress("verify " + name, all.size()) : null) {
            java.util.stream.IntStream.range(0, all.size()).parallel().forEach(i -> {
                try {
                    ImageDecoder.decode(all.get(i).path());
                } catch (InvalidInputException e) {
                    bad.put(i, e.getMessage());
                }
                int n = done.incrementAndGet();
                if (progress != null && n % 500 == 0) {
                    progress.set(n);
                }
            });
            if (progress != null) {
                progress.set(all.size());
            }
        }
        if (bad.isEmpty()) {
            return splits;
        }
        List<Integer> order = new ArrayList<>(bad.keySet());
        Collections.sort(order);
        if (options.unreadable() == UnreadableImagePolicy.FAIL) {
            String more = order.size() > 1 ? " (" + (order.size() - 1) + " more unreadable image(s); set the"
                    + " unreadable-image policy to skip to leave them out)" : "";
            throw new InvalidInputException(bad.get(order.get(0)) + more);
        }
        for (int i : order) {
            skipped.add(bad.get(i));
        }
        Map<Split, List<Sample>> kept = new EnumMap<>(Split.class);
        int index = 0;
        for (Split s : Split.values()) {
            List<Sample> keep = new ArrayList<>();
            for (Sample x : splits.getOrDefault(s, List.of())) {
                if (!bad.containsKey(index++)) {
                    keep.add(x);
                }
            }
            kept.put(s, keep);
        }
        return kept;
    }
}
