package org.attnsim.kernels.micro;

import java.util.List;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The overlap benchmark's decoding loop on cache-resident rows ({@link DecodeTileKernel} on a GPU,
 * {@link OverlapKernel} on a CPU), one case per number of query heads: what a tile of 64 rows costs a compute
 * unit while every unit is busy, and the least-squares line of that cost over the heads (the loop scores its
 * rows for every head of the group).
 *
 * @param tilesPerUnit tiles each case walks, over the device's compute units
 * @param cases        the overlap benchmark's cases, whose resident times these are
 */
public record DecodeTileTimes(double tilesPerUnit, List<OverlapExponent.Case> cases) {

    public DecodeTileTimes {
        if (cases.size() < 2) {
            throw new IllegalArgumentException("a line over the heads needs two cases, not " + cases.size());
        }
        cases = List.copyOf(cases);
    }

    /** Seconds of one tile for {@code c}'s heads. */
    public double tileSeconds(OverlapExponent.Case c) {
        return c.residentSeconds() / tilesPerUnit;
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
        for (OverlapExponent.Case c : cases) {
            line.addData(c.heads(), tileSeconds(c));
        }
        return line;
    }
}
