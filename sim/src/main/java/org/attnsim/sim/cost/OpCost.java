package org.attnsim.sim.cost;

/**
 * The work of one operation (usually one kernel, or a few fused ones), for a single repetition.
 *
 * @param matrixFlops  FLOPs on the matrix unit (tensor cores; the FMA pipes of a CPU)
 * @param vectorOps    instructions per element summed over elements on the FP32/INT32 vector lanes
 *                     (max, add, fused multiply-add, convert, random bits, ...)
 * @param exponentials exponentials on the special-function unit
 * @param deviceBytes  bytes read and written at device memory (HBM, DRAM)
 * @param cacheBytes   bytes served by the last-level cache, misses included (so at least deviceBytes)
 * @param tiles        independent work items the kernel offers to the SMs or cores
 * @param launches     kernel launches
 * @param repeats      how many times the op runs in the step (layers)
 * @param padding      executed / counted compute work: a tiled kernel computes whole tiles and masks
 *                     the rest, so timing uses the padded work while FLOP counts keep the convention
 * @param dependentPasses sequential passes each work item makes, each waiting a memory round trip
 *                     (0 for ops whose latency is hidden)
 * @param residentPerUnit work items one SM or core runs at once, for {@code dependentPasses}
 * @param chainedFlops of the matrix FLOPs, those that each work item accumulates in a few dependent chains
 *                     that the core cannot overlap with its other work (a dot product followed by the
 *                     update that needs it); on a device that cannot hide FMA latency they run at
 *                     {@code chainWidth} times the one-chain rate
 * @param chainWidth   independent accumulators a work item keeps in flight for {@code chainedFlops}
 * @param chainLength  elements of each dot product in those chains (0: not known), whose one-chain rate a profile may
 *                     have measured by length
 * @param pageRunBytes of the device bytes, those each work item reads as runs of at most a page, in a loop
 *                     of their own (its arithmetic comes before or after, not alongside)
 * @param hostSeconds  host time per repetition beyond the launches' latency: the Python launcher of
 *                     Triton kernels, which the device waits for when the kernels before are short
 * @param otherVectorOps of the vector ops, those that are not fp32 add, multiply or FMA (integer arithmetic
 *                     and logic, compare, min, max, converts): on a GPU they run on the INT32 lanes
 * @param scalarOps    of the vector ops, those each work item runs on its own (loops of data-dependent
 *                     length, counts at data-dependent addresses): a CPU OpenCL compiler vectorises a kernel
 *                     across work items that run in lockstep, so these run as scalar code at its own rate
 * @param scalarExponentials of the exponentials, those a work item takes a few at a time inside such a loop of
 *                     its own (an online softmax kept a few scores at a time), one call at a time on a CPU
 * @param fmaExponentials of the exponentials, those the kernel computes with multiplies and FMAs on the pipes
 *                     its matrix work uses ({@value #FMA_EXP_INSTRUCTIONS} instructions each: attnsim's
 *                     FmaExponential on a CPU), not on a special-function unit or the OpenCL library's
 * @param statisticsApart whether its vector ops and exponentials run in a pass of their own over a block
 *                     its matrix work has just left in the cache (a block's softmax statistics), with no
 *                     device reads alongside them
 * @param tileLoops    tiles of {@link org.attnsim.hwmodels.DecodeTile#ROWS} rows that a decoding kernel's work
 *                     items walk, all together (0: not such a loop); a profile that measured that loop times
 *                     them at its {@code decodeTile} figure instead of the op's arithmetic
 * @param tileHeads    query heads each of those tiles is scored for
 * @param tileHeadsAPass of those heads, how many a pass over a tile scores: the first pass reads the tile from
 *                     memory, the further passes find it in the core's cache and overlap no reads (attnsim's CPU
 *                     decoding kernel, DecodeAttentionKernel)
 * @param itemLoops    whether each work item runs its part alone, in loops of its own: first a loop of independent
 *                     loads (its {@code dependentPasses}' round trips), then its arithmetic over what they brought
 *                     in; where a unit runs one work item at a time (a CPU core) the two add, and the matrix FLOPs
 *                     take the rate of FMAs in a per-item loop, which the compiler does not vectorise across work
 *                     items (SparQ's exact stage: each item a head, over rows gathered by index)
 * @param onceScoreHeads query heads that SparQ's approximate scores with K stored once dot each streamed row with
 *                     (0: not such a loop); on a CPU whose profile measured that loop
 *                     ({@link org.attnsim.hwmodels.ScoresArithmetic}), its factor at that many heads a row
 *                     scales the op's matrix time
 * @param twiceScoreHeads the same for SparQ's approximate scores with K stored twice: the query heads that each column
 *                     piece is added into (0: not such a loop)
 * @param furtherPassBytes of the page-run bytes, those that K-twice scores read in passes (attnsim's kernel above r
 *                     16) read in their passes after the first (0: not read in passes); on a CPU whose profile
 *                     measured that kernel, its factors apply instead, and these bytes take the lower of the page-run
 *                     bandwidth and the rate measured on that loop, as the core's time
 * @param forwardHeadDim the head dimension of an attention-forward kernel's loops (0: not such an op); on a CPU whose
 *                     profile measured attnsim's forward kernel ({@link org.attnsim.hwmodels.ForwardArithmetic}), its
 *                     factor at that d scales the op's matrix time
 */
public record OpCost(
        String name,
        OpGroup group,
        Pass pass,
        double matrixFlops,
        double vectorOps,
        double exponentials,
        double deviceBytes,
        double cacheBytes,
        double tiles,
        int launches,
        int repeats,
        double padding,
        double dependentPasses,
        int residentPerUnit,
        double chainedFlops,
        int chainWidth,
        double chainLength,
        double pageRunBytes,
        double hostSeconds,
        double otherVectorOps,
        double scalarOps,
        double scalarExponentials,
        double fmaExponentials,
        boolean statisticsApart,
        double tileLoops,
        double tileHeads,
        double tileHeadsAPass,
        boolean itemLoops,
        double onceScoreHeads,
        double twiceScoreHeads,
        double furtherPassBytes,
        double forwardHeadDim) {

    /** Multiplies and FMAs of one of attnsim's own exponentials: one scaling, 7 FMAs by Horner's rule, 8 squarings. */
    public static final int FMA_EXP_INSTRUCTIONS = 16;

    public OpCost {
        if (chainWidth < 1 || chainedFlops < 0 || chainedFlops > matrixFlops) {
            throw new IllegalArgumentException(name + ": " + chainedFlops + " chained FLOPs in " + chainWidth
                    + " chains, of " + matrixFlops + " matrix FLOPs");
        }
        if (pageRunBytes < 0 || pageRunBytes > deviceBytes) {
            throw new IllegalArgumentException(name + ": " + pageRunBytes + " bytes in page runs, of " + deviceBytes);
        }
        if (furtherPassBytes < 0 || furtherPassBytes > pageRunBytes) {
            throw new IllegalArgumentException(name + ": " + furtherPassBytes + " bytes in further passes, of "
                    + pageRunBytes + " in page runs");
        }
        if (otherVectorOps < 0 || otherVectorOps > vectorOps) {
            throw new IllegalArgumentException(name + ": " + otherVectorOps + " integer or compare ops, of "
                    + vectorOps + " vector ops");
        }
        if (scalarOps < 0 || scalarOps > vectorOps) {
            throw new IllegalArgumentException(name + ": " + scalarOps + " scalar ops, of " + vectorOps + " vector ops");
        }
        if (scalarExponentials < 0 || scalarExponentials > exponentials) {
            throw new IllegalArgumentException(name + ": " + scalarExponentials + " scalar exponentials, of "
                    + exponentials);
        }
        if (fmaExponentials < 0 || fmaExponentials > exponentials - scalarExponentials) {
            throw new IllegalArgumentException(name + ": " + fmaExponentials + " exponentials on the FMA pipes, of "
                    + (exponentials - scalarExponentials) + " not taken a few at a time");
        }
        if (tileHeadsAPass < 1) {
            throw new IllegalArgumentException(name + ": " + tileHeadsAPass + " heads a pass over a tile");
        }
        if (onceScoreHeads < 0 || twiceScoreHeads < 0 || onceScoreHeads > 0 && twiceScoreHeads > 0) {
            throw new IllegalArgumentException(name + ": " + onceScoreHeads + " heads a row of K-once scores and "
                    + twiceScoreHeads + " of K-twice ones");
        }
        if (forwardHeadDim < 0) {
            throw new IllegalArgumentException(name + ": head dimension " + forwardHeadDim);
        }
        if (hostSeconds < 0) {
            throw new IllegalArgumentException(name + ": " + hostSeconds + " s of host time");
        }
    }

    /** An op whose executed work is exactly its counted work. */
    public OpCost(String name, OpGroup group, Pass pass, double matrixFlops, double vectorOps, double exponentials,
            double deviceBytes, double cacheBytes, double tiles, int launches, int repeats) {
        this(name, group, pass, matrixFlops, vectorOps, exponentials, deviceBytes, cacheBytes, tiles, launches,
                repeats, 1.0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, false, 0, 1, 1, false, 0, 0, 0, 0);
    }

    /** An op with tile padding and no dependent passes. */
    public OpCost(String name, OpGroup group, Pass pass, double matrixFlops, double vectorOps, double exponentials,
            double deviceBytes, double cacheBytes, double tiles, int launches, int repeats, double padding) {
        this(name, group, pass, matrixFlops, vectorOps, exponentials, deviceBytes, cacheBytes, tiles, launches,
                repeats, padding, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, false, 0, 1, 1, false, 0, 0, 0, 0);
    }

    /** An op with dependent passes (see {@code dependentPasses}) and no FMA chains. */
    public OpCost(String name, OpGroup group, Pass pass, double matrixFlops, double vectorOps, double exponentials,
            double deviceBytes, double cacheBytes, double tiles, int launches, int repeats, double padding,
            double dependentPasses, int residentPerUnit) {
        this(name, group, pass, matrixFlops, vectorOps, exponentials, deviceBytes, cacheBytes, tiles, launches,
                repeats, padding, dependentPasses, residentPerUnit, 0, 1, 0, 0, 0, 0, 0, 0, 0, false, 0, 1, 1, false,
                0, 0, 0, 0);
    }

    public OpCost withRepeats(int times) {
        return new OpCost(name, group, pass, matrixFlops, vectorOps, exponentials, deviceBytes, cacheBytes, tiles,
                launches, times, padding, dependentPasses, residentPerUnit, chainedFlops, chainWidth, chainLength,
                pageRunBytes, hostSeconds, otherVectorOps, scalarOps, scalarExponentials, fmaExponentials,
                statisticsApart, tileLoops, tileHeads, tileHeadsAPass, itemLoops, onceScoreHeads, twiceScoreHeads,
                furtherPassBytes, forwardHeadDim);
    }

    /** This op in {@code count} kernel launches. */
    public OpCost withLaunches(int count) {
        return new OpCost(name, group, pass, matrixFlops, vectorOps, exponentials, deviceBytes, cacheBytes, tiles,
                count, repeats, padding, dependentPasses, residentPerUnit, chainedFlops, chainWidth, chainLength,
                pageRunBytes, hostSeconds, otherVectorOps, scalarOps, scalarExponentials, fmaExponentials,
                statisticsApart, tileLoops, tileHeads, tileHeadsAPass, itemLoops, onceScoreHeads, twiceScoreHeads,
                furtherPassBytes, forwardHeadDim);
    }

    /**
     * This op with {@code flops} of its matrix FLOPs accumulated in {@code width} dependent chains per work item, each
     * a dot product of {@code length} elements.
     */
    public OpCost withChains(double flops, int width, double length) {
        return new OpCost(name, group, pass, matrixFlops, vectorOps, exponentials, deviceBytes, cacheBytes, tiles,
                launches, repeats, padding, dependentPasses, residentPerUnit, flops, width, length, pageRunBytes,
                hostSeconds, otherVectorOps, scalarOps, scalarExponentials, fmaExponentials,
                statisticsApart, tileLoops, tileHeads, tileHeadsAPass, itemLoops, onceScoreHeads, twiceScoreHeads,
                furtherPassBytes, forwardHeadDim);
    }

    /** This op with {@code bytes} of its device bytes read in page-sized runs, in a loop of their own. */
    public OpCost withPageRuns(double bytes) {
        return new OpCost(name, group, pass, matrixFlops, vectorOps, exponentials, deviceBytes, cacheBytes, tiles,
                launches, repeats, padding, dependentPasses, residentPerUnit, chainedFlops, chainWidth, chainLength,
                bytes, hostSeconds, otherVectorOps, scalarOps, scalarExponentials, fmaExponentials,
                statisticsApart, tileLoops, tileHeads, tileHeadsAPass, itemLoops, onceScoreHeads, twiceScoreHeads,
                furtherPassBytes, forwardHeadDim);
    }

    /** This op with {@code seconds} of host time per repetition on top of its launches' latency. */
    public OpCost withHostSeconds(double seconds) {
        return new OpCost(name, group, pass, matrixFlops, vectorOps, exponentials, deviceBytes, cacheBytes, tiles,
                launches, repeats, padding, dependentPasses, residentPerUnit, chainedFlops, chainWidth, chainLength,
                pageRunBytes, seconds, otherVectorOps, scalarOps, scalarExponentials, fmaExponentials,
                statisticsApart, tileLoops, tileHeads, tileHeadsAPass, itemLoops, onceScoreHeads, twiceScoreHeads,
                furtherPassBytes, forwardHeadDim);
    }

    /** This op with {@code ops} of its vector ops on the integer and compare lanes (see {@code otherVectorOps}). */
    public OpCost withOtherVectorOps(double ops) {
        return new OpCost(name, group, pass, matrixFlops, vectorOps, exponentials, deviceBytes, cacheBytes, tiles,
                launches, repeats, padding, dependentPasses, residentPerUnit, chainedFlops, chainWidth, chainLength,
                pageRunBytes, hostSeconds, ops, scalarOps, scalarExponentials, fmaExponentials,
                statisticsApart, tileLoops, tileHeads, tileHeadsAPass, itemLoops, onceScoreHeads, twiceScoreHeads,
                furtherPassBytes, forwardHeadDim);
    }

    /** This op with {@code ops} of its vector ops run by each work item on its own (see {@code scalarOps}). */
    public OpCost withScalarOps(double ops) {
        return new OpCost(name, group, pass, matrixFlops, vectorOps, exponentials, deviceBytes, cacheBytes, tiles,
                launches, repeats, padding, dependentPasses, residentPerUnit, chainedFlops, chainWidth, chainLength,
                pageRunBytes, hostSeconds, otherVectorOps, ops, scalarExponentials, fmaExponentials,
                statisticsApart, tileLoops, tileHeads, tileHeadsAPass, itemLoops, onceScoreHeads, twiceScoreHeads,
                furtherPassBytes, forwardHeadDim);
    }

    /** This op with {@code exps} of its exponentials taken a few at a time in a loop (see {@code scalarExponentials}). */
    public OpCost withScalarExponentials(double exps) {
        return new OpCost(name, group, pass, matrixFlops, vectorOps, exponentials, deviceBytes, cacheBytes, tiles,
                launches, repeats, padding, dependentPasses, residentPerUnit, chainedFlops, chainWidth, chainLength,
                pageRunBytes, hostSeconds, otherVectorOps, scalarOps, exps, fmaExponentials,
                statisticsApart, tileLoops, tileHeads, tileHeadsAPass, itemLoops, onceScoreHeads, twiceScoreHeads,
                furtherPassBytes, forwardHeadDim);
    }

    /** This op with {@code exps} of its exponentials computed on the FMA pipes (see {@code fmaExponentials}). */
    public OpCost withFmaExponentials(double exps) {
        return new OpCost(name, group, pass, matrixFlops, vectorOps, exponentials, deviceBytes, cacheBytes, tiles,
                launches, repeats, padding, dependentPasses, residentPerUnit, chainedFlops, chainWidth, chainLength,
                pageRunBytes, hostSeconds, otherVectorOps, scalarOps, scalarExponentials, exps,
                statisticsApart, tileLoops, tileHeads, tileHeadsAPass, itemLoops, onceScoreHeads, twiceScoreHeads,
                furtherPassBytes, forwardHeadDim);
    }

    /** This op with its vector ops and exponentials in a pass of their own (see {@code statisticsApart}). */
    public OpCost withStatisticsApart() {
        return new OpCost(name, group, pass, matrixFlops, vectorOps, exponentials, deviceBytes, cacheBytes, tiles,
                launches, repeats, padding, dependentPasses, residentPerUnit, chainedFlops, chainWidth, chainLength,
                pageRunBytes, hostSeconds, otherVectorOps, scalarOps, scalarExponentials, fmaExponentials,
                true, tileLoops, tileHeads, tileHeadsAPass, itemLoops, onceScoreHeads, twiceScoreHeads,
                furtherPassBytes, forwardHeadDim);
    }

    /** This op as a decoding kernel's loop of {@code loops} tiles, each scored for {@code heads} heads in one pass. */
    public OpCost withTileLoops(double loops, double heads) {
        return withTileLoops(loops, heads, heads);
    }

    /**
     * This op as a decoding kernel's loop of {@code loops} tiles, each scored for {@code heads} heads,
     * {@code headsAPass} of them a pass over the tile (see {@code tileHeadsAPass}).
     */
    public OpCost withTileLoops(double loops, double heads, double headsAPass) {
        return new OpCost(name, group, pass, matrixFlops, vectorOps, exponentials, deviceBytes, cacheBytes, tiles,
                launches, repeats, padding, dependentPasses, residentPerUnit, chainedFlops, chainWidth, chainLength,
                pageRunBytes,
                hostSeconds, otherVectorOps, scalarOps, scalarExponentials, fmaExponentials, statisticsApart, loops,
                heads, headsAPass, itemLoops, onceScoreHeads, twiceScoreHeads,
                furtherPassBytes, forwardHeadDim);
    }

    /** This op as work items that each run alone, round trips first (see {@code itemLoops}). */
    public OpCost withItemLoops() {
        return new OpCost(name, group, pass, matrixFlops, vectorOps, exponentials, deviceBytes, cacheBytes, tiles,
                launches, repeats, padding, dependentPasses, residentPerUnit, chainedFlops, chainWidth, chainLength,
                pageRunBytes,
                hostSeconds, otherVectorOps, scalarOps, scalarExponentials, fmaExponentials, statisticsApart, tileLoops,
                tileHeads, tileHeadsAPass, true, onceScoreHeads, twiceScoreHeads,
                furtherPassBytes, forwardHeadDim);
    }

    /** This op as SparQ's K-once scores, each streamed row dotted with {@code heads} query heads. */
    public OpCost withOnceScoreHeads(double heads) {
        return new OpCost(name, group, pass, matrixFlops, vectorOps, exponentials, deviceBytes, cacheBytes, tiles,
                launches, repeats, padding, dependentPasses, residentPerUnit, chainedFlops, chainWidth, chainLength,
                pageRunBytes,
                hostSeconds, otherVectorOps, scalarOps, scalarExponentials, fmaExponentials, statisticsApart, tileLoops,
                tileHeads, tileHeadsAPass, itemLoops, heads, twiceScoreHeads, furtherPassBytes, forwardHeadDim);
    }

    /**
     * This op as SparQ's K-twice scores, each column piece added into {@code heads} query heads' blocks, {@code
     * furtherPassBytes} of its page runs read in passes after the first (0: the columns not read in passes).
     */
    public OpCost withTwiceScoreHeads(double heads, double furtherPassBytes) {
        return new OpCost(name, group, pass, matrixFlops, vectorOps, exponentials, deviceBytes, cacheBytes, tiles,
                launches, repeats, padding, dependentPasses, residentPerUnit, chainedFlops, chainWidth, chainLength,
                pageRunBytes,
                hostSeconds, otherVectorOps, scalarOps, scalarExponentials, fmaExponentials, statisticsApart, tileLoops,
                tileHeads, tileHeadsAPass, itemLoops, onceScoreHeads, heads, furtherPassBytes, forwardHeadDim);
    }

    /** Whether this op is K-twice scores that read their columns in passes (see {@code furtherPassBytes}). */
    public boolean twiceScoresInPasses() {
        return furtherPassBytes > 0;
    }

    /** All FLOPs of one repetition: matrix FLOPs plus vector operations, one FLOP each. */
    public double flops() {
        return matrixFlops + vectorOps;
    }

    /** This op as attnsim's attention-forward kernel at head dimension {@code headDim} (see {@code forwardHeadDim}). */
    public OpCost withForwardHeadDim(double headDim) {
        return new OpCost(name, group, pass, matrixFlops, vectorOps, exponentials, deviceBytes, cacheBytes, tiles,
                launches, repeats, padding, dependentPasses, residentPerUnit, chainedFlops, chainWidth, chainLength,
                pageRunBytes,
                hostSeconds, otherVectorOps, scalarOps, scalarExponentials, fmaExponentials, statisticsApart, tileLoops,
                tileHeads, tileHeadsAPass, itemLoops, onceScoreHeads, twiceScoreHeads,
                furtherPassBytes, headDim);
    }
}
