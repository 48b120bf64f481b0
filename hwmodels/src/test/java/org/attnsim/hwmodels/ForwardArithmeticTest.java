package org.attnsim.hwmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardArithmeticTest {

    private static ForwardArithmetic.Case at(int headDim, double factor) {
        return new ForwardArithmetic.Case(headDim, new Figure(factor, "measured: d " + headDim));
    }

    private static final ForwardArithmetic MEASURED = new ForwardArithmetic(List.of(at(32, 1.12), at(64, 0.94),
            at(128, 0.98)));

    @Test
    void aMeasuredHeadDimensionGivesItsOwnFactor() {
        assertEquals(1.12, MEASURED.factor(32), 1e-12);
        assertEquals(0.94, MEASURED.factor(64), 1e-12);
        assertEquals(0.98, MEASURED.factor(128), 1e-12);
    }

    @Test
    void betweenTwoCasesTheFactorIsLinearInLog2OfTheHeadDimension() {
        // d 48: log2 48 = 5.585, 0.585 of the way from d 32 (1.12) to d 64 (0.94): 1.12 - 0.585 x 0.18 = 1.0147
        assertEquals(1.0147, MEASURED.factor(48), 1e-4);
        // d 96: 0.585 of the way from d 64 (0.94) to d 128 (0.98): 0.94 + 0.585 x 0.04 = 0.9634
        assertEquals(0.9634, MEASURED.factor(96), 1e-4);
    }

    @Test
    void outsideTheCasesTheNearestCaseHolds() {
        assertEquals(1.12, MEASURED.factor(16), 1e-12);
        assertEquals(0.98, MEASURED.factor(256), 1e-12);
    }

    @Test
    void casesComeByHeadDimensionWithPositiveFactors() {
        assertThrows(IllegalArgumentException.class, () -> new ForwardArithmetic(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ForwardArithmetic(List.of(at(64, 1), at(32, 1))));
        assertThrows(IllegalArgumentException.class, () -> at(0, 1));
        assertThrows(IllegalArgumentException.class, () -> at(64, 0));
    }
}
