package org.attnsim.sim.roofline;

import java.util.Optional;
import org.attnsim.hwmodels.DecodeTile;
import org.attnsim.hwmodels.DecodeTileQuantised;
import org.attnsim.hwmodels.DeviceKind;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.Efficiency;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.ScoresArithmetic;
import org.attnsim.sim.cost.OpCost;
import org.attnsim.sim.workload.KvDtype;

/**
 * The roofline timing model: for each unit, work / (peak x efficiency); the compute units (tensor
 * cores, vector lanes, special-function units) of a GPU are separate pipes fed by different warps, so
 * they overlap and the longest sets the pace, unless {@link Term#SOFTMAX_SERIALISATION} is on (one warp
 * does its matmul, then its softmax); on a CPU matrix, vector and exponential work share the same SIMD
 * pipes and add up; memory levels overlap with compute (hardware prefetchers on a CPU, other warps on
 * a GPU); each launch adds the fixed latency, and a Triton launcher its host time.
 *
 * <pre>
 * t_unit    = work x padding / (peak x fraction x wave) + n_half / (peak x fraction)   per unit, one repeat
 * t_vector += scalar ops x padding / (scalar rate x wave)   a work item's own loops, on a CPU
 * t_exp    += scalar exps x padding / (scalar exp rate x wave)   likewise
 * t_exp    += FMA-pipe exps x 16 x 2 x padding / (matrix rate x wave)   a kernel's own exponentials
 * t_matrix += max(0, chained / (chains x one-chain rate(dot length)) - chained / rate)   FMA latency not hidden
 * t_matrix  = tiles x t_tile(heads) / units, t_vector = t_exp = 0   a GPU decoding kernel's tile loop, measured
 * t_compute = max(t_matrix, t_vector, t_exp)   (their sum with softmax-serialisation or on a CPU,
 *             where page-run reads in a loop of their own, page-run bytes / page-run bandwidth, add too, those of
 *             a K-twice scores loop's further passes at the loop's measured rate where that is lower,
 *             less the matrix time of one FMA per element read, which runs inside the runs)
 * t_memory  = (device bytes - page-run bytes counted above) / bandwidth
 * t_overlap = max(t_compute, t_memory), or (t_compute^p + t_memory^p)^(1/p) with the profile's measured
 *             overlap exponent p (see {@link Overlap}); on a CPU, an op whose statistics run in a pass of
 *             their own overlaps only t_compute - t_vector - t_exp and adds t_vector + t_exp after, its
 *             t_vector = vector ops x 2 x padding / (matrix rate x wave), a loop the compiler vectorises
 * t_latency = waves of resident work items x dependent passes x memory latency
 *             (on a CPU, work items that run alone, loads first, take their FMAs at the per-item loop rate,
 *             vector peak x vector fraction)
 * t_passes  = scores x measured seconds a score / (units x wave)   a fused K-twice step read in passes, on a CPU
 * t_op      = repeats x (max(t_overlap, t_cache, t_latency) + t_passes + launches x launch latency + host time
 *             + t_start)
 *             with the launch latency after other work and t_start each op's start after it, where the profile
 *             measured them (launch-after-work), a stage of a fused launch (an op with no launch of its own) the
 *             stage start where the profile measured one; else the back-to-back latency and no t_start
 * </pre>
 */
public final class Roofline {

    /** Datasheet FP32 rates count a fused multiply-add as two FLOPs; one lane does one instruction a clock. */
    static final double FLOPS_PER_VECTOR_OP = 2;

    private Roofline() {
    }

    /**
     * What a fused SparQ step whose K-twice scores read in passes takes beyond its stages' prices, on a CPU whose
     * profile measured it a score: counted with the scores op, whose exponentials are its scores (one a score,
     * SparqDecode), a unit's share of them.
     */
    static double passesStep(OpCost op, HardwareProfile hw, Terms terms, double wave) {
        if (!op.twiceScoresInPasses() || hw.kind() != DeviceKind.CPU || !terms.has(Term.PASSES_STEP)
                || hw.twicePassesStepSecondsPerScore().isEmpty()) {
            return 0;
        }
        return hw.twicePassesStepSecondsPerScore().get().value() * op.exponentials() * op.padding()
                / (hw.parallelUnits().value() * wave);
    }

    public static OpTiming time(OpCost op, HardwareProfile hw, Dtype dtype, Terms terms) {
        return time(op, hw, dtype, KvDtype.of(dtype), terms);
    }

    /**
     * The same, with the op's KV cache in elements of {@code kvDtype}: its page runs (SparQ's K columns) read in them,
     * and a decoding loop's passes over them.
     */
    public static OpTiming time(OpCost op, HardwareProfile hw, Dtype dtype, KvDtype kvDtype, Terms terms) {
        Efficiency eff = hw.efficiency();
        boolean achievable = terms.has(Term.ACHIEVABLE_PEAK);
        boolean size = terms.has(Term.SIZE_EFFICIENCY);

        double wave = 1.0;
        if (terms.has(Term.WAVE_QUANTISATION) && op.tiles() > 0) {
            double units = hw.parallelUnits().value();
            wave = op.tiles() / (Math.ceil(op.tiles() / units) * units);
        }

        // A work item's own loop of FMAs, which the compiler does not vectorise across work items, runs at the rate
        // the vector fraction measures on a CPU (LoopFmaKernel); elsewhere the matrix unit's.
        boolean itemLoops = op.itemLoops() && hw.kind() == DeviceKind.CPU && terms.has(Term.ITEM_LOOPS);
        double vectorFraction = achievable ? eff.vectorFraction().value() : 1.0;
        double rate = itemLoops
                ? hw.vectorFlopsPerSecond().value() * vectorFraction
                : hw.matrixPeak(dtype) * (achievable ? eff.matrixFraction().value() : 1.0);
        double matrix = 0;
        if (op.matrixFlops() > 0) {
            // The n-half start-up is paid once per op; only the work itself is spread over the waves.
            matrix = op.matrixFlops() * op.padding() / (rate * wave) + (size ? eff.matrixHalfRateFlops().value() / rate : 0);
            // A GPU hides an FMA's latency behind other warps.
            if (op.chainedFlops() > 0 && terms.has(Term.FMA_LATENCY) && hw.kind() == DeviceKind.CPU
                    && hw.dependentFlopsPerSecond().isPresent()) {
                double chained = op.chainedFlops() * op.padding() / wave;
                // The one-chain rate of dots as long as the op's, where the profile measured more than one length.
                double waiting = chained / (op.chainWidth() * hw.dependentFlopsPerSecondAt(op.chainLength()).get());
                matrix += Math.max(0, waiting - chained / rate);
            }
        }
        // The vector rate is quoted in FLOPs with an FMA as two; vector work counts instructions. Integer and
        // compare instructions take the INT32 lanes' rate where the profile gives one.
        double fp32Rate = hw.vectorFlopsPerSecond().value() / FLOPS_PER_VECTOR_OP;
        double otherRate = terms.has(Term.INTEGER_LANES) && hw.otherVectorOpsPerSecond().isPresent()
                ? hw.otherVectorOpsPerSecond().get().value() : fp32Rate;
        // Scalar ops (a work item's own loops) take the measured scalar rate where the profile gives one, and
        // leave the lanes' counts; the rate is achieved, so no efficiency applies.
        boolean scalarRate = op.scalarOps() > 0 && hw.kind() == DeviceKind.CPU && terms.has(Term.SCALAR_CODE)
                && hw.scalarOpsPerSecond().isPresent();
        double scalarOps = scalarRate ? op.scalarOps() : 0;
        double otherOps = Math.max(0, op.otherVectorOps() - scalarOps);
        double fp32Ops = op.vectorOps() - scalarOps - otherOps;
        // A CPU core runs a statistics pass of its own along the block it has just left in the cache, and the
        // compiler vectorises that loop along its scores: those ops take the FMA pipes' rate, as the pass's own
        // exponentials do, not the rate of a loop that each work item runs in scalar code.
        boolean sharedPipes = hw.kind() == DeviceKind.CPU;
        boolean apart = sharedPipes && op.statisticsApart() && terms.has(Term.STATISTICS_PASS);
        double vector = op.vectorOps() <= 0 ? 0
                : apart ? op.vectorOps() * FLOPS_PER_VECTOR_OP * op.padding() / (rate * wave)
                : (fp32Ops / fp32Rate + otherOps / otherRate) * op.padding() / (vectorFraction * wave)
                        + (scalarRate ? scalarOps * op.padding() / (hw.scalarOpsPerSecond().get().value() * wave) : 0);
        // Exponentials taken a few at a time in a work item's own loop take the measured scalar rate likewise.
        double scalarExps = op.scalarExponentials() > 0 && hw.kind() == DeviceKind.CPU && terms.has(Term.SCALAR_CODE)
                && hw.scalarExponentialsPerSecond().isPresent() ? op.scalarExponentials() : 0;
        // Exponentials a kernel computes itself on the FMA pipes take their instructions at the matrix rate.
        double fmaExps = op.fmaExponentials();
        double exp = op.exponentials() <= 0 || !terms.has(Term.SPECIAL_FUNCTION_UNIT) ? 0
                : (op.exponentials() - scalarExps - fmaExps) * op.padding() / (hw.exponentialsPerSecond().value()
                        * (achievable ? eff.exponentialFraction().value() : 1.0) * wave)
                        + (scalarExps > 0 ? scalarExps * op.padding()
                                / (hw.scalarExponentialsPerSecond().get().value() * wave) : 0)
                        + fmaExps * OpCost.FMA_EXP_INSTRUCTIONS * FLOPS_PER_VECTOR_OP * op.padding() / (rate * wave);
        double cache = op.cacheBytes() <= 0 ? 0
                : op.cacheBytes() / hw.lastLevelCache().bandwidthBytesPerSecond().value();

        double latency = 0;
        if (op.dependentPasses() > 0 && terms.has(Term.DEPENDENT_LATENCY)) {
            double concurrent = hw.parallelUnits().value() * op.residentPerUnit();
            latency = Math.ceil(op.tiles() / concurrent) * op.dependentPasses() * hw.memoryLatencySeconds().value();
        }

        // A decoding kernel's loop takes the measured time of its tiles, its arithmetic in them. Passes over a tile
        // after its first find the rows in the cache: their arithmetic overlaps no reads, and each walks the rows
        // again at what one head costs beyond a further one (DecodeTile#seconds(double, double)).
        double cachedPasses = 0;
        Optional<Figure> overlapExponent = hw.overlapExponent();
        // SparQ's scores fall further behind their counted arithmetic the more heads dot each row: on a CPU whose
        // profile measured the loop by heads a row, for the way K is stored, its factor at the op's heads and head
        // size, the length of its dot products (ScoresArithmetic; at d 64 where the op does not say).
        if (hw.kind() == DeviceKind.CPU && terms.has(Term.MEASURED_OVERLAP)) {
            double scoresHeadDim = op.chainLength() > 0 ? op.chainLength() : ScoresArithmetic.HEAD_DIM;
            if (op.onceScoreHeads() > 0 && hw.onceScoresArithmetic().isPresent()) {
                matrix *= hw.onceScoresArithmetic().get().factor(op.onceScoreHeads(), scoresHeadDim);
            }
            // Read in passes, the K-twice scores are another loop, which the profile may have measured apart.
            Optional<ScoresArithmetic> twice = op.twiceScoresInPasses() && hw.twicePassesScoresArithmetic().isPresent()
                    ? hw.twicePassesScoresArithmetic() : hw.twiceScoresArithmetic();
            if (op.twiceScoreHeads() > 0 && twice.isPresent()) {
                matrix *= twice.get().factor(op.twiceScoreHeads(), scoresHeadDim);
            }
        }
        if (hw.kind() == DeviceKind.CPU && terms.has(Term.FORWARD_ARITHMETIC) && op.forwardHeadDim() > 0
                && hw.forwardArithmetic().isPresent()) {
            matrix *= hw.forwardArithmetic().get().factor(op.forwardHeadDim());
        }
        if (op.tileLoops() > 0 && terms.has(Term.DECODE_TILES) && hw.decodeTile().isPresent()) {
            // Over a quantised cache, the loop's figures over rows of its type (DecodeTileQuantised) where measured.
            DecodeTile measured = hw.decodeTile().get();
            DecodeTile tile = kvDtype.quantised().map(measured::overCache).orElse(measured);
            Optional<Figure> quantisedPasses = kvDtype.quantised().flatMap(measured::quantised)
                    .flatMap(DecodeTileQuantised::overlapExponent);
            double tilesPerUnit = op.tileLoops() / hw.parallelUnits().value();
            double firstPassHeads = Math.min(op.tileHeads(), op.tileHeadsAPass());
            // A decoding op's dot products run along its rows: their length is the rows' (0 where not known).
            double rowFloats = op.chainLength() > 0 ? op.chainLength() : DecodeTile.ROW_FLOATS;
            matrix = tilesPerUnit * tile.seconds(op.tileHeads(), op.tileHeadsAPass(), rowFloats);
            cachedPasses = matrix - tilesPerUnit * tile.secondsAt(firstPassHeads, rowFloats);
            // A pass that scores one head a row is the kernel's own measured case where the profile has it.
            if (firstPassHeads <= 1 && tile.oneHeadOverlapExponent().isPresent()) {
                overlapExponent = Optional.of(new Figure(tile.oneHeadOverlapExponentAt(rowFloats).get(),
                        "the decoding kernel's one-head exponent at its rows' length"));
            } else if (quantisedPasses.isPresent()) {
                overlapExponent = tile.overlapExponentByLength() ? Optional.of(new Figure(tile.overlapExponentAt(
                        quantisedPasses.get().value(), rowFloats), "the quantised decoding kernel's overlap exponent "
                        + "at its rows' length")) : quantisedPasses;
            } else if (overlapExponent.isPresent() && tile.overlapExponentByLength()) {
                overlapExponent = Optional.of(new Figure(tile.overlapExponentAt(overlapExponent.get().value(),
                        rowFloats), "the profile's overlap exponent at the decoding loop's rows' length"));
            }
            // A cache in another type converts its elements inside that loop, and the conversions go with the rest of
            // its arithmetic: the loop's time over rows of the cache's type where the profile measured it (on a CPU
            // each head that reads an element converts it: the further heads cost 1.07 times theirs over fp32 rows
            // over int8 rows on the Zen 5 VM, session 62, and about 2.2 times over fp8 rows, which a CPU builds from
            // their bits, session 63), else over fp32 rows. A GPU's tiled kernel converts each element once, as its
            // tile loads (not yet timed on a GPU).
            vector = 0;
            exp = 0;
        }
        // A CPU has no separate matrix or special-function unit: all three kinds of work share its SIMD pipes.
        double compute = terms.has(Term.SOFTMAX_SERIALISATION) || sharedPipes
                ? matrix + vector + exp
                : Math.max(matrix, Math.max(vector, exp));
        // A CPU core runs one work item at a time: reads in a loop of their own wait before its arithmetic. Their
        // bytes take the page-run bandwidth there and leave the memory stream, or they would count twice.
        double pageRuns = 0;
        double passLoop = 0;
        double streamed = op.deviceBytes();
        if (sharedPipes && op.pageRunBytes() > 0 && terms.has(Term.PAGE_RUNS) && hw.pageRunBytesPerSecond().isPresent()) {
            double runRate = hw.pageRunBytesPerSecond().get().value();
            // K-twice scores read in passes read the columns of their passes after the first no faster than the rate
            // measured on that kernel, where the profile has it: below the page runs' (one head a row, d 64: 39.0 and
            // 39.5 GB/s calibrated with the memory slow, page runs 42-48; 44.7 and 48.6 with it fast, session 51). A
            // core alone is taken not to read them faster, so they leave the page runs' seconds, which a fused
            // launch's other cores speed up while they are elsewhere (SharedLaunch): with them in, MHA's top-k and
            // exact stage added 56 and 226 us to its step at d 128, r 32, where their cuts measured 210 and 407.
            boolean measuredLoop = op.furtherPassBytes() > 0 && hw.twicePassesBytesPerSecond().isPresent();
            double passBytes = measuredLoop ? op.furtherPassBytes() : 0;
            passLoop = measuredLoop
                    ? passBytes / Math.min(runRate, hw.twicePassesBytesPerSecond().get().value()) : 0;
            pageRuns = (op.pageRunBytes() - passBytes) / runRate;
            // The page-run rate is measured with an add on every float read, in the loop that reads it
            // (PageRunKernel), so one FMA on each element of the runs takes no time of its own. Counted on top,
            // the speed-up of MHA's K-twice SparQ step over dense decoding came out 10-30% below the measured one
            // in nine runs (session 22). FMAs beyond that (the other heads of a query group, on the elements the
            // first head's pass left in L1) run while the prefetchers fetch the runs' next lines: they overlap the
            // runs at the measured exponent, at worst adding to them (below p = 1 the exponent slows a stream priced
            // at the triad's bandwidth; the runs' own rate is measured). Added, GQA's and SQA's K-twice steps came out
            // 3-20% slow in nine runs of twelve; overlapped, -9 to +11% in ten, and 15-18% fast in two whose every
            // decoding point ran slow (session 40).
            double inRuns = Math.min(op.matrixFlops(), 2 * op.pageRunBytes() / kvDtype.bytes()) * op.padding()
                    / (rate * wave);
            double further = Math.max(0, matrix - inRuns);
            double runs = Math.max(pageRuns + passLoop, inRuns);
            compute += (terms.has(Term.MEASURED_OVERLAP) && hw.overlapExponent().isPresent()
                    ? Overlap.seconds(further, runs, Math.max(1, hw.overlapExponent().get().value()))
                    : further + runs) - matrix;
            streamed -= op.pageRunBytes();
        }
        double memory = 0;
        if (streamed > 0) {
            double bw = hw.deviceMemory().bandwidthBytesPerSecond().value()
                    * (achievable ? eff.memoryFraction().value() : 1.0);
            memory = (streamed + (size ? eff.memoryHalfRateBytes().value() : 0)) / bw;
        }
        // A core running the statistics' pass issues no reads: that pass waits for the block and the next block's
        // reads wait for it.
        double alongside = (apart ? compute - vector - exp : compute) - cachedPasses;
        double overlapped = (terms.has(Term.MEASURED_OVERLAP) && overlapExponent.isPresent()
                ? Overlap.seconds(alongside, memory, overlapExponent.get().value())
                : Math.max(alongside, memory)) + (apart ? vector + exp : 0) + cachedPasses;
        // Work items that each wait out their round trips and then compute, one at a time on a core, take the longer
        // of the two: the rows that arrive first are computed on while the last loads are in flight. Added (as session
        // 28's probe of the stage alone found on the older VM), the exact stage was priced 15-35% above what it added
        // to SparQ's K-twice steps on the Zen 5 VM (medians by variant, 22 runs of session 48); as the longer, -24 to
        // +7%.
        double busy = Math.max(Math.max(overlapped, latency), cache) + passesStep(op, hw, terms, wave);
        // After other work (a decoder's other layers) a launch's threads wake, and each op's code and state come
        // back into the caches while it runs, a stage of a fused launch too.
        boolean afterWork = terms.has(Term.LAUNCH_LATENCY) && terms.has(Term.LAUNCH_AFTER_WORK)
                && hw.launchAfterWorkSeconds().isPresent() && hw.opStartAfterWorkSeconds().isPresent();
        double launchLatency = (afterWork ? hw.launchAfterWorkSeconds().get() : hw.launchLatencySeconds()).value();
        double launch = terms.has(Term.LAUNCH_LATENCY) ? op.launches() * launchLatency + op.hostSeconds() : 0;
        // A fused launch's stages after its first share its code's return to the caches (session 33: SparQ's fused
        // step lost 59-73 us after other work, the decoding step 35-44).
        double start = !afterWork ? 0 : op.launches() == 0 && hw.stageStartAfterWorkSeconds().isPresent()
                ? hw.stageStartAfterWorkSeconds().get().value() : hw.opStartAfterWorkSeconds().get().value();

        Bound bound;
        if (launch + start > busy) {
            bound = Bound.LAUNCH;
        } else if (latency >= compute && latency >= memory && latency >= cache) {
            bound = Bound.LATENCY;
        } else if (compute >= memory && compute >= cache) {
            double most = Math.max(matrix, Math.max(vector, exp));
            bound = pageRuns > most ? Bound.MEMORY
                    : matrix >= vector && matrix >= exp ? Bound.MATRIX : (exp >= vector ? Bound.EXPONENTIAL : Bound.VECTOR);
        } else {
            bound = memory >= cache ? Bound.MEMORY : Bound.CACHE;
        }
        return new OpTiming(op, op.repeats() * (busy + launch + start), bound, matrix, vector, exp, memory, cache,
                latency, pageRuns, passLoop, launch, start, wave);
    }
}
