package org.attnsim.kernels.micro;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.attnsim.hwmodels.DecodeTile;
import org.attnsim.hwmodels.QuantisedCache;
import org.attnsim.kernels.attention.Fp8Cache;
import org.attnsim.kernels.attention.Int8Cache;
import org.attnsim.kernels.attention.QuantisedTensor;
import org.attnsim.kernels.device.CacheToExceed;
import org.attnsim.kernels.device.WorkGroups;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.kernels.measure.Rounds;

/**
 * Runs the microbenchmarks on one OpenCL device: triad bandwidth from cache-resident to far beyond the
 * last-level cache, the FMA and exponential rates (see {@link ComputeRates}), page-sized reads at random
 * pages, empty-kernel launch latency and dependent-load latency. Every kernel is timed by {@link Harness}
 * on that device only.
 */
public final class Microbenchmarks {

    /** Triad working sets from 192 KiB to 768 MiB (three arrays), doubling. */
    static final int MIN_LOG2_ELEMENTS = 14;
    static final int MAX_LOG2_ELEMENTS = 26;
    /** Triad sizes, the largest, that give the memory bandwidth (their median) and the start-up fit. */
    static final int STREAMING_POINTS = 3;
    /** The time-on-bytes fit gives n-half only when it explains the streaming points this well. */
    static final double MIN_FIT_R_SQUARED = 0.99;
    /** ... and when its start-up is this many standard errors above zero (a two-sided 95% test). */
    static final double MIN_INTERCEPT_STANDARD_ERRORS = 2;
    /**
     * Progress steps {@link #run} reports: one per triad size, then launch, launch after other work, one unit's
     * bandwidth, the nine compute rates, the forward kernel, page runs, overlap, latency, the gather and SparQ's step
     * read in passes.
     */
    public static final int STEPS = MAX_LOG2_ELEMENTS - MIN_LOG2_ELEMENTS + 1 + 18;
    /** The page-run benchmark's shape ({@link PageRunStep}): pages (256 MiB), columns a block, pages a column. */
    static final int PAGE_RUN_PAGES = 1 << 16;
    static final int PAGE_RUNS_PER_ITEM = 8;
    static final int PAGE_RUN_ITEMS_PER_BLOCK = 16;
    /**
     * The overlap benchmark: queries per row in its three cases (arithmetic from about half the rows' memory
     * time to about twice it here), rows per work item (a 16k-token cache's chunk in DecodeAttentionKernel),
     * and the cache-resident rows (256 KiB of keys and values).
     */
    static final int[] OVERLAP_HEADS = {1, 2, 4};
    static final int OVERLAP_ROWS_PER_ITEM = 1024;
    static final int OVERLAP_RESIDENT_ROWS = 512;
    /**
     * On a CPU, the queries a row of the loop's resident cases at other rows' lengths ({@link
     * CalibrationScope#decodeLengths}): fewer rows, about the same 256 KiB resident.
     */
    static final int[] OVERLAP_OTHER_HEADS = {1, 2};
    /** Its streamed keys, and its values, each fill at least this many times the last-level cache, and 256 MiB. */
    static final int OVERLAP_CACHE_MULTIPLE = 8;
    static final int OVERLAP_MIN_LOG2_FLOATS = 26;
    /**
     * The GPU's overlap benchmark ({@link #decodeTiles}): work-groups a compute unit (the decoding kernel's
     * splits aim at 8), tiles each, and the resident tiles (256 KiB of keys and values).
     */
    static final int DECODE_TILE_GROUPS_PER_UNIT = 8;
    static final int DECODE_TILES_PER_GROUP = 16;
    static final int DECODE_RESIDENT_TILES = 8;
    static final int CHASE_ELEMENTS = 1 << 24;
    static final int CHASE_STEPS = 1 << 20;
    static final int COMPUTE_ITEMS_PER_UNIT = 4096;
    /** Work items of the straight-line FMA benchmark (an eighth of them for exp): enough work to dwarf a launch. */
    static final int STRAIGHT_LINE_ITEMS = 1 << 22;
    static final int FMA_ITERATIONS = 4096;
    static final int EXP_ROW_ITERATIONS = 64;
    static final int ROW_ITERATIONS = 256;
    /** The histogram benchmark: 256 items per unit, each counting 1,024 values 16 times (about 20 ms here). */
    static final int HISTOGRAM_ITEMS_PER_UNIT = 256;
    static final int HISTOGRAM_VALUES = 1024;
    static final int HISTOGRAM_ROUNDS = 16;
    /** The online softmax: 1,024 items per unit, 8 passes over a row of 256 scores (about 20 ms here). */
    static final int SOFTMAX_PASSES = 8;
    /**
     * Work-group size of the row-update, dot-product, row-exponential and page-run benchmarks: attnsim's
     * decode and SparQ kernels run 16 work items per group. PoCL's loops over a group's items run these
     * kernels at different rates for different group sizes (row updates: 65 GFLOP/s in groups of 4,096,
     * 78 in groups of 16).
     */
    static final int ATTENTION_GROUP = 16;

    private Microbenchmarks() {
    }

    /** The microbenchmarks, and on a CPU the loops' cases {@code scope} asks for. */
    public static MicroResults run(OpenCLDevice device, Harness.Budget budget, long cacheBytes,
            CalibrationScope scope, Consumer<String> progress) {
        List<BandwidthPoint> points = new ArrayList<>();
        for (int log2 = MIN_LOG2_ELEMENTS; log2 <= MAX_LOG2_ELEMENTS; log2++) {
            progress.accept("triad 2^" + log2);
            points.add(triad(device, 1 << log2, budget));
        }
        long cache = cacheBytes > 0 ? cacheBytes : 32L << 20;
        List<BandwidthPoint> resident = new ArrayList<>();
        for (BandwidthPoint p : points) {
            if (p.workingSetBytes() * 2 <= cache) {
                resident.add(p);
            }
        }
        // The three largest working sets (192-768 MiB) and never smaller ones, whatever the reported cache:
        // NVIDIA's OpenCL reports 4.1 MiB of global memory cache for an H100, whose L2 holds 50 MB.
        List<BandwidthPoint> streaming = points.subList(points.size() - STREAMING_POINTS, points.size());

        progress.accept("launch latency");
        Measurement launch = launch(device, budget);
        double[] streamingBw = streaming.stream()
                .mapToDouble(p -> p.bytesMoved() / (p.measurement().medianSeconds() - launch.medianSeconds()))
                .sorted().toArray();
        double memoryBw = streamingBw[streamingBw.length / 2];
        SimpleRegression fit = new SimpleRegression(true);
        for (BandwidthPoint p : streaming) {
            fit.addData(p.bytesMoved(), p.measurement().medianSeconds());
        }
        // The start-up counts only where the intercept stands out of its own noise: at these sizes a
        // millisecond of contention moves the intercept as much as any real start-up would.
        double startUp = fit.getIntercept() - launch.medianSeconds();
        boolean goodFit = fit.getN() >= 3 && fit.getRSquare() >= MIN_FIT_R_SQUARED && fit.getSlope() > 0
                && startUp > MIN_INTERCEPT_STANDARD_ERRORS * fit.getInterceptStdErr();
        double halfRate = goodFit ? startUp / fit.getSlope() : 0;
        // Cache-resident triads are short: subtract the launch, and trust only runs of at least 3 launches.
        double cacheBw = memoryBw;
        for (BandwidthPoint p : resident) {
            double t = p.measurement().medianSeconds();
            if (t >= 3 * launch.medianSeconds()) {
                cacheBw = Math.max(cacheBw, p.bytesMoved() / (t - launch.medianSeconds()));
            }
        }

        progress.accept("launch after other work");
        LaunchAfterWork afterWork = LaunchAfterWork.measure(device, cache, budget);

        // Only a CPU's launches are modelled with it (the sim's SharedLaunch): a GPU's work-groups at different
        // stages share an SM, not just the memory.
        progress.accept("one unit's bandwidth");
        Optional<UnitBandwidth> unit = device.getType() == Device.TYPE.CPU
                ? Optional.of(UnitBandwidth.triad(device, cache, budget, launch.medianSeconds()))
                : Optional.empty();
        // Only SparQ's K-twice scores read in page runs, so a cross-check without SparQ's steps does not wait for it.
        Optional<UnitBandwidth> unitPageRuns = device.getType() == Device.TYPE.CPU && scope.sparqSteps()
                ? Optional.of(UnitBandwidth.pageRuns(device, cache, budget, launch.medianSeconds()))
                : Optional.empty();

        ComputeRates rates = computeRates(device, budget, launch.medianSeconds(), progress);

        // Only a CPU's forward op is priced with it (the sim's forward-arithmetic term).
        progress.accept("forward kernel");
        Optional<ForwardAlone.Times> forward = device.getType() == Device.TYPE.CPU
                ? Optional.of(forwardCases(device, budget, launch.medianSeconds(), rates.rowUpdate().perSecond()))
                : Optional.empty();

        progress.accept("page runs");
        Measurement pageRunTime;
        double pageRunBw;
        try (PageRunStep pageRuns = PageRunStep.calibrationShape(device)) {
            pageRunTime = Harness.time(pageRuns.step(), device, budget);
            pageRunBw = pageRuns.bytesPerSecond(pageRunTime, launch.medianSeconds());
        }

        progress.accept("overlap");
        OverlapLoop loop = overlapLoop(device, cache, scope);
        OverlapRounds overlapRounds = overlapCases(device, budget, cache, launch.medianSeconds(), loop);
        OverlapExponent overlap = overlapRounds.exponent();
        DecodeTileTimes decodeTile = DecodeTileTimes.of(loop.tilesPerUnit(), overlap.cases())
                .withFurtherPass(overlapRounds.furtherPass()).withOtherRows(overlapRounds.otherRows())
                .withQuantised(overlapRounds.quantised());

        progress.accept("memory latency");
        int[] next = randomCycle(CHASE_ELEMENTS, 42);
        int[] result = new int[1];
        ChaseKernel chase = new ChaseKernel(next, result, CHASE_STEPS);
        chase.setExplicit(true);
        chase.put(next).put(result);
        Measurement chaseTime = Harness.time("pointer chase", chase, Range.create(device, 1), device,
                new Harness.Budget(1, 3, 5, 0.5));
        chase.dispose();
        double latency = (chaseTime.medianSeconds() - launch.medianSeconds()) / CHASE_STEPS;

        progress.accept("gather");
        Optional<MicroResults.Gather> gather = device.getType() == Device.TYPE.CPU
                ? Optional.of(gather(device, budget, cache, launch.medianSeconds(), latency))
                : Optional.empty();

        // Only a CPU's fused SparQ step is priced with it (the sim's passes-step term), and only SparQ's points.
        progress.accept("SparQ's step read in passes");
        Optional<PassesStep.Times> passesStep = Optional.empty();
        if (device.getType() == Device.TYPE.CPU && scope.sparqSteps() && PassesStep.fits(device)) {
            try (CacheEviction eviction = CacheEviction.beyond(device, cache);
                    PassesStep step = PassesStep.on(device)) {
                passesStep = Optional.of(step.time(device, eviction.step(), budget));
            }
        }

        return new MicroResults(points, memoryBw, cacheBw, halfRate, unit, unitPageRuns, rates, pageRunTime, pageRunBw,
                overlap, launch, afterWork, chaseTime, latency, gather, decodeTile, overlapRounds.unitDecode(),
                overlapRounds.scores(), passesStep, forward);
    }

    /**
     * The forward kernel at each of {@link ForwardAlone#HEAD_DIMS}, in the same rounds as the row updates, in the least
     * disturbed of up to {@value #DISTURBED_SETS} sets of rounds against the row updates' rate alone, {@code
     * rowUpdatesAlone}.
     */
    static ForwardAlone.Times forwardCases(OpenCLDevice device, Harness.Budget budget, double launchSeconds,
            double rowUpdatesAlone) {
        try (RowUpdateStep rows = RowUpdateStep.besideShape(device); ForwardAlone cases = ForwardAlone.on(device)) {
            Sets<ForwardAlone.Times> sets = leastDisturbed(() -> cases.timeBeside(rows, device, budget, launchSeconds),
                    ForwardAlone.Times::rowUpdatesFlopsPerSecond, rowUpdatesAlone);
            return sets.least().ofSets(sets.timed());
        }
    }

    /**
     * Sets of rounds timed again while the row updates beside them ran below this share of their rate alone: the
     * forward factors are solved at the row updates' rate beside the cases, and in one calibration on the Zen 5 VM the
     * row updates there ran at 66.6 GFLOP/s (115-119 in others) while the forward cases slowed 10-35%, so that the
     * factors came out 0.55-0.78 and the forward points 20% fast (session 53). The row updates beside ran at 1.0-1.06
     * of their rate alone in undisturbed calibrations.
     */
    public static final double DISTURBED_SHARE = 0.8;
    /** The most sets of rounds timed. */
    static final int DISTURBED_SETS = 3;

    /** The least disturbed of the sets timed, and how many were. */
    record Sets<T>(T least, int timed) {
    }

    /**
     * Sets of rounds from {@code time}, until one whose reference benchmark ran at {@code rate} at least {@value
     * #DISTURBED_SHARE} of {@code alone}, at most {@value #DISTURBED_SETS}: the one whose reference ran fastest.
     */
    static <T> Sets<T> leastDisturbed(Supplier<T> time, ToDoubleFunction<T> rate, double alone) {
        T least = null;
        int timed = 0;
        while (timed < DISTURBED_SETS) {
            T set = time.get();
            timed++;
            if (least == null || rate.applyAsDouble(set) > rate.applyAsDouble(least)) {
                least = set;
            }
            if (rate.applyAsDouble(set) >= DISTURBED_SHARE * alone) {
                break;
            }
        }
        return new Sets<>(least, timed);
    }

    /**
     * SparQ's exact stage's loads on a CPU ({@link GatherStep}), each run after a read that evicts the cache,
     * and the lines a unit keeps under way in them.
     */
    static MicroResults.Gather gather(OpenCLDevice device, Harness.Budget budget, long cacheBytes, double launchSeconds,
            double latencySeconds) {
        try (GatherStep gather = GatherStep.calibrationShape(device);
                CacheEviction eviction = CacheEviction.beyond(device, cacheBytes)) {
            Measurement m = Harness.timeIncrements(List.of(gather.step()), eviction.step(), device, budget).get(0);
            return new MicroResults.Gather(m, gather.bytesPerSecond(m, launchSeconds),
                    gather.linesInFlight(m, launchSeconds, device.getMaxComputeUnits(), latencySeconds));
        }
    }

    /** A decoding loop's benchmark kernel for a number of queries, its rows streamed or cache-resident. */
    interface DecodingLoop {
        Kernel of(int heads, boolean resident);
    }

    /**
     * The device's overlap benchmark, ready to build for any number of queries: its kernels, their range, the
     * bytes the streamed rows read a run, and the tiles of {@link DecodeTile#ROWS} rows a run walks per compute
     * unit (its resident case's time over them is a tile's cost), and the decoding kernel over the same rows; on a CPU,
     * for each quantised cache in the calibration's scope, the loop and the kernel over the rows quantised.
     */
    record OverlapLoop(String what, Range range, double streamedBytes, double tilesPerUnit, DecodingLoop kernels,
            Supplier<OneQueryDecode> oneQueryDecode, Supplier<OneQueryDecode> oneUnitDecode,
            Supplier<FurtherPassDecode> furtherPassDecode, Supplier<List<SparqStepCases>> sparqSteps,
            List<OtherRows> otherRows, List<QuantisedRows> quantised) {
    }

    /**
     * The loop over the same rows quantised to {@code type} ({@link QuantisedTensor}): its kernels on resident rows, as
     * many bytes of them as the fp32 loop's, by heads; the decoding kernel for that type over the rows streamed, at
     * one query a row and in passes of two; and the same with the rows cut to the fp32 loop's other lengths.
     */
    record QuantisedRows(QuantisedCache type, IntFunction<Kernel> residentKernel,
            Supplier<OneQueryDecode> oneQueryDecode, Supplier<FurtherPassDecode> furtherPassDecode,
            List<OtherRows> otherRows) {
    }

    /**
     * The loop with rows of {@code length} floats: the tiles of {@link DecodeTile#ROWS} rows its resident kernels walk
     * a compute unit, those kernels and their range, and the decoding kernel over streamed rows of that length at one
     * query a row and in passes of two.
     */
    record OtherRows(int length, double tilesPerUnit, IntFunction<Kernel> residentKernel, Range range,
            Supplier<FurtherPassDecode> furtherPassDecode, Supplier<OneQueryDecode> oneQueryDecode) {
    }

    /**
     * What the overlap rounds measured: the exponents, and on a CPU the decoding kernel on one unit and at two, four
     * and eight queries a row, and SparQ's step cases.
     */
    record OverlapRounds(OverlapExponent exponent, Optional<MicroResults.UnitDecode> unitDecode,
            Optional<FurtherPassDecode.Times> furtherPass, List<SparqStepCases.Times> scores,
            List<DecodeTileTimes> otherRows, Map<QuantisedCache, DecodeTileTimes> quantised) {
    }

    /**
     * On a GPU, {@link DecodeTileKernel} in the shape of a decoding step at S 16k with batch 8 and 8 KV heads:
     * {@value #DECODE_TILE_GROUPS_PER_UNIT} work-groups a compute unit, {@value #DECODE_TILES_PER_GROUP} tiles
     * each. Elsewhere {@link OverlapKernel}, its keys and values each at least {@value #OVERLAP_CACHE_MULTIPLE}
     * times the cache.
     */
    static OverlapLoop overlapLoop(OpenCLDevice device, long cacheBytes, CalibrationScope scope) {
        float[] queries = randomRows(OVERLAP_HEADS[OVERLAP_HEADS.length - 1] * OverlapKernel.LENGTH, 17);
        if (device.getType() == Device.TYPE.GPU) {
            int groups = DECODE_TILE_GROUPS_PER_UNIT * device.getMaxComputeUnits();
            int tiles = groups * DECODE_TILES_PER_GROUP;
            int floats = tiles * DecodeTileKernel.ROWS * DecodeTileKernel.LENGTH;
            float[] keys = randomRows(floats, 13);
            float[] values = randomRows(floats, 14);
            float[] out = new float[groups];
            return new OverlapLoop("decode tiles", Range.create(device, groups * DecodeTileKernel.GROUP,
                    DecodeTileKernel.GROUP), 2.0 * floats * Float.BYTES,
                    DECODE_TILE_GROUPS_PER_UNIT * DECODE_TILES_PER_GROUP,
                    (heads, resident) -> withInput(new DecodeTileKernel(keys, values, queries, out,
                            DECODE_TILES_PER_GROUP, heads, resident ? DECODE_RESIDENT_TILES : tiles),
                            keys, values, queries, out),
                    () -> OneQueryDecode.over(device, keys, values, tiles * DecodeTileKernel.ROWS,
                            DecodeTileKernel.LENGTH),
                    () -> OneQueryDecode.oneUnit(device, keys, values, tiles * DecodeTileKernel.ROWS,
                            DecodeTileKernel.LENGTH),
                    () -> null, List::of, List.of(), List.of());
        }
        int log2 = OVERLAP_MIN_LOG2_FLOATS;
        while ((4L << log2) < OVERLAP_CACHE_MULTIPLE * CacheToExceed.bytes(device, cacheBytes)) {
            log2++;
        }
        float[] keys = randomRows(1 << log2, 13);
        float[] values = randomRows(1 << log2, 14);
        int rowCount = keys.length / OverlapKernel.LENGTH;
        int items = rowCount / OVERLAP_ROWS_PER_ITEM;
        float[] out = new float[items];
        List<OtherRows> otherRows = new ArrayList<>();
        for (int length : scope.decodeLengths()) {
            RowsCut cut = RowsCut.of(length, items, rowCount);
            float[] lengthOut = new float[cut.items()];
            otherRows.add(new OtherRows(length, cut.tilesPerUnit(device),
                    heads -> withInput(new OverlapKernel(keys, values, queries, lengthOut, OVERLAP_ROWS_PER_ITEM,
                            heads, cut.residentRows(), length), keys, values, queries, lengthOut),
                    Range.create(device, cut.items(), OverlapKernel.GROUP),
                    () -> FurtherPassDecode.over(device, keys, values, cut.rows(), length),
                    () -> OneQueryDecode.over(device, keys, values, cut.rows(), length)));
        }
        return new OverlapLoop("overlap", Range.create(device, items, OverlapKernel.GROUP),
                2.0 * keys.length * Float.BYTES, (double) rowCount / device.getMaxComputeUnits() / DecodeTile.ROWS,
                (heads, resident) -> withInput(new OverlapKernel(keys, values, queries, out, OVERLAP_ROWS_PER_ITEM,
                        heads, resident ? OVERLAP_RESIDENT_ROWS : rowCount), keys, values, queries, out),
                () -> OneQueryDecode.over(device, keys, values, rowCount, OverlapKernel.LENGTH),
                () -> OneQueryDecode.oneUnit(device, keys, values, rowCount, OverlapKernel.LENGTH),
                () -> FurtherPassDecode.over(device, keys, values, rowCount, OverlapKernel.LENGTH),
                () -> scope.sparqSteps() ? sparqSteps(device, keys, values, rowCount, scope.onceLengths()) : List.of(),
                List.copyOf(otherRows), scope.quantisedCaches().stream().map(type -> quantisedRows(device, type, keys,
                        values, queries, out, rowCount, scope.decodeLengths())).toList());
    }

    /**
     * The overlap loop's rows cut into rows of {@code length} floats: about the same bytes streamed and resident,
     * fewer rows each longer, whole work-groups of items.
     */
    private record RowsCut(int length, int items, int rows, int residentRows) {

        static RowsCut of(int length, int items, int rowCount) {
            return new RowsCut(length, items * OverlapKernel.LENGTH / length / OverlapKernel.GROUP
                    * OverlapKernel.GROUP, rowCount * OverlapKernel.LENGTH / length,
                    OVERLAP_RESIDENT_ROWS * OverlapKernel.LENGTH / length / 4 * 4);
        }

        /** The tiles of {@link DecodeTile#ROWS} rows the loop's kernels walk a compute unit. */
        double tilesPerUnit(OpenCLDevice device) {
            return (double) items * OVERLAP_ROWS_PER_ITEM / device.getMaxComputeUnits() / DecodeTile.ROWS;
        }
    }

    /**
     * The loop's rows quantised ({@link QuantisedRows}), 4 x {@value #OVERLAP_RESIDENT_ROWS} of them resident (as many
     * bytes as the fp32 loop's), and cut to each of {@code lengths} as the fp32 rows are.
     */
    private static QuantisedRows quantisedRows(OpenCLDevice device, QuantisedCache type, float[] keys, float[] values,
            float[] queries, float[] out, int rowCount, List<Integer> lengths) {
        QuantisedTensor k = QuantisedTensor.of(type, keys);
        QuantisedTensor v = QuantisedTensor.of(type, values);
        List<OtherRows> otherRows = new ArrayList<>();
        int items = out.length;
        for (int length : lengths) {
            RowsCut cut = RowsCut.of(length, items, rowCount);
            float[] lengthOut = new float[cut.items()];
            otherRows.add(new OtherRows(length, cut.tilesPerUnit(device),
                    heads -> quantisedLoop(type, k, v, queries, lengthOut, heads, Float.BYTES * cut.residentRows(),
                            length),
                    Range.create(device, cut.items(), OverlapKernel.GROUP),
                    () -> FurtherPassDecode.overQuantised(device, k, v, cut.rows(), length),
                    () -> OneQueryDecode.overQuantised(device, k, v, cut.rows(), length)));
        }
        return new QuantisedRows(type, heads -> quantisedLoop(type, k, v, queries, out, heads,
                Float.BYTES * OVERLAP_RESIDENT_ROWS, OverlapKernel.LENGTH),
                () -> OneQueryDecode.overQuantised(device, k, v, rowCount, OverlapKernel.LENGTH),
                () -> FurtherPassDecode.overQuantised(device, k, v, rowCount, OverlapKernel.LENGTH),
                List.copyOf(otherRows));
    }

    /** The benchmark loop over {@code type}'s rows of {@code length}, its arrays on the device. */
    private static Kernel quantisedLoop(QuantisedCache type, QuantisedTensor k, QuantisedTensor v, float[] queries,
            float[] out, int heads, int wrapRows, int length) {
        DecodeLoopKernel kernel = switch (type) {
            case INT8 -> new Int8OverlapKernel((Int8Cache) k, (Int8Cache) v, queries, out, OVERLAP_ROWS_PER_ITEM,
                    heads, wrapRows, length);
            case FP8 -> new Fp8OverlapKernel((Fp8Cache) k, (Fp8Cache) v, queries, out, OVERLAP_ROWS_PER_ITEM,
                    heads, wrapRows, length);
        };
        kernel.setExplicit(true);
        kernel.put(k.values()).put(v.values()).put(queries).put(out);
        return kernel;
    }

    /**
     * SparQ's step over the overlap benchmark's keys and values, K stored once and, where they hold a copy, twice; and
     * K stored once at the head sizes {@code onceLengths}, the same keys cut into longer rows, caches as long as at d
     * 64 and fewer of them.
     */
    private static List<SparqStepCases> sparqSteps(OpenCLDevice device, float[] keys, float[] values, int rowCount,
            List<Integer> onceLengths) {
        List<SparqStepCases> scores = new ArrayList<>(List.of(SparqStepCases.once(device, keys, values, rowCount,
                OverlapKernel.LENGTH)));
        SparqStepCases.twice(device, keys, OverlapKernel.LENGTH, SparqStepCases.R).ifPresent(scores::add);
        SparqStepCases.twice(device, keys, OverlapKernel.LENGTH, SparqStepCases.PASSES_R).ifPresent(scores::add);
        int keyLength = scores.get(0).cases().get(0).shape().keyLength();
        for (int length : onceLengths) {
            scores.add(SparqStepCases.onceAtLength(device, keys, values, length, keyLength));
        }
        return scores;
    }

    /**
     * The overlap cases: the loop's kernel with its rows streamed, the same on cache-resident rows, and a triad beyond
     * the cache, for each of {@link #OVERLAP_HEADS} in the same rounds; each time less the launch latency. In the same
     * rounds the decoding kernel over the same rows at one query a row ({@link OneQueryDecode}), its arithmetic the
     * loop's one-query case on resident rows for its tiles, and for each quantised cache in the scope the same over the
     * rows quantised ({@link OneQueryDecode#overQuantised}); on a CPU the same kernel at two, four and eight queries a
     * row ({@link FurtherPassDecode}), SparQ's step cases ({@link SparqStepCases}) with the row-update and page-run
     * benchmarks beside them, and in one work-group last, one unit streaming while the others are idle.
     */
    static OverlapRounds overlapCases(OpenCLDevice device, Harness.Budget budget, long cacheBytes,
            double launchSeconds, OverlapLoop loop) {
        List<Kernel> kernels = new ArrayList<>();
        List<Harness.Step> steps = new ArrayList<>();
        boolean cpu = device.getType() == Device.TYPE.CPU;
        List<SparqStepCases> scores = new ArrayList<>();
        List<OtherRowsRuns> others = new ArrayList<>();
        List<QuantisedRuns> quantised = new ArrayList<>();
        // A null resource is not closed: a GPU's overlap rounds have no one-unit or further-pass runs.
        try (TriadStep triad = TriadStep.beyondCache(device, cacheBytes);
                OneQueryDecode decode = loop.oneQueryDecode().get();
                OneQueryDecode alone = cpu ? loop.oneUnitDecode().get() : null;
                FurtherPassDecode passes = cpu ? loop.furtherPassDecode().get() : null;
                RowUpdateStep rows = cpu ? RowUpdateStep.besideShape(device) : null;
                PageRunStep pageRuns = cpu ? PageRunStep.besideShape(device, cacheBytes) : null) {
            if (cpu) {
                scores.addAll(loop.sparqSteps().get());
            }
            for (OtherRows o : loop.otherRows()) {
                others.add(OtherRowsRuns.of(o));
            }
            for (QuantisedRows q : loop.quantised()) {
                quantised.add(QuantisedRuns.of(q));
            }
            steps.add(triad.step());
            steps.add(decode.step());
            for (int heads : OVERLAP_HEADS) {
                for (boolean resident : new boolean[] {false, true}) {
                    Kernel k = loop.kernels().of(heads, resident);
                    kernels.add(k);
                    steps.add(new Harness.Step(loop.what() + " " + heads + (resident ? " resident" : " streamed"), k,
                            loop.range()));
                }
            }
            List<Integer> othersAt = new ArrayList<>();
            for (OtherRowsRuns o : others) {
                othersAt.add(steps.size());
                for (int heads : OVERLAP_OTHER_HEADS) {
                    Kernel k = o.rows().residentKernel().apply(heads);
                    kernels.add(k);
                    steps.add(new Harness.Step(loop.what() + " " + heads + " resident, rows of " + o.rows().length(),
                            k, o.rows().range()));
                }
                steps.add(o.decode().step());
            }
            int furtherAt = steps.size();
            if (passes != null) {
                steps.addAll(passes.steps());
            }
            List<Integer> othersFurtherAt = new ArrayList<>();
            for (OtherRowsRuns o : others) {
                othersFurtherAt.add(steps.size());
                steps.addAll(o.passes().steps());
            }
            int scoresAt = steps.size();
            scores.forEach(s -> steps.addAll(s.steps()));
            int rowsAt = steps.size();
            if (rows != null) {
                steps.add(rows.step());
                steps.add(pageRuns.step());
            }
            List<Integer> quantisedAt = new ArrayList<>();
            List<List<Integer>> quantisedOthersAt = new ArrayList<>();
            for (QuantisedRuns q : quantised) {
                quantisedAt.add(steps.size());
                for (int heads : OVERLAP_HEADS) {
                    Kernel k = q.rows().residentKernel().apply(heads);
                    kernels.add(k);
                    steps.add(new Harness.Step(loop.what() + " " + heads + " resident, " + q.rows().type().id()
                            + " rows", k, loop.range()));
                }
                steps.add(q.decode().step());
                steps.addAll(q.passes().steps());
                List<Integer> at = new ArrayList<>();
                for (OtherRowsRuns o : q.others()) {
                    at.add(steps.size());
                    for (int heads : OVERLAP_OTHER_HEADS) {
                        Kernel k = o.rows().residentKernel().apply(heads);
                        kernels.add(k);
                        steps.add(new Harness.Step(loop.what() + " " + heads + " resident, " + q.rows().type().id()
                                + " rows of " + o.rows().length(), k, o.rows().range()));
                    }
                    steps.add(o.decode().step());
                    steps.addAll(o.passes().steps());
                }
                quantisedOthersAt.add(at);
            }
            if (alone != null) {
                steps.add(new Harness.Step("one unit: " + alone.step().what(), alone.launch().kernel(),
                        alone.launch().range(), alone.launch().passes()));
            }
            Rounds rounds = Harness.timeInRounds(steps, device, budget);
            List<Measurement> m = rounds.measurements();
            double bandwidth = triad.bytesPerSecond(m.get(0), launchSeconds);
            double memory = loop.streamedBytes() / bandwidth;
            List<OverlapExponent.Case> cases = new ArrayList<>();
            for (int i = 0; i < OVERLAP_HEADS.length; i++) {
                double streamed = m.get(2 + 2 * i).medianSeconds() - launchSeconds;
                double resident = m.get(residentAt(i)).medianSeconds() - launchSeconds;
                cases.add(OverlapExponent.Case.solved(OVERLAP_HEADS[i], streamed, resident, memory));
            }
            OverlapExponent.Case oneQuery = cases.stream().filter(c -> c.heads() == 1).findFirst().orElseThrow();
            double kernelStreamed = m.get(1).medianSeconds() - decode.launch().passes() * launchSeconds;
            double kernelResident = oneQuery.residentSeconds() * decode.tilesPerUnit() / loop.tilesPerUnit();
            double kernelMemory = decode.bytes() / bandwidth;
            OverlapExponent exponent = OverlapExponent.of(cases, Optional.of(OverlapExponent.Case.solved(1,
                    kernelStreamed, kernelResident, kernelMemory)));
            List<DecodeTileTimes> otherTimes = new ArrayList<>();
            for (int i = 0; i < others.size(); i++) {
                OtherRowsRuns o = others.get(i);
                List<DecodeTileTimes.Resident> resident = new ArrayList<>();
                for (int h = 0; h < OVERLAP_OTHER_HEADS.length; h++) {
                    resident.add(new DecodeTileTimes.Resident(OVERLAP_OTHER_HEADS[h],
                            m.get(othersAt.get(i) + h).medianSeconds() - launchSeconds));
                }
                int furtherStart = othersFurtherAt.get(i);
                otherTimes.add(loopTimes(o.rows().tilesPerUnit(), o.rows().length(), resident, o.decode(), o.passes(),
                        m.get(othersAt.get(i) + OVERLAP_OTHER_HEADS.length), m.subList(furtherStart, furtherStart + 3),
                        bandwidth, launchSeconds, Float.BYTES));
            }
            Map<QuantisedCache, DecodeTileTimes> quantisedTimes = new EnumMap<>(QuantisedCache.class);
            for (int i = 0; i < quantised.size(); i++) {
                QuantisedRuns q = quantised.get(i);
                List<DecodeTileTimes> quantisedOthers = new ArrayList<>();
                for (int j = 0; j < q.others().size(); j++) {
                    int length = q.others().get(j).rows().length();
                    int fp32 = IntStream.range(0, others.size()).filter(k -> others.get(k).rows().length() == length)
                            .findFirst().orElseThrow();
                    quantisedOthers.add(quantisedTimes(q.others().get(j), otherTimes.get(fp32), othersAt.get(fp32),
                            rounds, quantisedOthersAt.get(i).get(j), bandwidth, launchSeconds));
                }
                quantisedTimes.put(q.rows().type(), quantisedTimes(loop, q.decode(), q.passes(), cases, rounds,
                        quantisedAt.get(i), bandwidth, launchSeconds).withOtherRows(quantisedOthers));
            }
            Optional<MicroResults.UnitDecode> unit = Optional.ofNullable(alone).map(a -> {
                Measurement one = m.get(m.size() - 1);
                return new MicroResults.UnitDecode(one, a.bytes(), a.bytes() / (one.medianSeconds()
                        - a.launch().passes() * launchSeconds), decode.bytes() / kernelStreamed);
            });
            Optional<FurtherPassDecode.Times> further = Optional.ofNullable(passes)
                    .map(p -> p.times(m.get(furtherAt), m.get(furtherAt + 1), m.get(furtherAt + 2), launchSeconds));
            List<SparqStepCases.Times> scoresTimes = new ArrayList<>();
            int at = scoresAt;
            for (SparqStepCases s : scores) {
                scoresTimes.add(s.times(m.subList(at, at + s.cases().size()), bandwidth,
                        rows.flopsPerSecond(m.get(rowsAt), launchSeconds),
                        Optional.of(pageRuns.bytesPerSecond(m.get(rowsAt + 1), launchSeconds))));
                at += s.cases().size();
            }
            return new OverlapRounds(exponent, unit, further, scoresTimes, otherTimes, quantisedTimes);
        } finally {
            kernels.forEach(Kernel::dispose);
            scores.forEach(SparqStepCases::close);
            others.forEach(OtherRowsRuns::close);
            quantised.forEach(QuantisedRuns::close);
        }
    }

    /** Where the overlap rounds time the loop's case of {@code OVERLAP_HEADS[i]} heads on resident rows. */
    private static int residentAt(int i) {
        return 3 + 2 * i;
    }

    /**
     * What the overlap rounds timed over quantised rows from step {@code at} on: the loop's cases on resident rows,
     * then the quantised decoding kernel {@code decode}'s run over the streamed rows and {@code passes}' three. Each
     * quantised case is the fp32 loop's case of as many heads ({@code fp32}) times the median of their ratios round by
     * round: a moment of the shared machine's load moves both (in one of three calibrations of session 62, the int8
     * case of one head alone took 1.14 us a tile, between the fp32 case's 0.89 and the int8 case of two heads' 1.57).
     * The kernel at one query a row goes against the one-head case and at two against the two-head case (each for its
     * tiles), and the triad at {@code bandwidth} for the quantised bytes, each less the launch latency.
     */
    private static DecodeTileTimes quantisedTimes(OverlapLoop loop, OneQueryDecode decode, FurtherPassDecode passes,
            List<OverlapExponent.Case> fp32, Rounds rounds, int at, double bandwidth, double launchSeconds) {
        List<DecodeTileTimes.Resident> cases = new ArrayList<>();
        for (int i = 0; i < OVERLAP_HEADS.length; i++) {
            cases.add(new DecodeTileTimes.Resident(OVERLAP_HEADS[i], fp32.get(i).residentSeconds()
                    * rounds.ratio(at + i, residentAt(i)).median()));
        }
        List<Measurement> m = rounds.measurements();
        int kernelAt = at + OVERLAP_HEADS.length;
        return loopTimes(loop.tilesPerUnit(), OverlapKernel.LENGTH, cases, decode, passes, m.get(kernelAt),
                m.subList(kernelAt + 1, kernelAt + 4), bandwidth, launchSeconds, 1);
    }

    /**
     * The same at another rows' length, from step {@code at} on ({@code rows}' loop cases, its kernel at one query a
     * row, its three further-pass runs), each loop case {@code fp32}'s case of as many heads (timed from step {@code
     * fp32At} on) times the median of their ratios round by round.
     */
    private static DecodeTileTimes quantisedTimes(OtherRowsRuns rows, DecodeTileTimes fp32, int fp32At, Rounds rounds,
            int at, double bandwidth, double launchSeconds) {
        List<DecodeTileTimes.Resident> cases = new ArrayList<>();
        for (int i = 0; i < OVERLAP_OTHER_HEADS.length; i++) {
            cases.add(new DecodeTileTimes.Resident(OVERLAP_OTHER_HEADS[i], fp32.cases().get(i).seconds()
                    * rounds.ratio(at + i, fp32At + i).median()));
        }
        List<Measurement> m = rounds.measurements();
        int kernelAt = at + OVERLAP_OTHER_HEADS.length;
        return loopTimes(rows.rows().tilesPerUnit(), rows.rows().length(), cases, rows.decode(), rows.passes(),
                m.get(kernelAt), m.subList(kernelAt + 1, kernelAt + 4), bandwidth, launchSeconds, 1);
    }

    /**
     * A loop's times at one rows' length: its cases on resident rows ({@code cases}, launch latency subtracted, over
     * {@code tilesPerUnit} tiles a unit); the decoding kernel at one query a row ({@code decode}, timed {@code
     * kernelOne}) against the one-head case for the kernel's tiles and the triad at {@code bandwidth} for its bytes;
     * and {@code passes}' runs at two, four and eight queries a row ({@code further}), the one at two against the
     * two-head case and the bytes its passes of two stream, {@code elementBytes} an element.
     */
    private static DecodeTileTimes loopTimes(double tilesPerUnit, int length, List<DecodeTileTimes.Resident> cases,
            OneQueryDecode decode, FurtherPassDecode passes, Measurement kernelOne, List<Measurement> further,
            double bandwidth, double launchSeconds, int elementBytes) {
        double oneHead = cases.stream().filter(c -> c.heads() == 1).findFirst().orElseThrow().seconds();
        double atHeads = cases.stream().filter(c -> c.heads() == OverlapStep.HEADS).findFirst().orElseThrow()
                .seconds();
        double streamed = kernelOne.medianSeconds() - decode.launch().passes() * launchSeconds;
        double resident = oneHead * decode.tilesPerUnit() / tilesPerUnit;
        // The decoding kernel at two queries a row streams the rows its passes of two walk.
        FurtherPassDecode.Run two = passes.two();
        double twoStreamed = further.get(0).medianSeconds() - two.launch().passes() * launchSeconds;
        double twoResident = atHeads * passes.tilesPerUnit() / tilesPerUnit;
        double twoMemory = 2.0 * two.shape().keyElements() * elementBytes / bandwidth;
        return new DecodeTileTimes(tilesPerUnit, length, cases)
                .withOverlap(OverlapExponent.Case.solved(OverlapStep.HEADS, twoStreamed, twoResident, twoMemory),
                        Optional.of(OverlapExponent.Case.solved(1, streamed, resident, decode.bytes() / bandwidth)))
                .withFurtherPass(Optional.of(passes.times(further.get(0), further.get(1), further.get(2),
                        launchSeconds)));
    }

    /** The decoding kernel's runs over the rows quantised, in the overlap rounds, and over them at other lengths. */
    private record QuantisedRuns(QuantisedRows rows, OneQueryDecode decode, FurtherPassDecode passes,
            List<OtherRowsRuns> others) implements AutoCloseable {

        static QuantisedRuns of(QuantisedRows rows) {
            List<AutoCloseable> opened = new ArrayList<>();
            try {
                OneQueryDecode decode = rows.oneQueryDecode().get();
                opened.add(decode);
                FurtherPassDecode passes = rows.furtherPassDecode().get();
                opened.add(passes);
                List<OtherRowsRuns> others = new ArrayList<>();
                for (OtherRows o : rows.otherRows()) {
                    others.add(OtherRowsRuns.of(o));
                    opened.add(others.get(others.size() - 1));
                }
                return new QuantisedRuns(rows, decode, passes, List.copyOf(others));
            } catch (RuntimeException e) {
                for (AutoCloseable c : opened) {
                    try {
                        c.close();
                    } catch (Exception suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        }

        @Override
        public void close() {
            decode.close();
            passes.close();
            others.forEach(OtherRowsRuns::close);
        }
    }

    /** The decoding kernel's runs over other rows' lengths, in the overlap rounds. */
    private record OtherRowsRuns(OtherRows rows, OneQueryDecode decode, FurtherPassDecode passes)
            implements AutoCloseable {

        static OtherRowsRuns of(OtherRows rows) {
            OneQueryDecode decode = rows.oneQueryDecode().get();
            try {
                return new OtherRowsRuns(rows, decode, rows.furtherPassDecode().get());
            } catch (RuntimeException e) {
                decode.close();
                throw e;
            }
        }

        @Override
        public void close() {
            decode.close();
            passes.close();
        }
    }

    /** A timed microbenchmark and the rate it gives (FLOP/s or exp/s), launch latency subtracted. */
    public record Rate(Measurement measurement, double perSecond) {
    }

    /**
     * The FMA peak (straight-line code); FMA throughput in a per-item loop of scalar recurrences, in row
     * updates (a vectorisable inner loop) and in one-accumulator dot products; the exponential rate in
     * straight-line code and in a loop of its own over a row; scalar per-item code, as instructions/s of
     * per-item histograms (see {@link HistogramKernel}); an online softmax kept four scores at a time, as
     * scores/s (see {@link OnlineSoftmaxKernel}). On a GPU the loop rates approach the peaks;
     * on a CPU under PoCL only straight-line code is vectorised across work items, and inner loops only
     * where they can be.
     */
    public record ComputeRates(Rate fma, Rate loopFma, Rate rowUpdate, Rate dot, Rate longDot, Rate exp, Rate loopExp,
            Rate scalar, Rate onlineSoftmax) {

        /** The FMA peak: the straight-line kernel's rate, or the row updates' where they ran faster. */
        public double fmaPeak() {
            return Math.max(fma.perSecond(), rowUpdate.perSecond());
        }

        /** The exponential peak: the straight-line kernel's rate, or the row loop's where it ran faster. */
        public double expPeak() {
            return Math.max(exp.perSecond(), loopExp.perSecond());
        }
    }

    /** What {@link #recheck} measures again: the arithmetic rates and the streaming triad's bandwidth. */
    public record Recheck(ComputeRates rates, double memoryBytesPerSecond) {
    }

    /** Steps {@link #recheck} reports: launch, the nine compute rates, triad. */
    public static final int RECHECK_STEPS = 11;

    /**
     * Measures the arithmetic rates and the triad at the largest working set again, a few seconds in all:
     * on a shared machine they move while a long cross-check runs.
     */
    public static Recheck recheck(OpenCLDevice device, Harness.Budget budget, Consumer<String> progress) {
        progress.accept("launch latency");
        Measurement launch = launch(device, budget);
        ComputeRates rates = computeRates(device, budget, launch.medianSeconds(), progress);
        progress.accept("triad 2^" + MAX_LOG2_ELEMENTS);
        BandwidthPoint p = triad(device, 1 << MAX_LOG2_ELEMENTS, budget);
        return new Recheck(rates, p.bytesMoved() / (p.measurement().medianSeconds() - launch.medianSeconds()));
    }

    static Measurement launch(OpenCLDevice device, Harness.Budget budget) {
        Harness.Step empty = emptyKernel(device);
        Measurement launch = Harness.time(empty, device, budget);
        empty.kernel().dispose();
        return launch;
    }

    /** {@link EmptyKernel}, a work item a compute unit, as a step to time; dispose its kernel after. */
    static Harness.Step emptyKernel(OpenCLDevice device) {
        float[] one = new float[device.getMaxComputeUnits()];
        Kernel empty = withInput(new EmptyKernel(one), one);
        return new Harness.Step("empty kernel", empty, WorkGroups.range(empty, device, one.length));
    }

    static ComputeRates computeRates(OpenCLDevice device, Harness.Budget budget, double launchSeconds,
            Consumer<String> progress) {
        int loopItems = device.getMaxComputeUnits() * COMPUTE_ITEMS_PER_UNIT;
        float[] loopOut = new float[loopItems];
        float[] out = new float[STRAIGHT_LINE_ITEMS];

        progress.accept("fma peak");
        Rate fma = rate(out, "fma", new FmaKernel(out), (double) FmaKernel.CHAINS * FmaKernel.PER_CHAIN * 2,
                device, budget, launchSeconds);
        progress.accept("fma in a loop");
        Rate loopFma = rate(loopOut, "fma in a loop", new LoopFmaKernel(loopOut, FMA_ITERATIONS),
                (double) FMA_ITERATIONS * LoopFmaKernel.CHAINS * 2, device, budget, launchSeconds);
        progress.accept("row updates");
        Rate rowUpdate;
        try (RowUpdateStep rows = RowUpdateStep.calibrationShape(device)) {
            Measurement m = Harness.time(rows.step(), device, budget);
            rowUpdate = new Rate(m, rows.flopsPerSecond(m, launchSeconds));
        }
        progress.accept("dot products");
        Rate dot = dotRate(loopOut, DotProductKernel.LENGTH, device, budget, launchSeconds);
        progress.accept("dot products of " + DotProductKernel.LONG_LENGTH);
        Rate longDot = dotRate(loopOut, DotProductKernel.LONG_LENGTH, device, budget, launchSeconds);
        progress.accept("exp peak");
        float[] expOut = new float[STRAIGHT_LINE_ITEMS / 8];
        Rate exp = rate(expOut, "exp", new ExpKernel(expOut), (double) ExpKernel.CHAINS * ExpKernel.PER_CHAIN, device,
                budget, launchSeconds);
        progress.accept("exp in a loop");
        float[] expRows = randomRows(loopItems * RowExpKernel.LENGTH, 7);
        float[] probabilities = new float[expRows.length];
        Rate loopExp = rate(loopOut, "exp in a loop",
                withInput(new RowExpKernel(expRows, probabilities, loopOut, EXP_ROW_ITERATIONS), expRows, probabilities),
                (double) EXP_ROW_ITERATIONS * RowExpKernel.LENGTH, ATTENTION_GROUP, device, budget, launchSeconds);
        progress.accept("scalar code");
        int histogramItems = device.getMaxComputeUnits() * HISTOGRAM_ITEMS_PER_UNIT;
        float[] histogramValues = new float[histogramItems * HISTOGRAM_VALUES];
        Random random = new Random(9);
        for (int i = 0; i < histogramValues.length; i++) {
            histogramValues[i] = (float) random.nextGaussian();
        }
        int[] counts = new int[histogramItems * HistogramKernel.BUCKETS];
        HistogramKernel histogram = new HistogramKernel(histogramValues, counts, HISTOGRAM_VALUES, HISTOGRAM_ROUNDS);
        histogram.setExplicit(true);
        histogram.put(histogramValues).put(counts);
        Measurement m = Harness.time("scalar code", histogram, Range.create(device, histogramItems,
                HistogramKernel.GROUP), device, budget);
        histogram.dispose();
        Rate scalar = new Rate(m, (double) histogramItems * HISTOGRAM_VALUES * HISTOGRAM_ROUNDS
                * HistogramKernel.OPS_PER_VALUE / (m.medianSeconds() - launchSeconds));
        progress.accept("online softmax");
        float[] softmaxRows = randomRows(loopItems / 4 * OnlineSoftmaxKernel.LENGTH, 11);
        float[] softmaxOut = new float[2 * (loopItems / 4)];
        OnlineSoftmaxKernel softmax = new OnlineSoftmaxKernel(softmaxRows, softmaxOut, SOFTMAX_PASSES);
        softmax.setExplicit(true);
        softmax.put(softmaxRows).put(softmaxOut);
        Measurement sm = Harness.time("online softmax", softmax, Range.create(device, loopItems / 4, ATTENTION_GROUP),
                device, budget);
        softmax.dispose();
        Rate onlineSoftmax = new Rate(sm, (double) (loopItems / 4) * SOFTMAX_PASSES * OnlineSoftmaxKernel.LENGTH
                / (sm.medianSeconds() - launchSeconds));
        return new ComputeRates(fma, loopFma, rowUpdate, dot, longDot, exp, loopExp, scalar, onlineSoftmax);
    }

    /** The kernel with {@code inputs} put on the device once, so that they are not copied on every run. */
    private static Kernel withInput(Kernel kernel, float[]... inputs) {
        kernel.setExplicit(true);
        for (float[] input : inputs) {
            kernel.put(input);
        }
        return kernel;
    }

    /**
     * One-accumulator dot products of {@code length} floats ({@link DotProductKernel}), one work item per element of
     * {@code out}, the same FLOPs at every length.
     */
    private static Rate dotRate(float[] out, int length, OpenCLDevice device, Harness.Budget budget,
            double launchSeconds) {
        int iterations = ROW_ITERATIONS * DotProductKernel.LENGTH / length;
        float[] rows = randomRows(out.length * 2 * length, 5);
        return rate(out, "dot products of " + length, withInput(new DotProductKernel(rows, out, iterations, length),
                rows), (double) iterations * length * 2, ATTENTION_GROUP, device, budget, launchSeconds);
    }

    /** {@code n} floats uniform in [-0.5, 0.5), never all zero: inputs for the row kernels. */
    public static float[] randomRows(int n, long seed) {
        return randomRows(0, n, seed);
    }

    /** {@code pad} zeros, then {@link #randomRows(int, long)}'s {@code n} floats (rows that start on cache lines). */
    static float[] randomRows(int pad, int n, long seed) {
        Random r = new Random(seed);
        float[] rows = new float[pad + n];
        for (int i = pad; i < rows.length; i++) {
            rows[i] = r.nextFloat() - 0.5f;
        }
        return rows;
    }

    /** Times a kernel with one work item per element of {@code out} doing {@code perItem} operations. */
    private static Rate rate(float[] out, String what, Kernel kernel, double perItem, OpenCLDevice device,
            Harness.Budget budget, double launchSeconds) {
        return rate(out, what, kernel, perItem, 0, device, budget, launchSeconds);
    }

    /** As above, in work-groups of {@code local} items (0: the runtime's choice). */
    private static Rate rate(float[] out, String what, Kernel kernel, double perItem, int local, OpenCLDevice device,
            Harness.Budget budget, double launchSeconds) {
        kernel.setExplicit(true);
        kernel.put(out);
        Range range = local > 0 ? Range.create(device, out.length, local) : WorkGroups.range(kernel, device, out.length);
        Measurement m = Harness.time(what, kernel, range, device, budget);
        kernel.dispose();
        return new Rate(m, out.length * perItem / (m.medianSeconds() - launchSeconds));
    }

    static BandwidthPoint triad(OpenCLDevice device, int n, Harness.Budget budget) {
        try (TriadStep triad = new TriadStep(device, n)) {
            return new BandwidthPoint(triad.bytes(), triad.bytes(), Harness.time(triad.step(), device, budget));
        }
    }

    /**
     * Pages for the page-run benchmark: work item i belongs to block i / itemsPerBlock and reads page
     * i % itemsPerBlock of each of the block's {@code columns} columns, in a random order of its own.
     */
    static int[] columnPieces(int items, int columns, int itemsPerBlock, Random random) {
        int[] pages = new int[items * columns];
        int[] order = new int[columns];
        for (int c = 0; c < columns; c++) {
            order[c] = c;
        }
        for (int i = 0; i < items; i++) {
            for (int c = columns - 1; c > 0; c--) {
                int j = random.nextInt(c + 1);
                int t = order[c];
                order[c] = order[j];
                order[j] = t;
            }
            int block = i / itemsPerBlock;
            for (int c = 0; c < columns; c++) {
                pages[i * columns + c] = (block * columns + order[c]) * itemsPerBlock + i % itemsPerBlock;
            }
        }
        return pages;
    }

    /** A single cycle through all n slots in random order, so the chase visits every one. */
    static int[] randomCycle(int n, long seed) {
        int[] perm = shuffled(n, new Random(seed));
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            next[perm[i]] = perm[(i + 1) % n];
        }
        return next;
    }

    /** 0 .. n - 1 in random order (Fisher-Yates). */
    static int[] shuffled(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
