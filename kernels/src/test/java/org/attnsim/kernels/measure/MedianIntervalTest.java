package org.attnsim.kernels.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MedianIntervalTest {

    @Test
    void fiveSamplesGiveTheirMedianAndAnIntervalOverAllOfThem() {
        double[] sample = {5, 1, 4, 2, 3};
        MedianInterval m = MedianInterval.of(sample);
        // Ranks 2.5 -+ 0.98 sqrt(5) = 0.31 .. 4.69: floor and ceil, clamped, are the first and the last.
        assertEquals(new MedianInterval(3, 1, 5, 5), m);
        assertArrayEquals(new double[] {5, 1, 4, 2, 3}, sample, "the sample is left in its order");
    }

    @Test
    void aHundredSamplesGiveTheOrderStatisticsTenRanksEitherSide() {
        double[] sample = new double[100];
        for (int i = 0; i < 100; i++) {
            sample[i] = 100 - i;
        }
        // Sorted 1..100; ranks 50 -+ 9.8 give the 0-based 40 and 60: the values 41 and 61; median (50 + 51) / 2.
        assertEquals(new MedianInterval(50.5, 41, 61, 100), MedianInterval.of(sample));
    }

    @Test
    void theIntervalHoldsItsEnds() {
        MedianInterval m = new MedianInterval(2, 1.5, 3, 9);
        assertTrue(m.contains(1.5));
        assertTrue(m.contains(3));
        assertFalse(m.contains(3.01));
        assertFalse(m.contains(1.49));
    }

    @Test
    void noSamplesIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> MedianInterval.of(new double[0]));
    }
}
