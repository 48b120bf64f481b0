package org.attnsim.kernels.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoundsTest {

    @Test
    void aRatioIsTakenRoundByRoundNotFromTheMedians() {
        // The baseline and a point in five rounds; the third and fourth ran under load.
        double[] baseline = {10, 20, 12, 30, 11};
        double[] point = {5, 5, 6, 10, 5.5};
        Rounds r = new Rounds(List.of("baseline", "point"), new double[][] {baseline, point}, "dev");
        // Per round 2, 4, 2, 3, 2: median 2, interval over all five (2 .. 4). The medians' ratio, 12 / 5.5 =
        // 2.18, would pair the baseline's third round with the point's fifth.
        assertEquals(new MedianInterval(2, 2, 4, 5), r.ratio(0, 1));
        assertEquals(new MedianInterval(0.5, 0.25, 0.5, 5), r.ratio(1, 0));
        List<Measurement> m = r.measurements();
        assertEquals(12, m.get(0).medianSeconds());
        assertEquals(5.5, m.get(1).medianSeconds());
        assertEquals("point", m.get(1).what());
        assertEquals("dev", m.get(1).device());
        // Summarising sorts copies: the rounds still pair up afterwards.
        assertEquals(new MedianInterval(2, 2, 4, 5), r.ratio(0, 1));
    }

    @Test
    void aDifferenceIsTakenRoundByRoundNotFromTheMedians() {
        // A step after other work and the same step back to back, in five rounds; the second ran under load.
        double[] after = {150, 300, 140, 160, 145};
        double[] backToBack = {60, 250, 55, 70, 58};
        Rounds r = new Rounds(List.of("after", "back to back"), new double[][] {after, backToBack}, "dev");
        // Per round 90, 50, 85, 90, 87: median 87, interval over all five (50 .. 90); the medians' difference,
        // 150 - 60, is 90.
        assertEquals(new MedianInterval(87, 50, 90, 5), r.difference(0, 1));
        assertEquals(new MedianInterval(-87, -90, -50, 5), r.difference(1, 0));
    }

    @Test
    void aSampleRowPerStep() {
        assertThrows(IllegalArgumentException.class,
                () -> new Rounds(List.of("a", "b"), new double[][] {{1}}, "dev"));
    }
}
