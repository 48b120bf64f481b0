package org.attnsim.hwmodels;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A decoding tile's figures measured with rows of {@code rowFloats} floats, where {@link DecodeTile}'s own are
 * measured at {@value DecodeTile#ROW_FLOATS}: the tile then prices a head size between the lengths it was measured at
 * piecewise linearly in the rows' length, and beyond them carries its times on along the nearest two and holds its
 * exponents and factor (see {@link DecodeTile#secondsAt}). On the Zen 5 VM a tile of
 * rows of 128 floats took 1.79 times one of 64 at one head and 1.56 at two (session 52), and the decoding kernel at d
 * 96 ran passes of two heads as slowly a row as at d 128 (session 53): neither is a line through 64 alone.
 *
 * @param rowFloats              the rows' length, in floats (a head size), other than {@value DecodeTile#ROW_FLOATS}
 * @param oneHead                {@link DecodeTile#oneHead()} with rows of this length
 * @param furtherHead            {@link DecodeTile#furtherHead()} with rows of this length
 * @param overlapExponent        the overlap exponent (see {@link HardwareProfile#overlapExponent}) of the decoding
 *                               kernel's passes of {@value DecodeTile#CPU_HEADS_A_PASS} heads with rows of this
 *                               length, timed on the kernel itself against the loop's resident case and a triad (the
 *                               profile's is the overlap benchmark's at {@value DecodeTile#ROW_FLOATS}); empty where
 *                               not measured
 * @param oneHeadOverlapExponent {@link DecodeTile#oneHeadOverlapExponent()} with rows of this length; empty where not
 *                               measured
 * @param furtherPassFactor      {@link DecodeTile#furtherPassFactor()} with rows of this length, against this length's
 *                               line; empty where not measured
 * @param pairedStart            {@link DecodeTile#pairedStart()} with rows of this length; empty where not measured
 */
public record DecodeTileRows(int rowFloats, Figure oneHead, Figure furtherHead, Optional<Figure> overlapExponent,
        Optional<Figure> oneHeadOverlapExponent, Optional<Figure> furtherPassFactor, Optional<Figure> pairedStart) {

    public DecodeTileRows {
        if (rowFloats < 1 || rowFloats == DecodeTile.ROW_FLOATS) {
            throw new IllegalArgumentException("rows of " + rowFloats + " floats: a length of at least 1 other than "
                    + DecodeTile.ROW_FLOATS + ", the tile's own");
        }
    }

    /** The line alone at this length: one head's tile and each further head's. */
    public DecodeTileRows(int rowFloats, Figure oneHead, Figure furtherHead) {
        this(rowFloats, oneHead, furtherHead, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** These figures with the tile's costs (the line and the start) through {@code scale}; the ratios stay. */
    DecodeTileRows times(UnaryOperator<Figure> scale) {
        return new DecodeTileRows(rowFloats, scale.apply(oneHead), scale.apply(furtherHead), overlapExponent,
                oneHeadOverlapExponent, furtherPassFactor, pairedStart.map(scale));
    }
}
