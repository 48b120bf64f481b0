package org.attnsim.hwmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecodeTileTest {

    private static final DecodeTile LINE = new DecodeTile(new Figure(0.8e-6, "test: one head"),
            new Figure(0.7e-6, "test: each further head"));
    private static final DecodeTile MEASURED = new DecodeTile(LINE.oneHead(), LINE.furtherHead(), Optional.empty(),
            Optional.empty(), Optional.of(new Figure(1.1, "test: further passes")), Optional.empty());
    private static final DecodeTile PAIRED = new DecodeTile(LINE.oneHead(), LINE.furtherHead(), Optional.empty(),
            Optional.empty(), MEASURED.furtherPassFactor(), Optional.of(new Figure(0.3e-6, "test: the paired start")));

    @Test
    void eachFurtherPassCostsWhatATileOfItsOwnHeadsWould() {
        // Two heads a pass: the first pass 0.8 + 0.7 = 1.5 us; a second pass of two heads 1.5 more, of one head 0.8.
        assertEquals(1.5e-6, LINE.seconds(2, 2), 1e-15);
        assertEquals(3.0e-6, LINE.seconds(4, 2), 1e-15);
        assertEquals(2.3e-6, LINE.seconds(3, 2), 1e-15);
        assertEquals(6.0e-6, LINE.seconds(8, 2), 1e-15);
    }

    @Test
    void aMeasuredFactorScalesThePassesAfterTheFirstOnly() {
        assertEquals(1.5e-6, MEASURED.seconds(2, 2), 1e-15);
        assertEquals(1.5e-6 + 1.1 * 1.5e-6, MEASURED.seconds(4, 2), 1e-15);
        assertEquals(1.5e-6 + 1.1 * 0.8e-6, MEASURED.seconds(3, 2), 1e-15);
        assertEquals(1.5e-6 + 1.1 * 4.5e-6, MEASURED.seconds(8, 2), 1e-15);
        // The line's own price for those passes leaves the factor out.
        assertEquals(1.5e-6, MEASURED.linePriceOfFurtherPasses(4, 2), 1e-15);
        assertEquals(0.0, MEASURED.linePriceOfFurtherPasses(2, 2), 1e-15);
        // A shared machine's load scales the line; the factor, a ratio of two of its prices, stays.
        DecodeTile loaded = MEASURED.times(2, "test");
        assertEquals(2 * MEASURED.seconds(4, 2), loaded.seconds(4, 2), 1e-15);
        assertEquals(MEASURED.furtherPassFactor(), loaded.furtherPassFactor());
    }

    @Test
    void thePairedKernelsStartCountsOnceATileWhereThereIsMoreThanOnePass() {
        assertEquals(1.5e-6, PAIRED.seconds(2, 2), 1e-15);
        assertEquals(1.5e-6 + 1.1 * 1.5e-6 + 0.3e-6, PAIRED.seconds(4, 2), 1e-15);
        assertEquals(1.5e-6 + 1.1 * 0.8e-6 + 0.3e-6, PAIRED.seconds(3, 2), 1e-15);
        assertEquals(1.5e-6 + 1.1 * 4.5e-6 + 0.3e-6, PAIRED.seconds(8, 2), 1e-15);
        // Its arithmetic slows with the others' under a shared machine's load.
        assertEquals(2 * PAIRED.seconds(8, 2), PAIRED.times(2, "test").seconds(8, 2), 1e-15);
    }
}
