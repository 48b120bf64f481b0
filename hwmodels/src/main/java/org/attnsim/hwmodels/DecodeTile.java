package org.attnsim.hwmodels;

import java.util.Locale;
import java.util.Optional;
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
 *               further pass as measured for {@code furtherPassFactor}, at least nothing. On the Zen 5 VM 0.26 us a
 *               tile with the memory slow, where a further pass took 1.29 (session 48); empty where not measured
 *               (nothing)
 * @param wideOneHead {@code oneHead} with rows of {@value #WIDE_ROW_FLOATS} floats, where {@code oneHead} has rows of
 *               {@value #ROW_FLOATS}: a tile's cost is linear in its rows' length between and beyond the two (each
 *               row's exponentials and bookkeeping stay, its dot products and updates grow). On the Zen 5 VM a tile
 *               of rows of 128 floats took 1.79 times one of 64 at one head and 1.56 at two (session 52); the model
 *               had priced it at one, so dense decoding at d 128 came out up to 16% fast with the memory fast. Empty
 *               where not measured (every length at {@code oneHead})
 * @param wideFurtherHead {@code furtherHead} with rows of {@value #WIDE_ROW_FLOATS} floats; empty with {@code
 *               wideOneHead}
 * @param wideOverlapExponent the overlap exponent (see {@link HardwareProfile#overlapExponent}) of the decoding
 *               kernel's passes of {@value #CPU_HEADS_A_PASS} heads with rows of {@value #WIDE_ROW_FLOATS} floats,
 *               timed on the kernel itself, where the profile's is the overlap benchmark's at {@value #ROW_FLOATS}:
 *               passes of more than one head take the exponent linear in the rows' length between the two (see
 *               {@link #overlapExponentAt}). On the Zen 5 VM with the memory fast, GQA's dense decoding at d 128 ran at its
 *               resident loop's time, its reads wholly hidden, where the exponent at d 64 (1.95) added a third to
 *               its first pass (session 52). Empty where not measured
 * @param wideFurtherPassFactor {@code furtherPassFactor} with rows of {@value #WIDE_ROW_FLOATS} floats, against the
 *               wide line: linear in the rows' length between the two. On the Zen 5 VM with the memory fast the
 *               passes after the second cost 0.98 of the line's price at d 64 and 0.85 at d 128, the second pass 1.23
 *               and 0.93 (session 52). Empty where not measured
 * @param widePairedStart {@code pairedStart} with rows of {@value #WIDE_ROW_FLOATS} floats; empty where not measured
 * @param wideOneHeadOverlapExponent {@code oneHeadOverlapExponent} with rows of {@value #WIDE_ROW_FLOATS} floats:
 *               one-head passes take the exponent linear in the rows' length between the two; empty where not measured
 */
public record DecodeTile(Figure oneHead, Figure furtherHead, Optional<Figure> oneHeadOverlapExponent,
        Optional<Figure> oneUnitBandwidth, Optional<Figure> furtherPassFactor, Optional<Figure> pairedStart,
        Optional<Figure> wideOneHead, Optional<Figure> wideFurtherHead, Optional<Figure> wideOverlapExponent,
        Optional<Figure> wideFurtherPassFactor, Optional<Figure> widePairedStart,
        Optional<Figure> wideOneHeadOverlapExponent) {

    /** Floats a row of {@code oneHead}'s and {@code furtherHead}'s tiles. */
    public static final int ROW_FLOATS = 64;
    /** Floats a row of {@code wideOneHead}'s and {@code wideFurtherHead}'s tiles. */
    public static final int WIDE_ROW_FLOATS = 128;

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
        if (wideOneHead.isPresent() != wideFurtherHead.isPresent()) {
            throw new IllegalArgumentException("a tile of wide rows needs both its one head and its further heads");
        }
    }

    /** A tile measured at rows of {@value #ROW_FLOATS} floats alone. */
    public DecodeTile(Figure oneHead, Figure furtherHead, Optional<Figure> oneHeadOverlapExponent,
            Optional<Figure> oneUnitBandwidth, Optional<Figure> furtherPassFactor, Optional<Figure> pairedStart) {
        this(oneHead, furtherHead, oneHeadOverlapExponent, oneUnitBandwidth, furtherPassFactor, pairedStart,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** A tile with its one-head exponent and one-unit bandwidth, its further passes not measured. */
    public DecodeTile(Figure oneHead, Figure furtherHead, Optional<Figure> oneHeadOverlapExponent,
            Optional<Figure> oneUnitBandwidth) {
        this(oneHead, furtherHead, oneHeadOverlapExponent, oneUnitBandwidth, Optional.empty(), Optional.empty());
    }

    /** This tile with its one-head exponent replaced. */
    public DecodeTile withOneHeadOverlapExponent(Optional<Figure> replacement) {
        return new DecodeTile(oneHead, furtherHead, replacement, oneUnitBandwidth, furtherPassFactor, pairedStart,
                wideOneHead, wideFurtherHead, wideOverlapExponent, wideFurtherPassFactor, widePairedStart,
                wideOneHeadOverlapExponent);
    }

    /** This tile with its line at rows of {@value #WIDE_ROW_FLOATS} floats. */
    public DecodeTile withWideRows(Figure oneHeadWide, Figure furtherHeadWide) {
        return new DecodeTile(oneHead, furtherHead, oneHeadOverlapExponent, oneUnitBandwidth, furtherPassFactor,
                pairedStart, Optional.of(oneHeadWide), Optional.of(furtherHeadWide), wideOverlapExponent,
                wideFurtherPassFactor, widePairedStart, wideOneHeadOverlapExponent);
    }

    /** This tile with the overlap exponent of its loop at rows of {@value #WIDE_ROW_FLOATS} floats. */
    public DecodeTile withWideOverlapExponent(Figure exponent) {
        return new DecodeTile(oneHead, furtherHead, oneHeadOverlapExponent, oneUnitBandwidth, furtherPassFactor,
                pairedStart, wideOneHead, wideFurtherHead, Optional.of(exponent), wideFurtherPassFactor,
                widePairedStart, wideOneHeadOverlapExponent);
    }

    /** This tile with the exponent of the decoding kernel's one-head passes at rows of {@value #WIDE_ROW_FLOATS}. */
    public DecodeTile withWideOneHeadOverlapExponent(Figure exponent) {
        return new DecodeTile(oneHead, furtherHead, oneHeadOverlapExponent, oneUnitBandwidth, furtherPassFactor,
                pairedStart, wideOneHead, wideFurtherHead, wideOverlapExponent, wideFurtherPassFactor,
                widePairedStart, Optional.of(exponent));
    }

    /**
     * The exponent of the decoding kernel's one-head passes at rows of {@code rowFloats}, where it was measured:
     * linear in the length through the wide rows' where measured, never below 1.
     */
    public Optional<Double> oneHeadOverlapExponentAt(double rowFloats) {
        return oneHeadOverlapExponent.map(p -> Math.max(1, atLength(p.value(), wideOneHeadOverlapExponent, rowFloats)));
    }

    /** This tile with its further passes' factor and start at rows of {@value #WIDE_ROW_FLOATS} floats. */
    public DecodeTile withWideFurtherPasses(Optional<Figure> factor, Optional<Figure> start) {
        return new DecodeTile(oneHead, furtherHead, oneHeadOverlapExponent, oneUnitBandwidth, furtherPassFactor,
                pairedStart, wideOneHead, wideFurtherHead, wideOverlapExponent, factor, start,
                wideOneHeadOverlapExponent);
    }

    /**
     * The overlap exponent of a pass at rows of {@code rowFloats}, where {@code atRowFloats} is the profile's (measured
     * at {@value #ROW_FLOATS}): linear in the length through the wide rows' where measured, never below 1 (the sum).
     */
    public double overlapExponentAt(double atRowFloats, double rowFloats) {
        return Math.max(1, atLength(atRowFloats, wideOverlapExponent, rowFloats));
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
                oneUnitBandwidth, furtherPassFactor, pairedStart.map(times), wideOneHead.map(times),
                wideFurtherHead.map(times), wideOverlapExponent, wideFurtherPassFactor, widePairedStart.map(times),
                wideOneHeadOverlapExponent);
    }

    /** Seconds of one tile for a group of {@code heads} query heads, rows of {@value #ROW_FLOATS} floats. */
    public double seconds(double heads) {
        return secondsAt(heads, ROW_FLOATS);
    }

    /**
     * Seconds of one tile for a group of {@code heads} query heads, rows of {@code rowFloats}: linear in the rows'
     * length through the two lines where the wide one was measured, never below nothing.
     */
    public double secondsAt(double heads, double rowFloats) {
        return Math.max(0, atLength(oneHead.value(), wideOneHead, rowFloats)
                + (heads - 1) * atLength(furtherHead.value(), wideFurtherHead, rowFloats));
    }

    /** A figure at rows of {@code rowFloats}: on the line through {@code at64} and {@code at128} where measured. */
    private static double atLength(double at64, Optional<Figure> at128, double rowFloats) {
        return at128.map(w -> at64 + (w.value() - at64) * (rowFloats - ROW_FLOATS) / (WIDE_ROW_FLOATS - ROW_FLOATS))
                .orElse(at64);
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
        double factor = atLength(furtherPassFactor.map(Figure::value).orElse(1.0), wideFurtherPassFactor, rowFloats);
        double start = atLength(pairedStart.map(Figure::value).orElse(0.0), widePairedStart, rowFloats);
        return secondsAt(Math.min(heads, headsAPass), rowFloats) + further * Math.max(0, factor)
                + (heads > headsAPass ? Math.max(0, start) : 0);
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
                * Math.max(0, atLength(oneHead.value(), wideOneHead, rowFloats)
                        - atLength(furtherHead.value(), wideFurtherHead, rowFloats));
    }
}
