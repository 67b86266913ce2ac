package org.itkm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.itkm.io.FloatMatrix;
import org.junit.jupiter.api.Test;

class ScenarioCosineTableTest {
    @Test
    void withinAndAcrossScenarioCosinesPerRun() {
        // VI rows (1,0) and (1,1): cosine 1/sqrt2 = 0.707 within; CC row (0,1) against them: 0 and 0.707 -> 0.354 across
        FloatMatrix x = new FloatMatrix(3, 2, new float[] {1, 0, 1, 1, 0, 1});
        // separated: VI (1,0) twice, CC (-1,0): within 1, across -1
        FloatMatrix y = new FloatMatrix(3, 2, new float[] {1, 0, 1, 0, -1, 0});
        ResultTable t = ScenarioCosineTable.of(List.of(new ScenarioCosineTable.Entry("mixed", x, new String[] {"VI", "VI", "CC"}),
                new ScenarioCosineTable.Entry("separated", y, new String[] {"VI", "VI", "CC"})));
        assertEquals(List.of("mixed", "3", "0.707", "0.354"), List.of(t.cell(0, 0), t.cell(0, 1), t.cell(0, 2), t.cell(0, 3)));
        assertEquals(List.of("separated", "3", "1.000", "-1.000"), List.of(t.cell(1, 0), t.cell(1, 1), t.cell(1, 2),
                t.cell(1, 3)));
    }
}
