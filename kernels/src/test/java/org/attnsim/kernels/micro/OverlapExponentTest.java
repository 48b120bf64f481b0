package org.attnsim.kernels.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class OverlapExponentTest {

    @Test
    void solvesThePNormOfHandWorkedTimes() {
        // Equal times of 1 s: sqrt(2) s is p = 2, 2^(1/4) s is p = 4.
        assertEquals(2, OverlapExponent.solve(Math.sqrt(2), 1, 1), 1e-9);
        assertEquals(4, OverlapExponent.solve(Math.pow(2, 0.25), 1, 1), 1e-9);
        // 1 s of arithmetic and 3 s of memory in (1 + 27)^(1/3) s: p = 3, whichever time is which.
        assertEquals(3, OverlapExponent.solve(Math.cbrt(28), 1, 3), 1e-9);
        assertEquals(3, OverlapExponent.solve(Math.cbrt(28), 3, 1), 1e-9);
    }

    @Test
    void clampsToNoOverlapAndToFullOverlap() {
        // The sum or more: no overlap, p = 1.
        assertEquals(1, OverlapExponent.solve(2, 1, 1), 0);
        assertEquals(1, OverlapExponent.solve(2.5, 1, 1), 0);
        // The maximum or less (a streamed run as fast as the longer of its parts): full overlap.
        assertEquals(OverlapExponent.MAX_EXPONENT, OverlapExponent.solve(1, 1, 1), 0);
        assertEquals(OverlapExponent.MAX_EXPONENT, OverlapExponent.solve(2.9, 1, 3), 0);
        assertThrows(IllegalArgumentException.class, () -> OverlapExponent.solve(1, 0, 1));
    }

    @Test
    void theExponentIsTheMedianOfTheCases() {
        OverlapExponent o = OverlapExponent.of(List.of(new OverlapExponent.Case(1, 1.06, 0.44, 1, 2.3),
                new OverlapExponent.Case(2, 1.1, 0.75, 1, 3.3), new OverlapExponent.Case(4, 1.44, 1.34, 1, 4.0)));
        assertEquals(3.3, o.exponent(), 0);
        assertEquals(3, o.cases().size());
    }
}
