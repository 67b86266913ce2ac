package org.itkm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.itkm.io.InvalidInputException;
import org.junit.jupiter.api.Test;

class SweepCommandTest {
    @Test
    void everyCombinationOfTheGridFirstKeySlowest() {
        assertEquals(List.of(List.of("a=1", "b=x"), List.of("a=1", "b=y"), List.of("a=2", "b=x"), List.of("a=2", "b=y")),
                SweepCommand.combinations(List.of("a=1,2", "b=x, y")));
    }

    @Test
    void keysSetTogether() {
        assertEquals(List.of(List.of("p=4", "k=8"), List.of("p=16", "k=4")),
                SweepCommand.combinations(List.of("p:k=4:8,16:4")));
        assertThrows(InvalidInputException.class, () -> SweepCommand.combinations(List.of("p:k=4:8,16")));
    }

    @Test
    void aGridWithoutValuesIsABadInputNamingTheForm() {
        for (String bad : List.of("stage1.lr", "=1,2", "stage1.lr=")) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> SweepCommand.combinations(List.of(bad)));
            assertTrue(e.getMessage().contains("KEY=V1,V2"), e.getMessage());
        }
    }
}
