package org.itkm.data;

import java.util.List;
import org.itkm.eval.Protocol;

/**
 * The three ReID scenarios of the paper, each with the data set layout it is read from and the
 * evaluation protocols it is reported under.
 */
public enum Scenario {
    /** Visible-infrared (SYSU-MM01): infrared queries against a visible gallery. */
    VI("visible-infrared", "SYSU-MM01", List.of(Protocol.SYSU_ALL, Protocol.SYSU_INDOOR)),
    /** Clothes-changing (LTCC). */
    CC("clothes-changing", "LTCC", List.of(Protocol.LTCC_GENERAL, Protocol.LTCC_CC)),
    /** Cross-resolution (MLR-CUHK03): low-resolution queries against a high-resolution gallery. */
    CR("cross-resolution", "MLR-CUHK03", List.of(Protocol.MLR));

    private final String description;
    private final String layoutName;
    private final List<Protocol> protocols;

    Scenario(String description, String layoutName, List<Protocol> protocols) {
        this.description = description;
        this.layoutName = layoutName;
        this.protocols = protocols;
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
}
