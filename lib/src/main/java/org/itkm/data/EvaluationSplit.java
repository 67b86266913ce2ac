package org.itkm.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.itkm.io.InvalidInputException;

/**
 * Which identities a run is evaluated on ({@code eval.split}): the data sets' test query and gallery as
 * distributed, or validation identities held out of training ({@link ValidationSplit}), on which
 * hyper-parameters are chosen so that no choice looks at a test identity.
 */
public enum EvaluationSplit {
    /** The test identities' query and gallery; training as distributed (SYSU-MM01's val ids included). */
    TEST,
    /** Validation identities, out of training; the test identities are used nowhere. */
    VAL;

    /** The name in configurations and run records: test, val. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses test or val (any case). */
    public static EvaluationSplit fromId(String id) {
        for (EvaluationSplit s : values()) {
            if (s.id().equalsIgnoreCase(id.trim())) {
                return s;
            }
        }
        throw new InvalidInputException("unknown evaluation split '" + id + "'; expected test or val");
    }

    /** A data set as read (before group division) with this split's training, query and gallery. */
    public ReidDataset apply(ReidDataset d) {
        return this == TEST ? d : ValidationSplit.of(d);
    }

    /**
     * What a run's manifest records of its evaluation: the split, what it means, and per data set (layout
     * name) the query and gallery identities and images, so that validation figures are never read as test
     * figures.
     */
    public Map<String, Object> record(List<ReidDataset> datasets) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("split", id());
        out.put("meaning", this == TEST ? "test identities: the data sets' query and gallery as distributed"
                : "validation identities held out of training; NOT test figures (no test identity is used)");
        for (ReidDataset d : datasets) {
            TreeSet<Integer> ids = new TreeSet<>();
            d.query().forEach(s -> ids.add(GroundTruth.pid(s)));
            d.gallery().forEach(s -> ids.add(GroundTruth.pid(s)));
            Map<String, Object> per = new LinkedHashMap<>();
            per.put("identities", ids.size());
            per.put("queryImages", d.query().size());
            per.put("galleryImages", d.gallery().size());
            if (this == VAL) {
                per.put("rule", ValidationSplit.rule(d.scenario()));
            }
            out.put(d.layout(), per);
        }
        return out;
    }
}
