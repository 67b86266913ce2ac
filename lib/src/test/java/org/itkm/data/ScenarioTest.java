package org.itkm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.itkm.eval.Protocol;
import org.junit.jupiter.api.Test;

/** Each scenario's paper protocols (Table 1) and its within-modality / within-outfit ones, kept apart. */
class ScenarioTest {
    @Test
    void paperProtocolsComeFirstThenTheWithinOnes() {
        assertEquals(List.of(Protocol.SYSU_ALL, Protocol.SYSU_INDOOR), Scenario.VI.protocols());
        assertEquals(List.of(Protocol.SYSU_VISIBLE, Protocol.SYSU_INFRARED), Scenario.VI.withinProtocols());
        assertEquals(List.of(Protocol.SYSU_ALL, Protocol.SYSU_INDOOR, Protocol.SYSU_VISIBLE, Protocol.SYSU_INFRARED),
                Scenario.VI.allProtocols());
        assertEquals(List.of(Protocol.LTCC_GENERAL, Protocol.LTCC_CC), Scenario.CC.protocols());
        assertEquals(List.of(Protocol.LTCC_SAME_CLOTHES), Scenario.CC.withinProtocols());
        assertEquals(List.of(Protocol.MLR), Scenario.CR.allProtocols(), "MLR-CUHK03 is one modality already");
    }

    @Test
    void noProtocolIsBothAPaperAndAWithinOneOrInTwoScenarios() {
        Set<Protocol> seen = new HashSet<>();
        for (Scenario s : Scenario.values()) {
            for (Protocol p : s.allProtocols()) {
                assertTrue(seen.add(p), p.id() + " listed twice");
            }
            for (Protocol p : s.withinProtocols()) {
                assertFalse(p.isSysu(), p.id() + ": within protocols have no SYSU trials or camera-2 rule");
                assertFalse(p.usesTrials(), p.id());
            }
        }
    }
}
