package org.attnsim.hwmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScoresArithmeticTest {

    private static ScoresArithmetic.Case at(int heads, double factor) {
        return new ScoresArithmetic.Case(heads, new Figure(factor, "measured: " + heads + " heads a row"));
    }

    private static final ScoresArithmetic MEASURED = new ScoresArithmetic(List.of(at(1, 1.2), at(2, 1.0),
            at(4, 1.4), at(8, 1.8)));

    @Test
    void aMeasuredCaseGivesItsOwnFactor() {
        assertEquals(1.2, MEASURED.factor(1), 1e-12);
        assertEquals(1.0, MEASURED.factor(2), 1e-12);
        assertEquals(1.4, MEASURED.factor(4), 1e-12);
        assertEquals(1.8, MEASURED.factor(8), 1e-12);
    }

    @Test
    void betweenTwoCasesTheFactorIsLinearInLog2OfTheHeads() {
        // 3 heads: log2 3 = 1.585, 0.585 of the way from 2 heads (1.0) to 4 (1.4): 1.0 + 0.585 x 0.4 = 1.234
        assertEquals(1.0 + (Math.log(3) / Math.log(2) - 1) * 0.4, MEASURED.factor(3), 1e-12);
        assertEquals(1.234, MEASURED.factor(3), 1e-3);
        // 6 heads: log2 6 = 2.585, from 4 (1.4) to 8 (1.8): 1.4 + 0.585 x 0.4 = 1.634
        assertEquals(1.634, MEASURED.factor(6), 1e-3);
    }

    @Test
    void outsideTheCasesTheNearestCaseHolds() {
        assertEquals(1.8, MEASURED.factor(16), 1e-12);
        assertEquals(1.2, MEASURED.factor(0.5), 1e-12);
        assertEquals(1.4, new ScoresArithmetic(List.of(at(2, 1.4))).factor(8), 1e-12);
    }

    @Test
    void casesComeByHeadsWithPositiveFactors() {
        assertThrows(IllegalArgumentException.class, () -> new ScoresArithmetic(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ScoresArithmetic(List.of(at(2, 1), at(1, 1))));
        assertThrows(IllegalArgumentException.class, () -> new ScoresArithmetic(List.of(at(2, 1), at(2, 1))));
        assertThrows(IllegalArgumentException.class, () -> at(0, 1));
        assertThrows(IllegalArgumentException.class, () -> at(1, 0));
    }
}
