package org.attnsim.hwmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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

    /** The line alone at {@code rowFloats}: one head's tile and each further head's. */
    private static DecodeTileRows line(int rowFloats, double oneHead, double furtherHead) {
        return new DecodeTileRows(rowFloats, new Figure(oneHead, "test: one head, " + rowFloats),
                new Figure(furtherHead, "test: each further head, " + rowFloats));
    }

    /** The line at {@code rowFloats} with the two exponents, the factor and the start measured there, where given. */
    private static DecodeTileRows measured(DecodeTileRows line, Double twoHeads, Double oneHead, Double factor,
            Double start) {
        return new DecodeTileRows(line.rowFloats(), line.oneHead(), line.furtherHead(),
                Optional.ofNullable(twoHeads).map(p -> new Figure(p, "test: p")),
                Optional.ofNullable(oneHead).map(p -> new Figure(p, "test: one-head p")),
                Optional.ofNullable(factor).map(x -> new Figure(x, "test: factor")),
                Optional.ofNullable(start).map(s -> new Figure(s, "test: start")));
    }

    @Test
    void theExponentsAreLinearInTheRowsLengthThroughEachMeasuredOneHeldBeyondThemAndNeverBelowOne() {
        DecodeTile tile = LINE.withRows(measured(line(128, 1.4e-6, 1.1e-6), 3.0, null, null, null));
        assertEquals(2.0, tile.overlapExponentAt(2, 64), 1e-12);
        assertEquals(2.5, tile.overlapExponentAt(2, 96), 1e-12);
        assertEquals(3.0, tile.overlapExponentAt(2, 128), 1e-12);
        assertEquals(3.0, tile.overlapExponentAt(2, 256), 1e-12);
        assertEquals(2.0, tile.overlapExponentAt(2, -128), 1e-12);
        assertEquals(1.0, LINE.withRows(measured(line(128, 1.4e-6, 1.1e-6), 0.5, null, null, null))
                .overlapExponentAt(0.5, 96), 1e-12);
        assertEquals(2.0, LINE.overlapExponentAt(2, 128), 1e-12);
        assertTrue(tile.overlapExponentByLength());
        assertFalse(LINE.withRows(line(128, 1.4e-6, 1.1e-6)).overlapExponentByLength());
        // Measured at 96 as well (4): through 64, 96 and 128, and 128's beyond (on along 96-128 it would fall to 2).
        DecodeTile kinked = tile.withRows(measured(line(96, 1.0e-6, 1.2e-6), 4.0, null, null, null));
        assertEquals(3.0, kinked.overlapExponentAt(2, 80), 1e-12);
        assertEquals(4.0, kinked.overlapExponentAt(2, 96), 1e-12);
        assertEquals(3.5, kinked.overlapExponentAt(2, 112), 1e-12);
        assertEquals(3.0, kinked.overlapExponentAt(2, 160), 1e-12);
        // The kernel's one-head exponent the same way, where it was measured.
        DecodeTile oneHead = new DecodeTile(LINE.oneHead(), LINE.furtherHead(), Optional.of(new Figure(2, "test")))
                .withRows(measured(line(128, 1.4e-6, 1.1e-6), null, 5.0, null, null));
        assertEquals(3.5, oneHead.oneHeadOverlapExponentAt(96).orElseThrow(), 1e-12);
        assertEquals(2.0, oneHead.oneHeadOverlapExponentAt(64).orElseThrow(), 1e-12);
        assertTrue(LINE.oneHeadOverlapExponentAt(96).isEmpty());
    }

    @Test
    void overAnInt8CacheItsTimesTakeTheInt8FactorsAtEveryLengthAndItsOnePassesTheInt8KernelsExponent() {
        DecodeTile tile = new DecodeTile(LINE.oneHead(), LINE.furtherHead(), Optional.of(new Figure(2, "test")))
                .withRows(measured(line(128, 1.4e-6, 1.1e-6), null, 5.0, null, null));
        DecodeTile int8 = tile.withInt8(Optional.of(new DecodeTileQuantised(new Figure(0.9, "one"),
                new Figure(1.1, "further"), Optional.of(new Figure(64, "p")))));
        assertSame(tile, tile.overCache(QuantisedCache.INT8), "no figures over int8 rows");
        assertSame(int8, int8.overCache(QuantisedCache.FP8), "an fp8 cache does not take int8's figures");
        DecodeTile over = int8.overCache(QuantisedCache.INT8);
        // Two heads at 64: 0.9 x 0.8 + 1.1 x 0.7 us; at 128: 0.9 x 1.4 + 1.1 x 1.1; at 96 half-way.
        assertEquals(0.72e-6 + 0.77e-6, over.secondsAt(2, 64), 1e-15);
        assertEquals(1.26e-6 + 1.21e-6, over.secondsAt(2, 128), 1e-15);
        assertEquals((1.49e-6 + 2.47e-6) / 2, over.secondsAt(2, 96), 1e-15);
        assertTrue(over.oneHead().source().contains("over an int8 cache times 0.900, one"), over.oneHead().source());
        // The one-head passes take the int8 kernel's exponent at every length; without it, the fp32 kernel's.
        assertEquals(64, over.oneHeadOverlapExponentAt(96).orElseThrow(), 1e-12);
        DecodeTile noExponent = tile.withInt8(Optional.of(new DecodeTileQuantised(new Figure(0.9, "one"),
                new Figure(1.1, "further"), Optional.empty()))).overCache(QuantisedCache.INT8);
        assertEquals(3.5, noExponent.oneHeadOverlapExponentAt(96).orElseThrow(), 1e-12);
        // The load of a shared machine scales the fp32 times; the factors stay.
        assertEquals(int8.int8(), int8.times(2, "load").int8());
        assertEquals(2 * 1.49e-6, int8.times(2, "load").overCache(QuantisedCache.INT8).secondsAt(2, 64), 1e-15);
    }

    @Test
    void overAQuantisedCacheEachLengthTakesTheTypesFiguresMeasuredThereAndTheOthersThoseAt64() {
        DecodeTile tile = new DecodeTile(LINE.oneHead(), LINE.furtherHead(), Optional.of(new Figure(2, "test")))
                .withRows(measured(line(128, 1.4e-6, 1.1e-6), 2.5, 5.0, 0.9, 1e-7))
                .withRows(measured(line(96, 1.2e-6, 0.9e-6), 2.2, 4.0, null, null));
        DecodeTileQuantised at128 = new DecodeTileQuantised(new Figure(0.5, "one at 128"),
                new Figure(1.2, "further at 128"), Optional.of(new Figure(1.5, "p at 128")),
                Optional.of(new Figure(8, "one-head p at 128")), Optional.empty(), Optional.empty());
        DecodeTile int8 = tile.withInt8(Optional.of(new DecodeTileQuantised(new Figure(0.9, "one"),
                new Figure(1.1, "further"), Optional.of(new Figure(1.8, "p")), Optional.of(new Figure(3, "one-head p")),
                Optional.empty(), Optional.empty(), List.of(new DecodeTileQuantised.Rows(128, at128)))));
        DecodeTile over = int8.overCache(QuantisedCache.INT8);
        // Two heads: at 64, 0.9 x 0.8 + 1.1 x 0.7 us; at 128 its own factors, 0.5 x 1.4 + 1.2 x 1.1; at 96, not
        // measured over int8 rows, the factors at 64 on the fp32 line there: 0.9 x 1.2 + 1.1 x 0.9.
        assertEquals(0.72e-6 + 0.77e-6, over.secondsAt(2, 64), 1e-15);
        assertEquals(0.70e-6 + 1.32e-6, over.secondsAt(2, 128), 1e-15);
        assertEquals(1.08e-6 + 0.99e-6, over.secondsAt(2, 96), 1e-15);
        assertTrue(over.otherRows().get(1).oneHead().source().contains("over an int8 cache times 0.500, one at 128"));
        // The exponents by length through the int8 kernel's own: 3 at 64 and 8 at 128 for one head (5.5 at 96, the
        // fp32 kernel's 4.0 there left out), 1.8 and 1.5 for passes of two.
        assertEquals(5.5, over.oneHeadOverlapExponentAt(96).orElseThrow(), 1e-12);
        assertEquals(8, over.oneHeadOverlapExponentAt(128).orElseThrow(), 1e-12);
        assertEquals(1.65, over.overlapExponentAt(1.8, 96), 1e-12);
        // The fp32 kernel's factor and start at 128 are not the int8 kernel's: none measured there, none taken.
        assertTrue(over.otherRows().get(1).furtherPassFactor().isEmpty());
        assertEquals(int8.int8(), int8.times(2, "load").int8(), "the factors stay under a load");
        assertThrows(IllegalArgumentException.class, () -> new DecodeTileQuantised.Rows(64, at128));
        assertThrows(IllegalArgumentException.class, () -> at128.withOtherRows(List.of(
                new DecodeTileQuantised.Rows(96, at128), new DecodeTileQuantised.Rows(96, at128))));
    }

    @Test
    void overAnFp8CacheItsTimesTakeTheFp8FactorsAndTheInt8OnesStayWithInt8() {
        DecodeTile tile = new DecodeTile(LINE.oneHead(), LINE.furtherHead(), Optional.of(new Figure(2, "test")));
        DecodeTile both = tile.withInt8(Optional.of(new DecodeTileQuantised(new Figure(0.9, "one"),
                new Figure(1.1, "further"), Optional.of(new Figure(64, "p")))))
                .withFp8(Optional.of(new DecodeTileQuantised(new Figure(2.0, "fp8 one"), new Figure(2.2, "fp8 further"),
                        Optional.of(new Figure(1.5, "fp8 p")))));
        // Two heads at 64: 2.0 x 0.8 + 2.2 x 0.7 us over fp8 rows; 0.9 x 0.8 + 1.1 x 0.7 over int8 rows.
        DecodeTile fp8 = both.overCache(QuantisedCache.FP8);
        assertEquals(1.6e-6 + 1.54e-6, fp8.secondsAt(2, 64), 1e-15);
        assertEquals(0.72e-6 + 0.77e-6, both.overCache(QuantisedCache.INT8).secondsAt(2, 64), 1e-15);
        assertEquals(1.5, fp8.oneHeadOverlapExponentAt(64).orElseThrow(), 1e-12);
        assertTrue(fp8.furtherHead().source().contains("over an fp8 cache times 2.200, fp8 further"),
                fp8.furtherHead().source());
        assertEquals(both.fp8(), both.quantised(QuantisedCache.FP8));
        assertEquals(both.fp8(), both.times(2, "load").fp8(), "the factors stay under a load");
    }

    @Test
    void aTilesCostIsLinearInItsRowsLengthThroughTheTwoLines() {
        // At 64 floats 0.8 + 0.7 a head; at 128, 1.4 + 1.1: half-way between at 96, beyond them on the same lines.
        DecodeTile wide = PAIRED.withRows(line(128, 1.4e-6, 1.1e-6));
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
        // Without other rows every length costs what 64 does; a machine's load scales every line.
        assertEquals(PAIRED.seconds(4, 2), PAIRED.seconds(4, 2, 128), 1e-15);
        assertEquals(2 * wide.seconds(4, 2, 128), wide.times(2, "test").seconds(4, 2, 128), 1e-15);
        // Short rows never cost less than nothing.
        assertEquals(0.0, wide.secondsAt(1, -64), 1e-15);
        // With the further passes measured at 128 too (0.9 and 0.1 us), each by the rows' length between the two.
        DecodeTile passes = PAIRED.withRows(measured(line(128, 1.4e-6, 1.1e-6), null, null, 0.9, 0.1e-6));
        assertEquals(2.5e-6 + 0.9 * 2.5e-6 + 0.1e-6, passes.seconds(4, 2, 128), 1e-15);
        // At 96: the line 2.0, the factor 1.0, the start 0.2.
        assertEquals(2.0e-6 + 1.0 * 2.0e-6 + 0.2e-6, passes.seconds(4, 2, 96), 1e-15);
        // At 192 the line and the start carry on (3.5 and -0.1: a start may save time), the factor holds at 128's.
        assertEquals(3.5e-6 + 0.9 * 3.5e-6 - 0.1e-6, passes.seconds(4, 2, 192), 1e-15);
        assertEquals(PAIRED.seconds(4, 2), passes.seconds(4, 2, 64), 1e-15);
        assertEquals(2 * passes.seconds(4, 2, 128), passes.times(2, "test").seconds(4, 2, 128), 1e-15);
    }

    @Test
    void aTilesCostRunsThroughEveryMeasuredLengthAndOnAlongTheNearestTwoBeyondThem() {
        // 64: 0.8 + 0.7; 96: 1.0 + 1.2 (a tile of two heads as dear as at 128); 128: 1.4 + 1.1.
        DecodeTile tile = LINE.withRows(line(128, 1.4e-6, 1.1e-6)).withRows(line(96, 1.0e-6, 1.2e-6));
        assertEquals(2.2e-6, tile.secondsAt(2, 96), 1e-15);
        assertEquals(0.9e-6 + 0.95e-6, tile.secondsAt(2, 80), 1e-15);
        assertEquals(1.2e-6 + 1.15e-6, tile.secondsAt(2, 112), 1e-15);
        assertEquals(2.5e-6, tile.secondsAt(2, 128), 1e-15);
        assertEquals(1.8e-6 + 1.0e-6, tile.secondsAt(2, 160), 1e-15);
        assertEquals(0.7e-6 + 0.45e-6, tile.secondsAt(2, 48), 1e-15);
        // The order the lengths come in does not matter; a length given again replaces the first.
        assertEquals(tile, LINE.withRows(line(96, 1.0e-6, 1.2e-6)).withRows(line(128, 1.4e-6, 1.1e-6)));
        assertEquals(tile, tile.withRows(line(96, 9e-6, 9e-6)).withRows(line(96, 1.0e-6, 1.2e-6)));
        assertEquals(List.of(96, 128), tile.otherRows().stream().map(DecodeTileRows::rowFloats).toList());
        // A figure measured at 128 alone runs through 64 and 128 (the factor), whatever the lines at 96.
        DecodeTile factor = new DecodeTile(MEASURED.oneHead(), MEASURED.furtherHead(), Optional.empty(),
                Optional.empty(), MEASURED.furtherPassFactor(), Optional.empty(), List.of(line(96, 1.0e-6, 1.2e-6),
                        measured(line(128, 1.4e-6, 1.1e-6), null, null, 0.9, null)));
        // Four heads at 96: 2.2 the first pass; the second two further heads' 2.4 (one head costs no more than a
        // further one there), at the factor half-way, 1.0.
        assertEquals(2.2e-6 + 1.0 * 2.4e-6, factor.seconds(4, 2, 96), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new DecodeTile(LINE.oneHead(), LINE.furtherHead(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(line(96, 1e-6, 1e-6), line(96, 2e-6, 2e-6))));
        assertThrows(IllegalArgumentException.class, () -> line(64, 1e-6, 1e-6));
        assertThrows(IllegalArgumentException.class, () -> line(0, 1e-6, 1e-6));
    }
}
