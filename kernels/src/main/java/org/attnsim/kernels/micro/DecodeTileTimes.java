package org.attnsim.kernels.micro;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.attnsim.hwmodels.QuantisedCache;

/**
 * The overlap benchmark's decoding loop on cache-resident rows ({@link DecodeTileKernel} on a GPU,
 * {@link OverlapKernel} on a CPU), one case per number of query heads: what a tile of 64 rows costs a compute
 * unit while every unit is busy, and the least-squares line of that cost over the heads (the loop scores its
 * rows for every head of the group).
 *
 * @param tilesPerUnit tiles each case walks, over the device's compute units
 * @param rowFloats    floats a row of the cases' rows
 * @param cases        each case's heads and its time on resident rows, launch latency subtracted
 * @param otherRows    the same loop with rows of other lengths (each its own times), where the cases' rows have
 *                     {@value OverlapKernel#LENGTH}, timed in the same rounds (on a CPU); none where not timed
 * @param overlap      the decoding kernel itself at two queries a row over streamed rows, against the two-query case
 *                     on resident rows and a triad, and the overlap exponent that gives (the other rows' own; the
 *                     others' is the overlap benchmark's); empty where not timed
 * @param oneQueryKernel the decoding kernel itself at one query a row over the same rows, streamed, against the
 *                     one-query case on resident rows and a triad (the other rows' own; the others' is the overlap
 *                     benchmark's); empty where not timed
 * @param furtherPass  the decoding kernel itself at two, four and eight queries a row over streamed rows of this
 *                     length ({@link FurtherPassDecode}), on a CPU; empty elsewhere
 * @param quantised    by type, the same loop over the same bytes of resident rows of one-byte elements of that type
 *                     ({@link Int8OverlapKernel}, {@link Fp8OverlapKernel}), with the decoding kernel for that type at
 *                     one query a row over the streamed rows quantised as its {@code oneQueryKernel}, timed in the same
 *                     rounds (on a CPU, for the types in the calibration's scope); empty where none was timed
 */
public record DecodeTileTimes(double tilesPerUnit, int rowFloats, List<Resident> cases, List<DecodeTileTimes> otherRows,
        Optional<OverlapExponent.Case> overlap, Optional<OverlapExponent.Case> oneQueryKernel,
        Optional<FurtherPassDecode.Times> furtherPass, Map<QuantisedCache, DecodeTileTimes> quantised) {

    /** A case: the loop scoring {@code heads} query heads a row took {@code seconds} on resident rows. */
    public record Resident(int heads, double seconds) {
    }

    public DecodeTileTimes {
        if (cases.size() < 2) {
            throw new IllegalArgumentException("a line over the heads needs two cases, not " + cases.size());
        }
        cases = List.copyOf(cases);
        otherRows = List.copyOf(otherRows);
        quantised = quantised.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(quantised));
    }

    /** Cases at one length of row alone, their overlap and further passes not timed. */
    public DecodeTileTimes(double tilesPerUnit, int rowFloats, List<Resident> cases) {
        this(tilesPerUnit, rowFloats, cases, List.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** These figures, the loop over quantised rows not timed. */
    public DecodeTileTimes(double tilesPerUnit, int rowFloats, List<Resident> cases, List<DecodeTileTimes> otherRows,
            Optional<OverlapExponent.Case> overlap, Optional<OverlapExponent.Case> oneQueryKernel,
            Optional<FurtherPassDecode.Times> furtherPass) {
        this(tilesPerUnit, rowFloats, cases, otherRows, overlap, oneQueryKernel, furtherPass, Map.of());
    }

    /** The resident times of the overlap benchmark's cases, rows of {@value OverlapKernel#LENGTH} floats. */
    public static DecodeTileTimes of(double tilesPerUnit, List<OverlapExponent.Case> cases) {
        return new DecodeTileTimes(tilesPerUnit, OverlapKernel.LENGTH, cases.stream()
                .map(c -> new Resident(c.heads(), c.residentSeconds())).toList());
    }

    /** These times with other rows' beside them. */
    public DecodeTileTimes withOtherRows(List<DecodeTileTimes> other) {
        return new DecodeTileTimes(tilesPerUnit, rowFloats, cases, other, overlap, oneQueryKernel, furtherPass,
                quantised);
    }

    /** These times with the loop's overlap case and the decoding kernel's at one query a row. */
    public DecodeTileTimes withOverlap(OverlapExponent.Case streamed, Optional<OverlapExponent.Case> kernel) {
        return new DecodeTileTimes(tilesPerUnit, rowFloats, cases, otherRows, Optional.of(streamed), kernel,
                furtherPass, quantised);
    }

    /** These times with the decoding kernel's at two, four and eight queries a row. */
    public DecodeTileTimes withFurtherPass(Optional<FurtherPassDecode.Times> times) {
        return new DecodeTileTimes(tilesPerUnit, rowFloats, cases, otherRows, overlap, oneQueryKernel, times,
                quantised);
    }

    /** These times with the loop's over quantised rows, by type. */
    public DecodeTileTimes withQuantised(Map<QuantisedCache, DecodeTileTimes> times) {
        return new DecodeTileTimes(tilesPerUnit, rowFloats, cases, otherRows, overlap, oneQueryKernel, furtherPass,
                times);
    }

    /** Seconds of one tile for {@code c}'s heads. */
    public double tileSeconds(Resident c) {
        return c.seconds() / tilesPerUnit;
    }

    /** The line's seconds for a tile of one head. */
    public double oneHeadSeconds() {
        SimpleRegression line = line();
        return Math.max(0, line.getIntercept() + line.getSlope());
    }

    /** The line's seconds for each further head; a line that falls counts none. */
    public double furtherHeadSeconds() {
        return Math.max(0, line().getSlope());
    }

    private SimpleRegression line() {
        SimpleRegression line = new SimpleRegression(true);
        for (Resident c : cases) {
            line.addData(c.heads(), tileSeconds(c));
        }
        return line;
    }
}
