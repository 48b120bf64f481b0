package org.attnsim.sim.roofline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class OverlapTest {

    @Test
    void handWorkedTimesOnBothSidesOfOne() {
        // 1 s of arithmetic, 3 s of memory: p 2 is sqrt(10), p 1 the sum 4, p 0.5 the memory at half its rate, 7.
        assertEquals(Math.sqrt(10), Overlap.seconds(1, 3, 2), 1e-12);
        assertEquals(4, Overlap.seconds(1, 3, 1), 1e-12);
        assertEquals(7, Overlap.seconds(1, 3, 0.5), 1e-12);
        assertEquals(0, Overlap.seconds(0, 0, 2), 0);
    }

    @Property
    void theTimeFallsAsTheExponentRisesFromBelowOneToFullOverlap(
            @ForAll @DoubleRange(min = 0.01, max = 10) double compute,
            @ForAll @DoubleRange(min = 0.01, max = 10) double memory,
            @ForAll @DoubleRange(min = 0.02, max = 63) double p, @ForAll @DoubleRange(min = 0, max = 1) double step) {
        double higher = p + step;
        double relative = 1e-12 * (compute + memory / p);
        assertTrue(Overlap.seconds(compute, memory, higher) <= Overlap.seconds(compute, memory, p) + relative);
        // Never below the longer time, never above the sum unless p is below 1.
        assertTrue(Overlap.seconds(compute, memory, p) >= Math.max(compute, memory) * (1 - 1e-12));
        if (p >= 1) {
            assertTrue(Overlap.seconds(compute, memory, p) <= (compute + memory) * (1 + 1e-12));
        }
    }

    @Property
    void bothPiecesMeetAtOne(@ForAll @DoubleRange(min = 0.01, max = 10) double compute,
            @ForAll @DoubleRange(min = 0.01, max = 10) double memory) {
        assertEquals(compute + memory, Overlap.seconds(compute, memory, 1 - 1e-12), 1e-9 * (compute + memory));
        assertEquals(compute + memory, Overlap.seconds(compute, memory, 1), 1e-12 * (compute + memory));
    }
}
