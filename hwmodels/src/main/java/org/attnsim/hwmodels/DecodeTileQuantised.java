package org.attnsim.hwmodels;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A decoding tile's figures over a KV cache of one-byte elements of one type ({@link QuantisedCache}: int8 or fp8),
 * each converted as the loop reads it: factors on the tile's own times over fp32 rows, and the quantised decoding
 * kernel's overlap exponents. On the Zen 5 VM, in the same rounds (session 62), the loop's one-head tile over int8
 * rows took 0.92 of its time over fp32 rows (a quarter of the bytes through the core's caches), and each further head
 * 1.07 of its (a conversion for each head that reads an element); the int8 kernel streamed its rows nearly as fast as
 * the loop on resident ones, where the fp32 kernel's exponent had priced MHA's int8 step 2-13% slow in all eight runs
 * of session 61; and the int8 kernel's passes of two heads ran 11% slower than that loop's, where the fp32 loop's own
 * exponent prices them behind a quarter of the bytes as if they did not (GQA's, SQA's and MQA's int8 steps came out
 * 2-6% faster than the fp32 figures priced them). Over fp8 rows (session 63) the loop took 1.94 of its fp32 time at
 * one head and about 2.2 at each further one: each head that reads an element builds it from its bits again.
 *
 * @param oneHeadFactor          the loop's one-head tile over the quantised rows over the same over fp32 rows, timed
 *                               in the same rounds, on the same bytes of resident rows
 * @param furtherHeadFactor      the same for each further head (the slopes of the two lines over the heads)
 * @param overlapExponent        the overlap exponent of the quantised decoding kernel's passes of {@value
 *                               DecodeTile#CPU_HEADS_A_PASS} heads, against the loop over the quantised rows on
 *                               resident rows and a triad (the profile's is the fp32 loop's own, streamed); empty where
 *                               not measured (the profile's then)
 * @param oneHeadOverlapExponent {@link DecodeTile#oneHeadOverlapExponent()} of the quantised decoding kernel, against
 *                               its loop on resident rows and a triad; empty where not measured (the fp32 kernel's
 *                               then prices those passes)
 * @param furtherPassFactor      {@link DecodeTile#furtherPassFactor()} of the quantised decoding kernel, against the
 *                               loop's line over the quantised rows; empty where not measured (the fp32 kernel's then)
 * @param pairedStart            {@link DecodeTile#pairedStart()} of the quantised decoding kernel; empty where not
 *                               measured (the fp32 kernel's then)
 * @param otherRows              the same figures measured with rows of other lengths than {@value
 *                               DecodeTile#ROW_FLOATS} floats, against the fp32 tile's figures at that length ({@link
 *                               DecodeTileRows}), each length at most once, no figures of their own at other lengths;
 *                               empty where measured at {@value DecodeTile#ROW_FLOATS} alone (the figures at {@value
 *                               DecodeTile#ROW_FLOATS} then hold at every length). On the Zen 5 VM (session 63) the
 *                               figures at d 64 priced MHA's int8 step at d 128 31% slow and GQA's fp8 step 9% fast
 */
public record DecodeTileQuantised(Figure oneHeadFactor, Figure furtherHeadFactor, Optional<Figure> overlapExponent,
        Optional<Figure> oneHeadOverlapExponent, Optional<Figure> furtherPassFactor, Optional<Figure> pairedStart,
        List<Rows> otherRows) {

    /** The figures at rows of {@code rowFloats} floats. */
    public record Rows(int rowFloats, DecodeTileQuantised figures) {

        public Rows {
            if (rowFloats < 1 || rowFloats == DecodeTile.ROW_FLOATS) {
                throw new IllegalArgumentException("rows of " + rowFloats + " floats: a length of at least 1 other "
                        + "than " + DecodeTile.ROW_FLOATS + ", the figures' own");
            }
            if (!figures.otherRows().isEmpty()) {
                throw new IllegalArgumentException("the figures at rows of " + rowFloats + " floats have lengths of "
                        + "their own");
            }
        }
    }

    public DecodeTileQuantised {
        otherRows = otherRows.stream().sorted(Comparator.comparingInt(Rows::rowFloats)).toList();
        for (int i = 1; i < otherRows.size(); i++) {
            if (otherRows.get(i).rowFloats() == otherRows.get(i - 1).rowFloats()) {
                throw new IllegalArgumentException("rows of " + otherRows.get(i).rowFloats() + " floats given twice");
            }
        }
    }

    /** The figures measured at rows of {@value DecodeTile#ROW_FLOATS} floats alone. */
    public DecodeTileQuantised(Figure oneHeadFactor, Figure furtherHeadFactor, Optional<Figure> overlapExponent,
            Optional<Figure> oneHeadOverlapExponent, Optional<Figure> furtherPassFactor, Optional<Figure> pairedStart) {
        this(oneHeadFactor, furtherHeadFactor, overlapExponent, oneHeadOverlapExponent, furtherPassFactor, pairedStart,
                List.of());
    }

    /** The line's factors and the one-head exponent, the int8 kernel's passes of two heads not measured. */
    public DecodeTileQuantised(Figure oneHeadFactor, Figure furtherHeadFactor,
            Optional<Figure> oneHeadOverlapExponent) {
        this(oneHeadFactor, furtherHeadFactor, Optional.empty(), oneHeadOverlapExponent, Optional.empty(),
                Optional.empty());
    }

    /** These figures with those at other rows' lengths replaced. */
    public DecodeTileQuantised withOtherRows(List<Rows> replacement) {
        return new DecodeTileQuantised(oneHeadFactor, furtherHeadFactor, overlapExponent, oneHeadOverlapExponent,
                furtherPassFactor, pairedStart, replacement);
    }

    /** The figures measured at rows of {@code rowFloats} floats, other than {@value DecodeTile#ROW_FLOATS}. */
    public Optional<DecodeTileQuantised> at(int rowFloats) {
        return otherRows.stream().filter(r -> r.rowFloats() == rowFloats).findFirst().map(Rows::figures);
    }

    /** These figures with the start through {@code scale}, at every length; the factors and exponents stay. */
    DecodeTileQuantised times(UnaryOperator<Figure> scale) {
        return new DecodeTileQuantised(oneHeadFactor, furtherHeadFactor, overlapExponent, oneHeadOverlapExponent,
                furtherPassFactor, pairedStart.map(scale), otherRows.stream()
                        .map(r -> new Rows(r.rowFloats(), r.figures().times(scale))).toList());
    }
}
