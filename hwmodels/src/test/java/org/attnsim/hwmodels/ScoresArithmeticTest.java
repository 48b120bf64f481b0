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

    private static ScoresArithmetic.Case at(int headDim, int heads, double factor) {
        return new ScoresArithmetic.Case(headDim, heads, new Figure(factor, "measured: d " + headDim + ", " + heads
                + " heads a row"));
    }

    @Test
    void byHeadSizeTheFactorIsLinearBetweenTwoMeasuredOnesAndHeldBeyondThem() {
        // d 64: 1.0 at 2 heads, 1.4 at 4; d 96: 3.2 and 2.4; d 128: 1.0 and 1.6.
        ScoresArithmetic byDim = new ScoresArithmetic(List.of(at(64, 2, 1.0), at(64, 4, 1.4), at(96, 2, 3.2),
                at(96, 4, 2.4), at(128, 2, 1.0), at(128, 4, 1.6)));
        assertEquals(1.4, byDim.factor(4, 64), 1e-12);
        assertEquals(2.4, byDim.factor(4, 96), 1e-12);
        assertEquals(1.9, byDim.factor(4, 80), 1e-12);
        assertEquals(2.0, byDim.factor(4, 112), 1e-12);
        assertEquals(1.6, byDim.factor(4, 256), 1e-12);
        assertEquals(1.4, byDim.factor(4, 32), 1e-12);
        // Between heads at a head size between two: 3 heads at d 80, half-way between d 64's 1.234 and d 96's 2.732.
        double at64 = 1.0 + (Math.log(3) / Math.log(2) - 1) * 0.4;
        double at96 = 3.2 - (Math.log(3) / Math.log(2) - 1) * 0.8;
        assertEquals((at64 + at96) / 2, byDim.factor(3, 80), 1e-12);
        // Without a head size, d 64; cases at d 64 alone hold at every head size.
        assertEquals(1.4, byDim.factor(4), 1e-12);
        assertEquals(1.4, MEASURED.factor(4, 128), 1e-12);
    }

    @Test
    void casesAtAnotherHeadSizeJoinAndComeByHeadSize() {
        ScoresArithmetic joined = new ScoresArithmetic(List.of(at(96, 2, 3.2))).plus(MEASURED);
        assertEquals(List.of(64, 64, 64, 64, 96), joined.cases().stream().map(ScoresArithmetic.Case::headDim).toList());
        assertEquals(3.2, joined.factor(2, 96), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> MEASURED.plus(new ScoresArithmetic(List.of(at(2, 1.1)))));
        assertThrows(IllegalArgumentException.class, () -> new ScoresArithmetic(List.of(at(96, 2, 1), at(64, 4, 1))));
        assertThrows(IllegalArgumentException.class, () -> at(0, 2, 1));
    }
}
