package org.itkm.data;

import java.util.ArrayList;
import java.util.List;
import org.itkm.eval.Protocol;

/**
 * The three ReID scenarios of the paper, each with the data set layout it is read from, the evaluation
 * protocols it is reported under, and diagnostic protocols within one modality or one outfit, which show
 * whether a method fails at the scenario's change (modality, clothes) or at recognising people at all.
 */
public enum Scenario {
    /** Visible-infrared (SYSU-MM01): infrared queries against a visible gallery; each modality against itself. */
    VI("visible-infrared", "SYSU-MM01", List.of(Protocol.SYSU_ALL, Protocol.SYSU_INDOOR),
            List.of(Protocol.SYSU_VISIBLE, Protocol.SYSU_INFRARED)),
    /** Clothes-changing (LTCC); the same query and gallery with the clothes change taken out. */
    CC("clothes-changing", "LTCC", List.of(Protocol.LTCC_GENERAL, Protocol.LTCC_CC),
            List.of(Protocol.LTCC_SAME_CLOTHES)),
    /**
     * Cross-resolution (MLR-CUHK03): low-resolution queries against a high-resolution gallery. No within
     * protocol: query and gallery are one (visible) modality already.
     */
    CR("cross-resolution", "MLR-CUHK03", List.of(Protocol.MLR), List.of());

    private final String description;
    private final String layoutName;
    private final List<Protocol> protocols;
    private final List<Protocol> withinProtocols;

    Scenario(String description, String layoutName, List<Protocol> protocols, List<Protocol> withinProtocols) {
        this.description = description;
        this.layoutName = layoutName;
        this.protocols = protocols;
        this.withinProtocols = withinProtocols;
    }

    public String description() {
        return description;
    }

    /** The data set whose distributed layout this scenario is read from. */
    public String layoutName() {
        return layoutName;
    }

    /** The paper's protocols for this scenario (Table 1 columns). */
    public List<Protocol> protocols() {
        return protocols;
    }

    /** The diagnostic protocols within one modality or one outfit (not in the paper). */
    public List<Protocol> withinProtocols() {
        return withinProtocols;
    }

    /** The paper's protocols, then the within ones: everything a trained encoder is evaluated under. */
    public List<Protocol> allProtocols() {
        List<Protocol> all = new ArrayList<>(protocols);
        all.addAll(withinProtocols);
        return List.copyOf(all);
    }
}
