package org.attnsim.kernels.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoundsIncrementsTest {

    @Test
    void eachIncrementIsTheMedianOfItsDifferencesRoundByRound() {
        double[] first = {1.0, 2.0, 3.0, 4.0, 10.0};
        double[][] samples = {first.clone(), {3.0, 3.5, 7.0, 5.0, 11.0}, {4.0, 4.0, 9.0, 5.5, 11.5}};
        List<Measurement> m = new Rounds(List.of("a", "a+b", "a+b+c"), samples, "dev").increments();
        // The first step is its own time: median 3.
        assertEquals(3.0, m.get(0).medianSeconds());
        // Round by round, b adds 2, 1.5, 4, 1, 1: median 1.5, where the medians' difference would say 5 - 3 = 2.
        assertEquals(1.5, m.get(1).medianSeconds());
        // Five rounds: the 95% interval of the median spans all of them, 1 .. 4.
        assertEquals(1.0, m.get(1).lowSeconds());
        assertEquals(4.0, m.get(1).highSeconds());
        // c adds 1, 0.5, 2, 0.5, 0.5.
        assertEquals(0.5, m.get(2).medianSeconds());
        assertEquals(List.of("a", "a+b", "a+b+c"), m.stream().map(Measurement::what).toList());
        assertEquals(5, m.get(2).repeats());
        assertEquals("dev", m.get(2).device());
        assertArrayEquals(first, samples[0], "the samples are left as they were");
    }
}
