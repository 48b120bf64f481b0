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
    void pastTheSumTheStreamRunsBelowTheTriadAndAtTheMaximumTheOverlapIsFull() {
        // The sum: no overlap, p = 1. Past it, c + m / p = t: 1 + 1 / p = 2.5 is p = 2/3, the stream at two thirds
        // of the triad's bandwidth; far past it, the floor 1/64.
        assertEquals(1, OverlapExponent.solve(2, 1, 1), 0);
        assertEquals(2.0 / 3, OverlapExponent.solve(2.5, 1, 1), 1e-12);
        assertEquals(0.5, OverlapExponent.solve(7, 1, 3), 1e-12);
        assertEquals(OverlapExponent.MIN_EXPONENT, OverlapExponent.solve(200, 1, 1), 0);
        // The maximum or less (a streamed run as fast as the longer of its parts): full overlap.
        assertEquals(OverlapExponent.MAX_EXPONENT, OverlapExponent.solve(1, 1, 1), 0);
        assertEquals(OverlapExponent.MAX_EXPONENT, OverlapExponent.solve(2.9, 1, 3), 0);
        assertThrows(IllegalArgumentException.class, () -> OverlapExponent.solve(1, 0, 1));
    }

    @Test
    void eachRoundSolvesItsOwnRunsAtItsOwnTriadsBandwidth() {
        // 1 GB of rows; a 0.5 GB triad of 10 ms and 20 ms (50 and 25 GB/s: 20 and 40 ms of memory); launches
        // of 1 ms. Round one: resident 15 ms, streamed 25 ms (15-20-25: p 2). Round two: resident 30 ms,
        // streamed 75 ms, past 30 + 40: 30 + 40 / p = 75 is p = 40/45.
        List<Double> p = OverlapExponent.byRound(new double[] {0.026, 0.076}, new double[] {0.016, 0.031},
                new double[] {0.011, 0.021}, 1e9, 0.5e9, 0.001);
        assertEquals(2, p.get(0), 1e-9);
        assertEquals(40.0 / 45, p.get(1), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> OverlapExponent.byRound(new double[2], new double[2],
                new double[1], 1, 1, 0));
    }

    @Test
    void theDecodingKernelsRoundsTakeItsPassesLaunchesAndTheResidentRunsForItsTiles() {
        // Launch 0.1 s. A kernel of two passes at 5.2 s: 5.0 s of work. The benchmark's resident run at 2.1 s, 2.0 s
        // of work, scaled by 2 for the kernel's tiles: 4.0 s. A triad of 10 B in 2.1 s: 15 B in 3.0 s. Then
        // hypot(4, 3) = 5: p = 2.
        List<Double> p = OverlapExponent.kernelByRound(new double[] {5.2}, 2, new double[] {2.1}, 2,
                new double[] {2.1}, 15, 10, 0.1);
        assertEquals(List.of(2.0), p.stream().map(x -> Math.round(x * 1e9) / 1e9).toList());
        // One pass at 5.1 s is the same 5.0 s of work.
        assertEquals(2, OverlapExponent.kernelByRound(new double[] {5.1}, 1, new double[] {2.1}, 2,
                new double[] {2.1}, 15, 10, 0.1).get(0), 1e-9);
    }

    @Test
    void theExponentIsTheMiddleCasesWhereTheExponentsDoNotRiseWithTheQueries() {
        // Session 38's calibration on the Zen 5 VM, rounded: the median of the three exponents, 1.09, is the
        // 1-query case's; validate times the 2-query case beside its points.
        OverlapExponent o = OverlapExponent.of(List.of(new OverlapExponent.Case(4, 0.0351, 0.0243, 0.0123, 1.07),
                new OverlapExponent.Case(1, 0.0180, 0.00666, 0.0123, 1.09),
                new OverlapExponent.Case(2, 0.0171, 0.0126, 0.0123, 2.20)));
        assertEquals(2.20, o.exponent(), 0);
        assertEquals(2, OverlapStep.HEADS);
        assertEquals(List.of(1, 2, 4), o.cases().stream().map(OverlapExponent.Case::heads).toList());
        assertThrows(IllegalArgumentException.class, () -> OverlapExponent.of(List.of()));
    }
}
