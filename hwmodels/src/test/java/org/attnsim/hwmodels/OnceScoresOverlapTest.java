package org.attnsim.hwmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class OnceScoresOverlapTest {

    private static OnceScoresOverlap.Case at(int heads, double exponent) {
        return new OnceScoresOverlap.Case(heads, new Figure(exponent, "measured: " + heads + " heads a row"));
    }

    private static final OnceScoresOverlap MEASURED = new OnceScoresOverlap(List.of(at(1, 2.0), at(2, 1.4),
            at(4, 1.0), at(8, 0.6)));

    @Test
    void aMeasuredCaseGivesItsOwnExponent() {
        assertEquals(2.0, MEASURED.exponent(1), 1e-12);
        assertEquals(1.4, MEASURED.exponent(2), 1e-12);
        assertEquals(1.0, MEASURED.exponent(4), 1e-12);
        assertEquals(0.6, MEASURED.exponent(8), 1e-12);
    }

    @Test
    void betweenTwoCasesTheExponentIsLinearInLog2OfTheHeads() {
        // 3 heads: log2 3 = 1.585, 0.585 of the way from 2 heads (1.4) to 4 (1.0): 1.4 - 0.585 x 0.4 = 1.166
        assertEquals(1.4 - (Math.log(3) / Math.log(2) - 1) * 0.4, MEASURED.exponent(3), 1e-12);
        assertEquals(1.166, MEASURED.exponent(3), 1e-3);
        // 6 heads: log2 6 = 2.585, from 4 (1.0) to 8 (0.6): 1.0 - 0.585 x 0.4 = 0.766
        assertEquals(0.766, MEASURED.exponent(6), 1e-3);
    }

    @Test
    void outsideTheCasesTheNearestCaseHolds() {
        assertEquals(0.6, MEASURED.exponent(16), 1e-12);
        assertEquals(2.0, MEASURED.exponent(0.5), 1e-12);
        assertEquals(1.4, new OnceScoresOverlap(List.of(at(2, 1.4))).exponent(8), 1e-12);
    }

    @Test
    void casesComeByHeadsWithPositiveExponents() {
        assertThrows(IllegalArgumentException.class, () -> new OnceScoresOverlap(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new OnceScoresOverlap(List.of(at(2, 1), at(1, 1))));
        assertThrows(IllegalArgumentException.class, () -> new OnceScoresOverlap(List.of(at(2, 1), at(2, 1))));
        assertThrows(IllegalArgumentException.class, () -> at(0, 1));
        assertThrows(IllegalArgumentException.class, () -> at(1, 0));
    }
}
