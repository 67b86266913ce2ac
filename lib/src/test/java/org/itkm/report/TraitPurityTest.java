package org.itkm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.itkm.data.Group;
import org.itkm.data.Sample;
import org.itkm.data.Scenario;
import org.junit.jupiter.api.Test;

class TraitPurityTest {
    private static final Path HOME = Path.of("/kit");

    private static Sample image(String name, int pid, int cam, Group g, int clothes) {
        return new Sample(HOME.resolve("data/" + name), Scenario.VI, g, cam, pid, clothes);
    }

    @Test
    void countsPseudoIdentitiesImagesAndAgreementPerMajorityValue() {
        Sample a = image("a.jpg", 1, 1, Group.A, 0);
        Sample b = image("b.jpg", 1, 3, Group.B, 0);
        Sample c = image("c.jpg", 2, 1, Group.A, 1);
        Sample d = image("d.jpg", 3, 2, Group.A, 2);
        Sample e = image("e.jpg", 4, 2, Group.A, 3);
        Map<Sample, String> hair = Map.of(a, "long", b, "long", c, "short", d, "short", e, "long");
        List<List<Sample>> members = List.of(List.of(a, b, c), List.of(d), List.of(e, d), List.of());
        String[] majority = RunTextRepresentations.majority(members, hair::get);
        assertEquals(List.of("long", "short", "long", "-"), List.of(majority)); // the tie e/d goes to "long" (name order)
        ResultTable t = TraitPurity.table("hair_length", members, majority, hair::get);
        // ("-" is not a number, so the share column is left-aligned, as the notebook always showed it)
        // "-": 1 row, 0 images; long: rows 0 and 2, 5 images, a b e agree = 60.0 %; short: row 1, d agrees = 100 %
        assertEquals("""
                | hair_length | text representations | images | share of images with that value % |
                | ----------- | -------------------: | -----: | --------------------------------- |
                | -           |                    1 |      0 | -                                 |
                | long        |                    2 |      5 | 60.0                              |
                | short       |                    1 |      1 | 100.0                             |
                """, t.toMarkdown());
        assertThrows(IllegalArgumentException.class, () -> TraitPurity.table("x", members, new String[1], hair::get));
    }

    @Test
    void hoverNamesImageIdentityCameraModalityAndOutfit() {
        Sample a = image("a.jpg", 7, 1, Group.A, 0);
        Sample b = image("b.jpg", 7, 3, Group.B, 0);
        Sample c = image("c.jpg", 9, 1, Group.A, Sample.NO_CLOTHES);
        String[] hover = PseudoIdentityHover.of(List.of(List.of(a, b, c), List.of()), new String[] {"VI", "CC"}, HOME);
        assertEquals("pseudo-identity 0 (VI), 3 images<br>image data/a.jpg<br>identity 7 (2), 9 (1)<br>camera 1 (2),"
                + " 3 (1)<br>modality visible (2), infrared (1)<br>outfit 0 (2), - (1)", hover[0]);
        assertEquals("pseudo-identity 1 (CC), 0 images", hover[1]);
        assertTrue(PseudoIdentityHover.modality(new Sample(HOME, Scenario.CR, Group.B, 2, 0, 0)).equals("low resolution"));
    }
}
