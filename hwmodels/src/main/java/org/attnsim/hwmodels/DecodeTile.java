package org.attnsim.hwmodels;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What a tile of {@value #ROWS} rows of a decoding step's loop costs one compute unit while every unit is busy,
 * with the rows resident. On a GPU, attnsim's TiledDecodeAttentionKernel: a work-group loads 64 rows of K and of
 * V into local memory, scores them for each query head of its group, takes the tile's maxima and probabilities
 * and adds the tile into its outputs, four barriers a tile. On a CPU, DecodeAttentionKernel: each work item walks
 * its chunk of the cache four rows at a time, and for each query head of the group dots them, keeps an online
 * softmax and adds the value rows. One query head's tile takes {@code oneHead}; each further head of the group
 * adds {@code furtherHead}.
 *
 * @param oneHeadOverlapExponent the overlap exponent (see {@link HardwareProfile#overlapExponent}) of the decoding
 *               kernel itself where a pass over its rows scores one query head (MHA's, xSQA's), solved from its own
 *               time on rows streamed from memory: the code the compiler builds for that loop sets how far its reads
 *               hide behind its arithmetic, and a benchmark's copy of the loop need not be built alike (session 38:
 *               the same instructions in other registers streamed 22-32% slower on the Zen 5 VM); empty where not
 *               measured (the profile's overlap exponent then prices such passes too)
 * @param oneUnitBandwidth bytes/s the decoding kernel streams on one compute unit while the others are idle (a
 *               CPU core running one work-group): what a core draws alone from a loop that streams rows and works on
 *               them, where a triad on one core draws more (the sim's SharedLaunch); empty where not measured
 * @param furtherPassFactor what a pass after the first over rows left in the cache (a larger group's, on a CPU) costs
 *               the decoding kernel itself over the price {@link #seconds(double)} gives it: measured as the paired
 *               kernel at {@value #LATER_PASS_QUERIES} queries a row less the same at {@value #FURTHER_PASS_QUERIES},
 *               over its {@value #LATER_PASS_QUERIES} / {@value #CPU_HEADS_A_PASS} - {@value #FURTHER_PASS_QUERIES} /
 *               {@value #CPU_HEADS_A_PASS} further passes, against the tile line's price for one. Until session 48 the
 *               kernel at {@value #FURTHER_PASS_QUERIES} queries less {@code DecodeAttentionKernel} at {@value
 *               #CPU_HEADS_A_PASS}, which carried {@code pairedStart} into every further pass: 1.07-1.29 times the
 *               line's price on the Zen 5 VM, and MQA's dense step (three further passes) came out 9-16% slow; empty
 *               where not measured (1)
 * @param pairedStart what the decoding kernel adds a tile beyond its passes where it makes more than one (groups of
 *               more than {@value #CPU_HEADS_A_PASS} heads; PairedDecodeAttentionKernel's until session 52): the
 *               kernel at {@value #FURTHER_PASS_QUERIES} queries a row less at {@value #CPU_HEADS_A_PASS}, less one
 *               further pass as measured for {@code furtherPassFactor}; below nothing where the second pass costs less
 *               than the later ones (it runs while the hardware still fetches the next rows), at least minus that
 *               pass. On the Zen 5 VM 0.26 us a tile with the memory slow, where a further pass took 1.29 (session
 *               48); at d 128 about -0.7 us, the second pass 0.52 of the line's price and the later ones 0.75-0.84
 *               (session 63: held at nothing, GQA's and MQA's dense steps came out 6-13% slow there); empty where not
 *               measured (nothing)
 * @param otherRows the same figures measured with rows of other lengths than {@value #ROW_FLOATS} floats, by length:
 *               each figure is piecewise linear in the rows' length through its value at {@value #ROW_FLOATS} and at
 *               each length where it was measured; beyond them the times carry on along the nearest two, the
 *               exponents and the factor hold (see {@link DecodeTileRows}); empty where measured at {@value
 *               #ROW_FLOATS} alone (every length at its figures)
 * @param int8    the figures of the loop over a cache of int8 elements, which price the loop over an int8 cache at
 *               every head size (measured at {@value #ROW_FLOATS} floats alone); empty where not measured (this tile's
 *               own figures price it)
 * @param fp8     the same over a cache of fp8 E4M3 elements, each built from its bits (a CPU's conversion: 2.0-2.2
 *               times the int8 loop's time on the Zen 5 VM, session 63); empty where not measured (this tile's own
 *               figures, not int8's, price it)
 */
public record DecodeTile(Figure oneHead, Figure furtherHead, Optional<Figure> oneHeadOverlapExponent,
        Optional<Figure> oneUnitBandwidth, Optional<Figure> furtherPassFactor, Optional<Figure> pairedStart,
        List<DecodeTileRows> otherRows, Optional<DecodeTileQuantised> int8, Optional<DecodeTileQuantised> fp8) {

    /** Floats a row of {@code oneHead}'s and {@code furtherHead}'s tiles. */
    public static final int ROW_FLOATS = 64;

    /** Rows of K and of V in one tile. */
    public static final int ROWS = 64;
    /**
     * Query heads attnsim's CPU decoding kernel scores in a pass over its rows: a larger group's further passes
     * (DecodeAttentionKernel's) find the rows in the core's cache.
     */
    public static final int CPU_HEADS_A_PASS = 2;
    /** Queries a row of the measurement of {@code pairedStart}: two passes of {@value #CPU_HEADS_A_PASS}. */
    public static final int FURTHER_PASS_QUERIES = 2 * CPU_HEADS_A_PASS;
    /** Queries a row of the measurement of {@code furtherPassFactor}, against {@value #FURTHER_PASS_QUERIES}. */
    public static final int LATER_PASS_QUERIES = 4 * CPU_HEADS_A_PASS;

    /** A tile whose one-head passes take the profile's overlap exponent, its one-unit bandwidth not measured. */
    public DecodeTile(Figure oneHead, Figure furtherHead) {
        this(oneHead, furtherHead, Optional.empty(), Optional.empty());
    }

    /** A tile with its one-head exponent, its one-unit bandwidth not measured. */
    public DecodeTile(Figure oneHead, Figure furtherHead, Optional<Figure> oneHeadOverlapExponent) {
        this(oneHead, furtherHead, oneHeadOverlapExponent, Optional.empty());
    }

    public DecodeTile {
        otherRows = otherRows.stream().sorted(Comparator.comparingInt(DecodeTileRows::rowFloats)).toList();
        for (int i = 1; i < otherRows.size(); i++) {
            if (otherRows.get(i).rowFloats() == otherRows.get(i - 1).rowFloats()) {
                throw new IllegalArgumentException("rows of " + otherRows.get(i).rowFloats() + " floats given twice");
            }
        }
    }

    /** A tile whose loop over fp8 rows was not measured. */
    public DecodeTile(Figure oneHead, Figure furtherHead, Optional<Figure> oneHeadOverlapExponent,
            Optional<Figure> oneUnitBandwidth, Optional<Figure> furtherPassFactor, Optional<Figure> pairedStart,
            List<DecodeTileRows> otherRows, Optional<DecodeTileQuantised> int8) {
        this(oneHead, furtherHead, oneHeadOverlapExponent, oneUnitBandwidth, furtherPassFactor, pairedStart, otherRows,
                int8, Optional.empty());
    }

    /** A tile whose loop over quantised rows was not measured. */
    public DecodeTile(Figure oneHead, Figure furtherHead, Optional<Figure> oneHeadOverlapExponent,
            Optional<Figure> oneUnitBandwidth, Optional<Figure> furtherPassFactor, Optional<Figure> pairedStart,
            List<DecodeTileRows> otherRows) {
        this(oneHead, furtherHead, oneHeadOverlapExponent, oneUnitBandwidth, furtherPassFactor, pairedStart, otherRows,
                Optional.empty());
    }

    /** A tile measured at rows of {@value #ROW_FLOATS} floats alone. */
    public DecodeTile(Figure oneHead, Figure furtherHead, Optional<Figure> oneHeadOverlapExponent,
            Optional<Figure> oneUnitBandwidth, Optional<Figure> furtherPassFactor, Optional<Figure> pairedStart) {
        this(oneHead, furtherHead, oneHeadOverlapExponent, oneUnitBandwidth, furtherPassFactor, pairedStart,
                List.of());
    }

    /** A tile with its one-head exponent and one-unit bandwidth, its further passes not measured. */
    public DecodeTile(Figure oneHead, Figure furtherHead, Optional<Figure> oneHeadOverlapExponent,
            Optional<Figure> oneUnitBandwidth) {
        this(oneHead, furtherHead, oneHeadOverlapExponent, oneUnitBandwidth, Optional.empty(), Optional.empty());
    }

    /** This tile with its one-head exponent replaced. */
    public DecodeTile withOneHeadOverlapExponent(Optional<Figure> replacement) {
        return new DecodeTile(oneHead, furtherHead, replacement, oneUnitBandwidth, furtherPassFactor, pairedStart,
                otherRows, int8, fp8);
    }

    /** This tile with its figures over int8 rows replaced. */
    public DecodeTile withInt8(Optional<DecodeTileQuantised> replacement) {
        return new DecodeTile(oneHead, furtherHead, oneHeadOverlapExponent, oneUnitBandwidth, furtherPassFactor,
                pairedStart, otherRows, replacement, fp8);
    }

    /** This tile with its figures over fp8 rows replaced. */
    public DecodeTile withFp8(Optional<DecodeTileQuantised> replacement) {
        return new DecodeTile(oneHead, furtherHead, oneHeadOverlapExponent, oneUnitBandwidth, furtherPassFactor,
                pairedStart, otherRows, int8, replacement);
    }

    /** The loop's figures over a cache of {@code type}, where measured. */
    public Optional<DecodeTileQuantised> quantised(QuantisedCache type) {
        return type == QuantisedCache.INT8 ? int8 : fp8;
    }

    /**
     * This tile as it prices a loop over a cache of {@code type}: where the loop was measured over such rows, its times
     * through that type's factors, and that type's kernel's exponents, further-pass factor and start where measured,
     * each length at its own figures where the type's were measured there, else at those of {@value #ROW_FLOATS};
     * otherwise itself.
     */
    public DecodeTile overCache(QuantisedCache type) {
        Optional<DecodeTileQuantised> figures = quantised(type);
        if (figures.isEmpty()) {
            return this;
        }
        DecodeTileQuantised f = figures.get();
        // The quantised kernel's own figures where measured, at the rows' length where measured there: the fp32
        // kernel's go by length, and taken between the quantised kernel's they would mix the two kernels.
        boolean ownPasses = f.overlapExponent().isPresent();
        boolean ownExponent = f.oneHeadOverlapExponent().isPresent();
        boolean ownFactor = f.furtherPassFactor().isPresent();
        boolean ownStart = f.pairedStart().isPresent();
        List<DecodeTileRows> rows = new ArrayList<>();
        for (DecodeTileRows r : otherRows) {
            Optional<DecodeTileQuantised> at = f.at(r.rowFloats());
            DecodeTileQuantised g = at.orElse(f);
            rows.add(new DecodeTileRows(r.rowFloats(), over(r.oneHead(), type, g.oneHeadFactor()),
                    over(r.furtherHead(), type, g.furtherHeadFactor()),
                    at.isPresent() ? g.overlapExponent() : ownPasses ? Optional.empty() : r.overlapExponent(),
                    at.isPresent() ? g.oneHeadOverlapExponent()
                            : ownExponent ? Optional.empty() : r.oneHeadOverlapExponent(),
                    at.isPresent() ? g.furtherPassFactor() : ownFactor ? Optional.empty() : r.furtherPassFactor(),
                    at.isPresent() ? g.pairedStart() : ownStart ? Optional.empty() : r.pairedStart()));
        }
        return new DecodeTile(over(oneHead, type, f.oneHeadFactor()), over(furtherHead, type, f.furtherHeadFactor()),
                ownExponent ? f.oneHeadOverlapExponent() : oneHeadOverlapExponent, oneUnitBandwidth,
                ownFactor ? f.furtherPassFactor() : furtherPassFactor, ownStart ? f.pairedStart() : pairedStart, rows,
                Optional.empty(), Optional.empty());
    }

    private static Figure over(Figure time, QuantisedCache type, Figure factor) {
        return new Figure(time.value() * factor.value(), time.source() + String.format(Locale.ROOT,
                "; over an %s cache times %.3f, ", type.id(), factor.value()) + factor.source());
    }

    /** This tile with {@code rows}'s figures, in place of any it had at that length. */
    public DecodeTile withRows(DecodeTileRows rows) {
        List<DecodeTileRows> all = new ArrayList<>(otherRows.stream()
                .filter(r -> r.rowFloats() != rows.rowFloats()).toList());
        all.add(rows);
        return new DecodeTile(oneHead, furtherHead, oneHeadOverlapExponent, oneUnitBandwidth, furtherPassFactor,
                pairedStart, all, int8, fp8);
    }

    /**
     * The exponent of the decoding kernel's one-head passes at rows of {@code rowFloats}, where it was measured: by
     * the rows' length through the other lengths' where measured, never below 1.
     */
    public Optional<Double> oneHeadOverlapExponentAt(double rowFloats) {
        return oneHeadOverlapExponent.map(p -> Math.max(1, ratioAtLength(p.value(),
                DecodeTileRows::oneHeadOverlapExponent, rowFloats)));
    }

    /** Whether the overlap exponent of passes of more than one head was measured at another rows' length. */
    public boolean overlapExponentByLength() {
        return otherRows.stream().anyMatch(r -> r.overlapExponent().isPresent());
    }

    /**
     * The overlap exponent of a pass at rows of {@code rowFloats}, where {@code atRowFloats} is the profile's (measured
     * at {@value #ROW_FLOATS}): by the rows' length through the other lengths' where measured, never below 1 (the sum).
     */
    public double overlapExponentAt(double atRowFloats, double rowFloats) {
        return Math.max(1, ratioAtLength(atRowFloats, DecodeTileRows::overlapExponent, rowFloats));
    }

    /**
     * This tile's costs times {@code factor}, each source saying why: the load of a shared machine slows every
     * head's arithmetic alike, and the paired kernel's start with it. The one-head exponent and the one-unit
     * bandwidth stay.
     */
    public DecodeTile times(double factor, String why) {
        String scaled = String.format(Locale.ROOT, "; times %.3f, ", factor) + why;
        UnaryOperator<Figure> times = f -> new Figure(f.value() * factor, f.source() + scaled);
        return new DecodeTile(times.apply(oneHead), times.apply(furtherHead), oneHeadOverlapExponent,
                oneUnitBandwidth, furtherPassFactor, pairedStart.map(times),
                otherRows.stream().map(r -> r.times(times)).toList(), int8.map(i -> i.times(times)),
                fp8.map(i -> i.times(times)));
    }

    /** Seconds of one tile for a group of {@code heads} query heads, rows of {@value #ROW_FLOATS} floats. */
    public double seconds(double heads) {
        return secondsAt(heads, ROW_FLOATS);
    }

    /**
     * Seconds of one tile for a group of {@code heads} query heads, rows of {@code rowFloats}: by the rows' length
     * through the lines measured at other lengths (see {@link #otherRows}), never below nothing.
     */
    public double secondsAt(double heads, double rowFloats) {
        return Math.max(0, atLength(oneHead.value(), r -> Optional.of(r.oneHead()), rowFloats)
                + (heads - 1) * atLength(furtherHead.value(), r -> Optional.of(r.furtherHead()), rowFloats));
    }

    /**
     * A time at rows of {@code rowFloats}: {@code atRowFloats} at {@value #ROW_FLOATS} and {@code figure} at each
     * other length where measured, joined by straight lines and carried on along the nearest two beyond the ends;
     * {@code atRowFloats} where measured at no other length.
     */
    private double atLength(double atRowFloats, Function<DecodeTileRows, Optional<Figure>> figure, double rowFloats) {
        return atLength(atRowFloats, figure, rowFloats, true);
    }

    /**
     * A ratio (an exponent, a factor) at rows of {@code rowFloats}: as {@link #atLength(double, Function, double)}
     * between the measured lengths, but held at the nearest one's beyond them. A time grows with its rows; a ratio
     * carried on along the d 96-128 line, where the decoding kernel's two-head exponent went from 1.38 to 2.70 on the
     * Zen 5 VM, would reach 8 at d 256 (session 53: GQA's dense decoding there then came out 30% fast).
     */
    private double ratioAtLength(double atRowFloats, Function<DecodeTileRows, Optional<Figure>> figure,
            double rowFloats) {
        return atLength(atRowFloats, figure, rowFloats, false);
    }

    private double atLength(double atRowFloats, Function<DecodeTileRows, Optional<Figure>> figure, double rowFloats,
            boolean carryOn) {
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {ROW_FLOATS, atRowFloats});
        for (DecodeTileRows r : otherRows) {
            figure.apply(r).ifPresent(f -> points.add(new double[] {r.rowFloats(), f.value()}));
        }
        if (points.size() == 1) {
            return atRowFloats;
        }
        points.sort(Comparator.comparingDouble(p -> p[0]));
        if (!carryOn) {
            rowFloats = Math.max(points.get(0)[0], Math.min(points.get(points.size() - 1)[0], rowFloats));
        }
        int i = 0;
        while (i + 2 < points.size() && rowFloats > points.get(i + 1)[0]) {
            i++;
        }
        double[] a = points.get(i);
        double[] b = points.get(i + 1);
        return a[1] + (b[1] - a[1]) * (rowFloats - a[0]) / (b[0] - a[0]);
    }

    /**
     * Seconds of one tile for a group of {@code heads} query heads scored {@code headsAPass} a pass: each pass
     * after the first walks the tile's rows again, at what one head costs beyond a further one (never below
     * nothing, where the measured line rises faster than its start), so that it costs what a tile of its own heads
     * would; times the measured further-pass factor where the profile has one, and with more than one pass the
     * paired kernel's start. On the Zen 5 VM, in the same rounds (session 39), the then PairedDecodeAttentionKernel's
     * second pass of two heads added 1.62 us a tile to GQA's step, and its pass of one head 0.81 us to a group of
     * three's, where that tile's one head took 0.81 us and each further head 0.72: the slope alone would have said
     * 1.43 and 0.72.
     */
    public double seconds(double heads, double headsAPass) {
        return seconds(heads, headsAPass, ROW_FLOATS);
    }

    /** As {@link #seconds(double, double)}, rows of {@code rowFloats} (see {@link #secondsAt}). */
    public double seconds(double heads, double headsAPass, double rowFloats) {
        double further = linePriceOfFurtherPasses(heads, headsAPass, rowFloats);
        double factor = ratioAtLength(furtherPassFactor.map(Figure::value).orElse(1.0),
                DecodeTileRows::furtherPassFactor, rowFloats);
        double start = atLength(pairedStart.map(Figure::value).orElse(0.0), DecodeTileRows::pairedStart, rowFloats);
        double furtherPasses = further * Math.max(0, factor);
        return secondsAt(Math.min(heads, headsAPass), rowFloats) + furtherPasses
                + (heads > headsAPass ? Math.max(-furtherPasses, start) : 0);
    }

    /**
     * What the line alone (no further-pass factor) prices a tile's passes after the first at, for a group of
     * {@code heads} query heads scored {@code headsAPass} a pass, rows of {@value #ROW_FLOATS} floats: each costs what
     * a tile of its own heads would.
     */
    public double linePriceOfFurtherPasses(double heads, double headsAPass) {
        return linePriceOfFurtherPasses(heads, headsAPass, ROW_FLOATS);
    }

    private double linePriceOfFurtherPasses(double heads, double headsAPass, double rowFloats) {
        double passes = Math.ceil(heads / headsAPass);
        return secondsAt(heads, rowFloats) - secondsAt(Math.min(heads, headsAPass), rowFloats) + (passes - 1)
                * Math.max(0, atLength(oneHead.value(), r -> Optional.of(r.oneHead()), rowFloats)
                        - atLength(furtherHead.value(), r -> Optional.of(r.furtherHead()), rowFloats));
    }
}
