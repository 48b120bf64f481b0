package org.attnsim.hwmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void theWideRowsOverlapExponentIsLinearInTheRowsLengthAndNeverBelowOne() {
        DecodeTile tile = LINE.withWideOverlapExponent(new Figure(3, "test: p at 128"));
        assertEquals(2.0, tile.overlapExponentAt(2, 64), 1e-12);
        assertEquals(2.5, tile.overlapExponentAt(2, 96), 1e-12);
        assertEquals(3.0, tile.overlapExponentAt(2, 128), 1e-12);
        assertEquals(1.0, tile.overlapExponentAt(2, -128), 1e-12);
        assertEquals(2.0, LINE.overlapExponentAt(2, 128), 1e-12);
        // The kernel's one-head exponent the same way, where it was measured.
        DecodeTile oneHead = new DecodeTile(LINE.oneHead(), LINE.furtherHead(), Optional.of(new Figure(2, "test")))
                .withWideOneHeadOverlapExponent(new Figure(5, "test: at 128"));
        assertEquals(3.5, oneHead.oneHeadOverlapExponentAt(96).orElseThrow(), 1e-12);
        assertEquals(2.0, oneHead.oneHeadOverlapExponentAt(64).orElseThrow(), 1e-12);
        assertTrue(LINE.oneHeadOverlapExponentAt(96).isEmpty());
    }

    @Test
    void aTilesCostIsLinearInItsRowsLengthThroughTheTwoLines() {
        // At 64 floats 0.8 + 0.7 a head; at 128, 1.4 + 1.1: half-way between at 96, beyond them on the same lines.
        DecodeTile wide = PAIRED.withWideRows(new Figure(1.4e-6, "test: one head, 128"),
                new Figure(1.1e-6, "test: each further head, 128"));
        assertEquals(1.5e-6, wide.seconds(2), 1e-15);
        assertEquals(2.5e-6, wide.secondsAt(2, 128), 1e-15);
        assertEquals(1.1e-6 + 0.9e-6, wide.secondsAt(2, 96), 1e-15);
        assertEquals(0.5e-6 + 0.5e-6, wide.secondsAt(2, 32), 1e-15);
        assertEquals(2.0e-6 + 1.5e-6, wide.secondsAt(2, 192), 1e-15);
        // Four heads in two passes at 128: the first 2.5, a second of its own heads 2.5 at the factor, the start.
        assertEquals(2.5e-6 + 1.1 * 2.5e-6 + 0.3e-6, wide.seconds(4, 2, 128), 1e-15);
        // Three heads: a second pass of one head, 1.4 at 128 (one head's price beyond a further one's counts again).
        assertEquals(2.5e-6 + 1.1 * 1.4e-6 + 0.3e-6, wide.seconds(3, 2, 128), 1e-15);
        assertEquals(PAIRED.seconds(4, 2), wide.seconds(4, 2, 64), 1e-15);
        // Without the wide line every length costs what 64 does; a machine's load scales both lines.
        assertEquals(PAIRED.seconds(4, 2), PAIRED.seconds(4, 2, 128), 1e-15);
        assertEquals(2 * wide.seconds(4, 2, 128), wide.times(2, "test").seconds(4, 2, 128), 1e-15);
        // Short rows never cost less than nothing.
        assertEquals(0.0, wide.secondsAt(1, -64), 1e-15);
        // With the further passes measured at 128 too (0.9 and 0.1 us), each by the rows' length between the two.
        DecodeTile passes = wide.withWideFurtherPasses(Optional.of(new Figure(0.9, "test: factor at 128")),
                Optional.of(new Figure(0.1e-6, "test: start at 128")));
        assertEquals(2.5e-6 + 0.9 * 2.5e-6 + 0.1e-6, passes.seconds(4, 2, 128), 1e-15);
        // At 96: the line 2.0, the factor 1.0, the start 0.2.
        assertEquals(2.0e-6 + 1.0 * 2.0e-6 + 0.2e-6, passes.seconds(4, 2, 96), 1e-15);
        assertEquals(PAIRED.seconds(4, 2), passes.seconds(4, 2, 64), 1e-15);
        assertEquals(2 * passes.seconds(4, 2, 128), passes.times(2, "test").seconds(4, 2, 128), 1e-15);
    }
}
