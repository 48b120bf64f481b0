package org.attnsim.kernels.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeastDisturbedTest {

    /** Sets of rounds whose reference benchmark ran at these rates, in turn. */
    private static Microbenchmarks.Sets<Double> timed(double alone, Double... rates) {
        Iterator<Double> next = List.of(rates).iterator();
        return Microbenchmarks.leastDisturbed(next::next, r -> r, alone);
    }

    @Test
    void setsAreTimedAgainWhileTheReferenceRunsBelowItsShareOfItsRateAlone() {
        // Beside a rate of 100 alone: 80 and more is undisturbed.
        assertEquals(new Microbenchmarks.Sets<>(115.0, 1), timed(100, 115.0, 50.0));
        assertEquals(new Microbenchmarks.Sets<>(80.0, 1), timed(100, 80.0, 50.0));
        assertEquals(new Microbenchmarks.Sets<>(112.0, 2), timed(100, 58.0, 112.0, 50.0));
        // Three sets at most: the fastest of them.
        assertEquals(new Microbenchmarks.Sets<>(70.0, 3), timed(100, 58.0, 70.0, 62.0, 120.0));
    }
}
