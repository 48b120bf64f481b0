package org.attnsim.hwmodels;

import java.util.Map;
import java.util.Optional;

/**
 * Everything the roofline needs to know about one device; every number is a {@link Figure} with its
 * source. Rates are dense (no structured sparsity) and in base units: FLOP/s, exponentials/s, B/s.
 *
 * @param origin where the profile was read from: "bundled", a file path, or "measured on ..."
 * @param otherVectorOpsPerSecond lane-instructions/s of the vector work that is not fp32 add, multiply or
 *               FMA (32-bit integer arithmetic and logic, compare, minimum and maximum), where those run on
 *               lanes of their own at a different rate (GPUs: the INT32 cores); empty where they share the
 *               fp32 lanes' rate
 * @param dependentFlopsPerSecond FLOP/s of dot products kept in one accumulator per work item with every
 *               unit busy (as the compiler builds them: a chain of dependent FMAs, or vector partial sums
 *               where it may reassociate), for devices that cannot hide an FMA's latency behind other
 *               threads (CPU cores running work items one after another), each of {@value #DEPENDENT_DOT_LENGTH}
 *               floats; empty where latency is hidden (GPUs) or not known
 * @param dependentFlopsPerSecond128 the same for dot products of {@value #LONG_DEPENDENT_DOT_LENGTH} floats; empty
 *               where not measured (then every length takes {@code dependentFlopsPerSecond})
 * @param scalarOpsPerSecond instructions/s of scalar code that each work item runs on its own (loops of
 *               data-dependent length, counts at data-dependent addresses) with every unit busy: on a CPU,
 *               whose OpenCL compiler vectorises only work items that run in lockstep; empty where such code
 *               runs on the vector lanes' rate (GPUs) or not known
 * @param scalarExponentialsPerSecond scores/s of an online softmax kept a few scores at a time inside a work
 *               item's own loop (an exponential each, the rescale of the running sum included), with every unit
 *               busy: a CPU computes such exponentials one call at a time; empty where they run on the
 *               exponential rate (GPUs) or not known
 * @param pageRunBytesPerSecond bytes/s of reads in 4 KiB runs at random pages, one work item at a time per
 *               unit (each run starts cold: prefetchers stop at page boundaries); empty where other
 *               threads hide it (GPUs) or not known
 * @param unitBytesPerSecond bytes/s one compute unit streams from device memory while the others are idle: where it
 *               is more than its share of the device's bandwidth, a unit streaming while the others compute draws
 *               more (a CPU core running one of a launch's work-groups, see the sim's SharedLaunch); empty where
 *               not measured
 * @param unitPageRunBytesPerSecond bytes/s of the page-run reads ({@code pageRunBytesPerSecond}'s) on one compute unit
 *               while the others are idle: a unit's page runs start cold at every page, so alone it draws a smaller
 *               share of their rate than it draws of a triad's (on the Zen 5 VM 0.73 against 0.89, session 58); empty
 *               where not measured (then the triad's share, {@code unitBytesPerSecond})
 * @param overlapExponent p of t = (t_compute^p + t_memory^p)^(1/p), how far the device overlaps arithmetic
 *               with device-memory traffic (1: not at all; large: the longer of the two; below 1: not at all,
 *               and the memory at p of its bandwidth, t = t_compute + t_memory / p); empty where the roofline's
 *               full overlap is assumed (datasheet profiles)
 * @param launchAfterWorkSeconds seconds a kernel launch takes when it follows milliseconds of other work (a decoder's
 *               other layers), where the launch latency is timed back to back: the threads that run it wake; empty
 *               where not measured
 * @param opStartAfterWorkSeconds seconds each op (a stage of a fused launch too) adds after other work, as its code
 *               and state come back into the caches; empty where not measured
 * @param stageStartAfterWorkSeconds seconds each stage after the first of a fused launch (an op with no launch of
 *               its own) adds after other work; empty where not measured (such a stage then takes the op start)
 * @param gatherLinesInFlight cache lines a unit keeps under way reading rows scattered one to a page, page walks
 *               included (SparQ's exact stage on a CPU); empty where not measured
 * @param decodeTile what one tile of a decoding step's loop costs a compute unit (see {@link DecodeTile});
 *               empty where not measured (datasheet profiles)
 * @param onceScoresArithmetic on a CPU, what SparQ's K-once scores cost in arithmetic over the model's count, by query
 *               heads a row (see {@link ScoresArithmetic}); empty where not measured (1)
 * @param twiceScoresArithmetic the same for SparQ's scores with K stored twice; empty where not measured (1)
 * @param twicePassesScoresArithmetic the same for SparQ's scores with K stored twice above r 16, where attnsim's kernel
 *               reads the columns in passes; empty where not measured (then {@code twiceScoresArithmetic}'s)
 * @param twicePassesBytesPerSecond on a CPU, bytes/s at which those K-twice scores read in passes read the columns of
 *               their passes after the first, where the page-run bandwidth is higher, measured on that loop (it
 *               follows the memory's state, 39-49 GB/s on the Zen 5 VM); empty where not measured (the page-run
 *               bandwidth)
 * @param twicePassesStepSecondsPerScore on a CPU, seconds a unit takes for each approximate score (a query head at a
 *               position) in the fused SparQ step whose K-twice scores read in passes, beyond what its scores cut and
 *               the one-pass kernel's later stages take: PoCL builds that kernel's stages after the passes slower, by
 *               about 3 us a (group, query head) at S 16k on the Zen 5 VM (session 56); empty where not measured (0)
 * @param forwardArithmetic on a CPU, what attnsim's forward kernel costs in arithmetic over the model's count, by head
 *               dimension (see {@link ForwardArithmetic}); empty where not measured (1)
 */
public record HardwareProfile(
        String id,
        String name,
        DeviceKind kind,
        String origin,
        Figure parallelUnits,
        Figure clockHertz,
        Map<Dtype, Figure> matrixFlopsPerSecond,
        Figure vectorFlopsPerSecond,
        Optional<Figure> otherVectorOpsPerSecond,
        Figure exponentialsPerSecond,
        Optional<Figure> dependentFlopsPerSecond,
        Optional<Figure> dependentFlopsPerSecond128,
        Optional<Figure> scalarOpsPerSecond,
        Optional<Figure> scalarExponentialsPerSecond,
        MemoryLevel deviceMemory,
        Optional<Figure> pageRunBytesPerSecond,
        Optional<Figure> unitBytesPerSecond,
        Optional<Figure> unitPageRunBytesPerSecond,
        Optional<Figure> overlapExponent,
        MemoryLevel lastLevelCache,
        Figure sramBytesPerUnit,
        Figure sectorBytes,
        Figure launchLatencySeconds,
        Optional<Figure> launchAfterWorkSeconds,
        Optional<Figure> opStartAfterWorkSeconds,
        Optional<Figure> stageStartAfterWorkSeconds,
        Figure memoryLatencySeconds,
        Optional<Figure> gatherLinesInFlight,
        Optional<DecodeTile> decodeTile,
        Optional<ScoresArithmetic> onceScoresArithmetic,
        Optional<ScoresArithmetic> twiceScoresArithmetic,
        Optional<ScoresArithmetic> twicePassesScoresArithmetic,
        Optional<Figure> twicePassesBytesPerSecond,
        Optional<Figure> twicePassesStepSecondsPerScore,
        Optional<ForwardArithmetic> forwardArithmetic,
        Efficiency efficiency) {

    /** Floats of each dot product that {@code dependentFlopsPerSecond} is measured on. */
    public static final int DEPENDENT_DOT_LENGTH = 64;
    /** Floats of each dot product that {@code dependentFlopsPerSecond128} is measured on. */
    public static final int LONG_DEPENDENT_DOT_LENGTH = 128;

    public HardwareProfile {
        matrixFlopsPerSecond = Map.copyOf(matrixFlopsPerSecond);
    }

    /**
     * FLOP/s of one-accumulator dot products of {@code length} floats: {@code dependentFlopsPerSecond} where the length
     * is not known (0) or the profile measured no other; else with a dot's time a + b x length through the two
     * measured lengths (a per-dot start, the partial sums' reduction and the result's dependence, and a per-element
     * cost), a and b at least 0. On the Zen 5 VM a dot of 128 ran 21.0 GFLOP/s where one of 64 ran 15.3 (session 51).
     */
    public Optional<Double> dependentFlopsPerSecondAt(double length) {
        if (dependentFlopsPerSecond.isEmpty()) {
            return Optional.empty();
        }
        double rate = dependentFlopsPerSecond.get().value();
        if (length <= 0 || dependentFlopsPerSecond128.isEmpty()) {
            return Optional.of(rate);
        }
        double shortDot = 2.0 * DEPENDENT_DOT_LENGTH / rate;
        double longDot = 2.0 * LONG_DEPENDENT_DOT_LENGTH / dependentFlopsPerSecond128.get().value();
        double perElement = Math.max(0, (longDot - shortDot) / (LONG_DEPENDENT_DOT_LENGTH - DEPENDENT_DOT_LENGTH));
        double start = Math.max(0, shortDot - perElement * DEPENDENT_DOT_LENGTH);
        return Optional.of(2 * length / (start + perElement * length));
    }

    /**
     * This profile with the rates a calibration measures replaced; its identity, caches, latencies and
     * efficiency stay.
     */
    public HardwareProfile withRates(Map<Dtype, Figure> matrix, Figure vector, Figure exponentials,
            Optional<Figure> dependent, Optional<Figure> scalar, Optional<Figure> scalarExponentials, MemoryLevel memory,
            Optional<Figure> pageRuns) {
        Copy c = new Copy(this);
        c.matrixFlopsPerSecond = matrix;
        c.vectorFlopsPerSecond = vector;
        c.exponentialsPerSecond = exponentials;
        c.dependentFlopsPerSecond = dependent;
        c.scalarOpsPerSecond = scalar;
        c.scalarExponentialsPerSecond = scalarExponentials;
        c.deviceMemory = memory;
        c.pageRunBytesPerSecond = pageRuns;
        return c.build();
    }

    /**
     * This profile with its device memory replaced (a bandwidth measured under other conditions). A last-level
     * cache slower than the new device memory is raised to it: a cache is never slower than the memory behind
     * it. (A calibration whose cache-resident triads ran no faster than its stream takes the stream's bandwidth
     * for the cache; a faster stream measured later would otherwise leave the cache below the memory, and bind
     * every op that reads through the cache.)
     */
    public HardwareProfile withDeviceMemory(MemoryLevel replacement) {
        double memory = replacement.bandwidthBytesPerSecond().value();
        Figure cacheBandwidth = lastLevelCache.bandwidthBytesPerSecond();
        Copy c = new Copy(this);
        c.deviceMemory = replacement;
        if (cacheBandwidth.value() < memory) {
            Figure raised = new Figure(memory, "the device memory's bandwidth ("
                    + replacement.bandwidthBytesPerSecond().source() + "), which a cache is never below; the "
                    + "cache's own figure was " + Quantity.format(cacheBandwidth.value(), "B/s") + " ("
                    + cacheBandwidth.source() + ")");
            c.lastLevelCache = new MemoryLevel(lastLevelCache.name(), raised, lastLevelCache.capacityBytes());
        }
        return c.build();
    }

    /** This profile with its device memory's bandwidth replaced; its name and capacity stay. */
    public HardwareProfile withDeviceBandwidth(Figure replacement) {
        return withDeviceMemory(new MemoryLevel(deviceMemory.name(), replacement, deviceMemory.capacityBytes()));
    }

    /** This profile with its page-run bandwidth replaced (a rate measured under other conditions). */
    public HardwareProfile withPageRunBandwidth(Figure replacement) {
        Copy c = new Copy(this);
        c.pageRunBytesPerSecond = Optional.of(replacement);
        return c.build();
    }

    /**
     * This profile with its launch latency, op start and stage start after other work replaced (empty: not
     * measured).
     */
    public HardwareProfile withLaunchAfterWork(Optional<Figure> launch, Optional<Figure> opStart,
            Optional<Figure> stageStart) {
        Copy c = new Copy(this);
        c.launchAfterWorkSeconds = launch;
        c.opStartAfterWorkSeconds = opStart;
        c.stageStartAfterWorkSeconds = stageStart;
        return c.build();
    }

    /** This profile with its one-unit bandwidth replaced (empty: not measured). */
    public HardwareProfile withUnitBandwidth(Optional<Figure> replacement) {
        Copy c = new Copy(this);
        c.unitBytesPerSecond = replacement;
        return c.build();
    }

    /** This profile with its page runs' bandwidth on one unit replaced (empty: not measured). */
    public HardwareProfile withUnitPageRunBandwidth(Optional<Figure> replacement) {
        Copy c = new Copy(this);
        c.unitPageRunBytesPerSecond = replacement;
        return c.build();
    }

    /** This profile with its overlap exponent replaced (empty: the roofline's full overlap). */
    public HardwareProfile withOverlapExponent(Optional<Figure> replacement) {
        Copy c = new Copy(this);
        c.overlapExponent = replacement;
        return c.build();
    }

    /** This profile with its gathered lines in flight replaced (empty: not measured). */
    public HardwareProfile withGatherLinesInFlight(Optional<Figure> replacement) {
        Copy c = new Copy(this);
        c.gatherLinesInFlight = replacement;
        return c.build();
    }

    /** This profile with its decoding tile loop's cost replaced (empty: not measured). */
    public HardwareProfile withDecodeTile(Optional<DecodeTile> replacement) {
        Copy c = new Copy(this);
        c.decodeTile = replacement;
        return c.build();
    }

    /** This profile with its K-once scores' arithmetic factors by heads a row replaced (empty: not measured). */
    public HardwareProfile withOnceScoresArithmetic(Optional<ScoresArithmetic> replacement) {
        Copy c = new Copy(this);
        c.onceScoresArithmetic = replacement;
        return c.build();
    }

    /** This profile with its K-twice scores' arithmetic factors by heads a row replaced (empty: not measured). */
    public HardwareProfile withTwiceScoresArithmetic(Optional<ScoresArithmetic> replacement) {
        Copy c = new Copy(this);
        c.twiceScoresArithmetic = replacement;
        return c.build();
    }

    /**
     * This profile with its factors for the K-twice scores read in passes (above r 16) by heads a row replaced (empty:
     * not measured).
     */
    public HardwareProfile withTwicePassesScoresArithmetic(Optional<ScoresArithmetic> replacement) {
        Copy c = new Copy(this);
        c.twicePassesScoresArithmetic = replacement;
        return c.build();
    }

    /** This profile with the rate of one-accumulator dot products of 128 floats replaced (empty: not measured). */
    public HardwareProfile withDependentFmaRate128(Optional<Figure> replacement) {
        Copy c = new Copy(this);
        c.dependentFlopsPerSecond128 = replacement;
        return c.build();
    }

    /** This profile with the rate of the K-twice scores' passes after the first replaced (empty: not measured). */
    public HardwareProfile withTwicePassesBandwidth(Optional<Figure> replacement) {
        Copy c = new Copy(this);
        c.twicePassesBytesPerSecond = replacement;
        return c.build();
    }

    /**
     * This profile with the seconds a score of the fused K-twice step read in passes takes beyond its cuts replaced
     * (empty: not measured).
     */
    public HardwareProfile withTwicePassesStep(Optional<Figure> replacement) {
        Copy c = new Copy(this);
        c.twicePassesStepSecondsPerScore = replacement;
        return c.build();
    }

    /** This profile with its forward kernel's arithmetic factors by head dimension replaced (empty: not measured). */
    public HardwareProfile withForwardArithmetic(Optional<ForwardArithmetic> replacement) {
        Copy c = new Copy(this);
        c.forwardArithmetic = replacement;
        return c.build();
    }

    /** This profile with its efficiency replaced. */
    public HardwareProfile withEfficiency(Efficiency replacement) {
        Copy c = new Copy(this);
        c.efficiency = replacement;
        return c.build();
    }

    /** Peak matrix-unit rate for {@code dtype}; every profile lists all dtypes (validated on load). */
    public double matrixPeak(Dtype dtype) {
        return matrixFlopsPerSecond.get(dtype).value();
    }

    public int units() {
        return (int) parallelUnits.value();
    }

    /** The components as fields, so that each {@code with} method names only the ones it replaces. */
    private static final class Copy {
        private final String id;
        private final String name;
        private final DeviceKind kind;
        private final String origin;
        private final Figure parallelUnits;
        private final Figure clockHertz;
        private Map<Dtype, Figure> matrixFlopsPerSecond;
        private Figure vectorFlopsPerSecond;
        private final Optional<Figure> otherVectorOpsPerSecond;
        private Figure exponentialsPerSecond;
        private Optional<Figure> dependentFlopsPerSecond;
        private Optional<Figure> dependentFlopsPerSecond128;
        private Optional<Figure> scalarOpsPerSecond;
        private Optional<Figure> scalarExponentialsPerSecond;
        private MemoryLevel deviceMemory;
        private Optional<Figure> pageRunBytesPerSecond;
        private Optional<Figure> unitBytesPerSecond;
        private Optional<Figure> unitPageRunBytesPerSecond;
        private Optional<Figure> overlapExponent;
        private MemoryLevel lastLevelCache;
        private final Figure sramBytesPerUnit;
        private final Figure sectorBytes;
        private final Figure launchLatencySeconds;
        private Optional<Figure> launchAfterWorkSeconds;
        private Optional<Figure> opStartAfterWorkSeconds;
        private Optional<Figure> stageStartAfterWorkSeconds;
        private final Figure memoryLatencySeconds;
        private Optional<Figure> gatherLinesInFlight;
        private Optional<DecodeTile> decodeTile;
        private Optional<ScoresArithmetic> onceScoresArithmetic;
        private Optional<ScoresArithmetic> twiceScoresArithmetic;
        private Optional<ScoresArithmetic> twicePassesScoresArithmetic;
        private Optional<Figure> twicePassesBytesPerSecond;
        private Optional<Figure> twicePassesStepSecondsPerScore;
        private Optional<ForwardArithmetic> forwardArithmetic;
        private Efficiency efficiency;

        private Copy(HardwareProfile p) {
            id = p.id;
            name = p.name;
            kind = p.kind;
            origin = p.origin;
            parallelUnits = p.parallelUnits;
            clockHertz = p.clockHertz;
            matrixFlopsPerSecond = p.matrixFlopsPerSecond;
            vectorFlopsPerSecond = p.vectorFlopsPerSecond;
            otherVectorOpsPerSecond = p.otherVectorOpsPerSecond;
            exponentialsPerSecond = p.exponentialsPerSecond;
            dependentFlopsPerSecond = p.dependentFlopsPerSecond;
            dependentFlopsPerSecond128 = p.dependentFlopsPerSecond128;
            scalarOpsPerSecond = p.scalarOpsPerSecond;
            scalarExponentialsPerSecond = p.scalarExponentialsPerSecond;
            deviceMemory = p.deviceMemory;
            pageRunBytesPerSecond = p.pageRunBytesPerSecond;
            unitBytesPerSecond = p.unitBytesPerSecond;
            unitPageRunBytesPerSecond = p.unitPageRunBytesPerSecond;
            overlapExponent = p.overlapExponent;
            lastLevelCache = p.lastLevelCache;
            sramBytesPerUnit = p.sramBytesPerUnit;
            sectorBytes = p.sectorBytes;
            launchLatencySeconds = p.launchLatencySeconds;
            launchAfterWorkSeconds = p.launchAfterWorkSeconds;
            opStartAfterWorkSeconds = p.opStartAfterWorkSeconds;
            stageStartAfterWorkSeconds = p.stageStartAfterWorkSeconds;
            memoryLatencySeconds = p.memoryLatencySeconds;
            gatherLinesInFlight = p.gatherLinesInFlight;
            decodeTile = p.decodeTile;
            onceScoresArithmetic = p.onceScoresArithmetic;
            twiceScoresArithmetic = p.twiceScoresArithmetic;
            twicePassesScoresArithmetic = p.twicePassesScoresArithmetic;
            twicePassesBytesPerSecond = p.twicePassesBytesPerSecond;
            twicePassesStepSecondsPerScore = p.twicePassesStepSecondsPerScore;
            forwardArithmetic = p.forwardArithmetic;
            efficiency = p.efficiency;
        }

        private HardwareProfile build() {
            return new HardwareProfile(id, name, kind, origin, parallelUnits, clockHertz, matrixFlopsPerSecond,
                    vectorFlopsPerSecond, otherVectorOpsPerSecond, exponentialsPerSecond, dependentFlopsPerSecond,
                    dependentFlopsPerSecond128, scalarOpsPerSecond, scalarExponentialsPerSecond, deviceMemory,
                    pageRunBytesPerSecond, unitBytesPerSecond, unitPageRunBytesPerSecond, overlapExponent,
                    lastLevelCache, sramBytesPerUnit, sectorBytes, launchLatencySeconds, launchAfterWorkSeconds,
                    opStartAfterWorkSeconds, stageStartAfterWorkSeconds, memoryLatencySeconds, gatherLinesInFlight,
                    decodeTile, onceScoresArithmetic, twiceScoresArithmetic, twicePassesScoresArithmetic,
                    twicePassesBytesPerSecond, twicePassesStepSecondsPerScore, forwardArithmetic, efficiency);
        }
    }
}
