package org.attnsim.kernels.validate;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.attnsim.hwmodels.DeviceKind;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.InvalidInputException;
import org.attnsim.hwmodels.Quantity;
import org.attnsim.kernels.calibrate.RunRates;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.kernels.measure.MedianInterval;
import org.attnsim.kernels.measure.Rounds;
import org.attnsim.kernels.micro.CacheEviction;
import org.attnsim.kernels.micro.CalibrationScope;
import org.attnsim.kernels.micro.GatherStep;
import org.attnsim.kernels.micro.OneQueryDecode;
import org.attnsim.kernels.micro.OverlapExponent;
import org.attnsim.kernels.micro.OverlapStep;
import org.attnsim.kernels.micro.PageRunStep;
import org.attnsim.kernels.micro.RowUpdateStep;
import org.attnsim.kernels.micro.TriadStep;
import org.attnsim.sim.Point;
import org.attnsim.sim.Prediction;
import org.attnsim.sim.Simulator;
import org.attnsim.sim.model.KeyLayout;
import org.attnsim.sim.model.SparqConfig;
import org.attnsim.sim.scenario.Scenario;
import org.attnsim.sim.scenario.Shape;
import org.attnsim.sim.scenario.Sweep;
import org.attnsim.sim.scenario.VariantChoice;
import org.attnsim.sim.workload.Algorithm;
import org.attnsim.sim.workload.KvDtype;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Scope;
import org.attnsim.sim.workload.Workload;

/**
 * Runs a scenario's points as kernels on one OpenCL device and predicts the same points on that
 * device's calibrated profile. The kernels compute the attention core in fp32 with the tiled
 * algorithm, so the scenario must ask for exactly that.
 */
public final class CrossCheck {

    /**
     * A point's kernels, timed; {@code baseline} marks the cell's dense point of the scenario's baseline.
     * Every point is timed in the same rounds as that baseline: its measured {@code speedup} is the median
     * over rounds of the baseline's time over the point's in the same round, with its 95% interval (null for
     * the baseline itself). A triad, on a CPU a gather of scattered rows, the row updates, page runs and the
     * overlap benchmark run in the same rounds ({@code beside}): the device memory's bandwidth, the lines a core
     * keeps under way in SparQ's exact stage, the FMA rate, the page-run bandwidth and the overlap exponent under
     * the load the point ran under. {@code secondsByRound} and {@code baselineSecondsByRound} are the point's and
     * the baseline's seconds in each of those rounds (empty where only their medians are known).
     */
    public record Measured(VariantChoice variant, Point point, boolean baseline, KernelRunner.KernelTiming timing,
            MedianInterval speedup, RatesBeside beside, List<Double> secondsByRound,
            List<Double> baselineSecondsByRound) {

        public Measured {
            secondsByRound = List.copyOf(secondsByRound);
            baselineSecondsByRound = List.copyOf(baselineSecondsByRound);
            if (secondsByRound.size() != baselineSecondsByRound.size()) {
                throw new IllegalArgumentException(secondsByRound.size() + " rounds of the point, "
                        + baselineSecondsByRound.size() + " of its baseline");
            }
        }

        /** A point known by its medians alone. */
        public Measured(VariantChoice variant, Point point, boolean baseline, KernelRunner.KernelTiming timing,
                MedianInterval speedup, RatesBeside beside) {
            this(variant, point, baseline, timing, speedup, beside, List.of(), List.of());
        }
    }

    /**
     * The share of the heap that the points timed together may take. The arrays of all twelve decode points
     * of validate-local (3.3 GB at S 16k, batch 8) fit in the 6.3 GB heap a JVM takes by default on a 24 GiB
     * machine; the triad, the eviction, the row updates and the page runs take a few hundred MB more, the
     * overlap benchmark's streamed rows 512 MiB, and on a CPU the gather's K and V 512 MiB.
     */
    static final double MEMORY_SHARE = 0.6;

    private CrossCheck() {
    }

    /**
     * What a calibration for {@code s}'s points times ({@link CalibrationScope#of}): its variants' head sizes, whether
     * it decodes, its SparQ settings there, and the quantised caches its variants decode from.
     */
    public static CalibrationScope calibrationScope(Scenario s) {
        boolean decode = s.phases().contains(Phase.DECODE);
        return CalibrationScope.of(s.variants().stream().map(v -> v.shape().headDim()).toList(), decode,
                decode && !s.sparq().isEmpty(), s.sparq().stream().anyMatch(c -> c.keyLayout() == KeyLayout.ONCE),
                s.variants().stream().flatMap(v -> v.kvDtypeOr(s.kvDtype()).quantised().stream())
                        .collect(Collectors.toSet()));
    }

    /** Rows the cross-check will produce (for progress). */
    public static int size(Scenario s) {
        return Sweep.size(s) / s.hardware().size();
    }

    public static void requireKernelScenario(Scenario s) {
        if (s.scope() != Scope.ATTENTION) {
            throw new InvalidInputException(s.source() + ": scope", "validate runs the attention core only",
                    "use scope: attention");
        }
        if (s.dtype() != Dtype.FP32) {
            throw new InvalidInputException(s.source() + ": workload.dtype", "the kernels compute in fp32",
                    "use dtype: fp32");
        }
        for (VariantChoice v : s.variants()) {
            KvDtype kv = v.kvDtypeOr(s.kvDtype());
            if (kv != KvDtype.FP32 && kv.quantised().isEmpty()) {
                throw new InvalidInputException(kvField(s, v), "the kernels keep the KV cache in fp32, int8 or fp8, "
                        + "not " + kv.id(), "allowed: fp32, int8, fp8");
            }
            if (kv.quantised().isPresent() && !s.sparq().isEmpty() && s.phases().contains(Phase.DECODE)) {
                throw new InvalidInputException(kvField(s, v), "SparQ's kernels read an fp32 cache",
                        "give an " + kv.id() + " cache to a scenario without sparq");
            }
        }
        if (s.algorithm() != Algorithm.TILED) {
            throw new InvalidInputException(s.source() + ": workload.algorithm", "the kernels are tiled",
                    "use algorithm: tiled");
        }
        for (Phase p : s.phases()) {
            if (p == Phase.TRAIN) {
                throw new InvalidInputException(s.source() + ": workload.phase", "there are no backward kernels",
                        "allowed: forward, prefill, decode");
            }
        }
    }

    /**
     * Runs every point of the scenario as kernels. Returns the cells (one phase and shape each, all
     * variants, the baseline's dense point among them) in the scenario's order; {@code profile} only
     * completes the points, which {@link #compare} predicts later on whatever profile it is given. The points
     * of every cell of a phase run in the same rounds, every point once a round after the cells' baselines, as
     * many cells together as {@link #MEMORY_SHARE} of the heap holds (all of a phase's in the bundled scenarios),
     * so that every speed-up is measured under the same load, over the same seconds, even on a shared machine
     * where the load moves within seconds: timed a second at a time beside the baseline, one pair after another,
     * the same speed-up came out 3.1-4.5x in consecutive pairs. Each phase runs in rounds of its own, as a
     * decoder's steps follow other decoding steps: on the 2-core VM every decoding step of validate-local took
     * 1-10% longer in rounds that also held the forward points (MHA's dense step 4-5%, GQA's 6-10%; two pairs of
     * runs on one profile, the triad beside them within 2%; session 48), while a round's memory state is shared by
     * the points whose speed-ups it measures. Each cell's points are then predicted at the medians of their own
     * rounds' rates ({@link #besideRates} of that cell): until session 43, when each cell also ran in rounds of its
     * own, one median of every cell's figures and the calibration's priced them all, and the forward cells' memory
     * state priced the decoding points. A triad beyond the profile's cache, on a CPU the
     * calibration's gather right after it (as SparQ's exact stage follows its scores' stream), the calibration's
     * row updates, page runs beyond the cache, the overlap benchmark's middle case and the decoding kernel at one
     * query a row over its rows run in every round as well, so that the points have the memory bandwidth, the
     * gathered lines in flight, the FMA rate, the page-run bandwidth and the overlap exponents they ran beside: in
     * 0.5 s windows a minute apart, the gather's lines in flight moved between 5.0 and 9.3 (session 33). A
     * {@link CacheEviction} runs ahead of each cut of a SparQ step whose stages are timed, so that each cut
     * starts with none of its data in the cache, as the whole step does after the baseline.
     */
    public static List<List<Measured>> measure(Scenario s, HardwareProfile profile, OpenCLDevice device,
            Harness.Budget budget, IntConsumer progress) {
        requireKernelScenario(s);
        List<Cell> cells = new ArrayList<>();
        long seed = 1;
        for (Phase phase : s.phases()) {
            for (Shape shape : s.shapes()) {
                if (shape.runsIn(phase)) {
                    Cell cell = Cell.of(s, Sweep.workload(s, phase, shape), profile, seed);
                    seed += cell.points().size();
                    cells.add(cell);
                }
            }
        }
        int[] done = {0};
        Runnable tick = () -> progress.accept(++done[0]);
        double cache = profile.lastLevelCache().capacityBytes().value();
        Measured[][] measured = new Measured[cells.size()][];
        // A null resource is not closed: a GPU's cross-check has no gather.
        try (TriadStep triad = TriadStep.beyondCache(device, cache);
                GatherStep gather = device.getType() == Device.TYPE.CPU ? GatherStep.calibrationShape(device) : null;
                RowUpdateStep rows = RowUpdateStep.besideShape(device);
                PageRunStep pageRuns = PageRunStep.besideShape(device, cache);
                OverlapStep overlap = OverlapStep.beyondCache(device, cache);
                CacheEviction eviction = CacheEviction.beyond(device, cache)) {
            Beside beside = new Beside(triad, Optional.ofNullable(gather), rows, pageRuns, overlap);
            List<Long> bytes = cells.stream().map(Cell::arrayBytes).toList();
            List<Phase> phases = cells.stream().map(c -> c.points().get(0).workload().phase()).toList();
            for (List<Integer> together : setsOfCells(phases, bytes, room())) {
                List<Cell> group = together.stream().map(cells::get).toList();
                List<Measured[]> timed = measureTogether(group, profile, device, budget, beside, eviction, tick);
                for (int g = 0; g < together.size(); g++) {
                    measured[together.get(g)] = timed.get(g);
                }
            }
        }
        return Arrays.stream(measured).map(List::of).toList();
    }

    /** The field that gives variant {@code v} its KV cache type: its own, or the workload's. */
    private static String kvField(Scenario s, VariantChoice v) {
        return s.source() + ": " + (v.kvDtype() == null ? "workload.kvDtype" : "variants (" + v.label() + ").kvDtype");
    }

    /** The bytes {@link #MEMORY_SHARE} of the heap holds. */
    private static long room() {
        return (long) (MEMORY_SHARE * Runtime.getRuntime().maxMemory());
    }

    /** One phase and shape: every variant's dense and SparQ points, the baseline's dense point at {@code base}. */
    private record Cell(List<VariantChoice> variants, List<Point> points, int base, long seed) {

        static Cell of(Scenario s, Workload w, HardwareProfile profile, long seed) {
            List<VariantChoice> variants = new ArrayList<>();
            List<Point> points = new ArrayList<>();
            for (VariantChoice v : s.variants()) {
                List<SparqConfig> configs = new ArrayList<>();
                configs.add(null);
                if (w.phase() == Phase.DECODE) {
                    configs.addAll(s.sparq());
                }
                for (SparqConfig c : configs) {
                    variants.add(v);
                    points.add(Sweep.point(s, v, w, c, profile));
                }
            }
            int base = 0;
            while (!(variants.get(base) == s.baseline() && points.get(base).sparq() == null)) {
                base++;
            }
            return new Cell(List.copyOf(variants), List.copyOf(points), base, seed);
        }

        long arrayBytes() {
            return points.stream().mapToLong(KernelRunner::arrayBytes).sum();
        }

        Measured measured(int i, KernelRunner.KernelTiming timing, MedianInterval speedup, RatesBeside rates,
                double[] seconds, double[] baselineSeconds) {
            return new Measured(variants.get(i), points.get(i), i == base, timing, speedup, rates,
                    Arrays.stream(seconds).boxed().toList(), Arrays.stream(baselineSeconds).boxed().toList());
        }
    }

    /** A point of a group of cells: its cell's position in the group and its own in the cell. */
    private record At(int cell, int point) {
    }

    /**
     * Cells timed together: their baselines in every round, their other points in batches of as many as the heap's
     * room left by the baselines holds, each batch for the budget's seconds per point.
     */
    private static List<Measured[]> measureTogether(List<Cell> group, HardwareProfile profile, OpenCLDevice device,
            Harness.Budget budget, Beside beside, CacheEviction eviction, Runnable tick) {
        List<Measured[]> measured = group.stream().map(c -> new Measured[c.points().size()]).toList();
        List<At> others = new ArrayList<>();
        List<Long> bytes = new ArrayList<>();
        long baselineBytes = 0;
        for (int c = 0; c < group.size(); c++) {
            Cell cell = group.get(c);
            baselineBytes += KernelRunner.arrayBytes(cell.points().get(cell.base()));
            for (int i = 0; i < cell.points().size(); i++) {
                if (i != cell.base()) {
                    others.add(new At(c, i));
                    bytes.add(KernelRunner.arrayBytes(cell.points().get(i)));
                }
            }
        }
        List<KernelRunner.Prepared> baselines = new ArrayList<>();
        try {
            for (Cell cell : group) {
                baselines.add(KernelRunner.prepare(cell.points().get(cell.base()), device, cell.seed() + cell.base()));
            }
            for (List<Integer> positions : batches(bytes, room() - baselineBytes)) {
                List<At> batch = positions.stream().map(others::get).toList();
                List<KernelRunner.Prepared> prepared = new ArrayList<>();
                try {
                    for (At at : batch) {
                        Cell cell = group.get(at.cell());
                        prepared.add(KernelRunner.prepare(cell.points().get(at.point()), device,
                                cell.seed() + at.point()));
                    }
                    List<Harness.Step> steps = new ArrayList<>();
                    baselines.forEach(b -> steps.add(b.step()));
                    prepared.forEach(p -> steps.add(p.step()));
                    Rounds rounds = Harness.timeInRounds(beside.appendTo(steps), device,
                            budget.times(batch.size() + baselines.size()));
                    RatesBeside rates = beside.rates(rounds, baselines.size() + batch.size(), profile);
                    List<Measurement> times = rounds.measurements();
                    for (int c = 0; c < group.size(); c++) {
                        int base = group.get(c).base();
                        if (measured.get(c)[base] == null) {
                            measured.get(c)[base] = group.get(c).measured(base,
                                    new KernelRunner.KernelTiming(times.get(c), List.of()), null, rates,
                                    rounds.samples()[c], rounds.samples()[c]);
                            tick.run();
                        }
                    }
                    for (int j = 0; j < batch.size(); j++) {
                        At at = batch.get(j);
                        int step = baselines.size() + j;
                        measured.get(at.cell())[at.point()] = group.get(at.cell()).measured(at.point(),
                                new KernelRunner.KernelTiming(times.get(step),
                                        prepared.get(j).stageTimes(eviction.step(), budget)),
                                rounds.ratio(at.cell(), step), rates, rounds.samples()[step],
                                rounds.samples()[at.cell()]);
                        tick.run();
                    }
                } finally {
                    prepared.forEach(KernelRunner.Prepared::close);
                }
            }
        } finally {
            baselines.forEach(KernelRunner.Prepared::close);
        }
        return measured;
    }

    /**
     * The cells timed together, by their positions: each phase's cells apart from the others' (consecutive
     * ones, as {@link #measure} makes them), in {@link #batches} of {@code room} bytes.
     */
    static List<List<Integer>> setsOfCells(List<Phase> phases, List<Long> bytes, long room) {
        List<List<Integer>> sets = new ArrayList<>();
        int from = 0;
        while (from < phases.size()) {
            int to = from;
            while (to < phases.size() && phases.get(to) == phases.get(from)) {
                to++;
            }
            int offset = from;
            for (List<Integer> batch : batches(bytes.subList(from, to), room)) {
                sets.add(batch.stream().map(i -> i + offset).toList());
            }
            from = to;
        }
        return sets;
    }

    /**
     * Consecutive runs of the items, in order, each within {@code room} bytes, or a single item that alone
     * exceeds it; one empty batch when there are no items (the baseline is then timed alone).
     */
    static List<List<Integer>> batches(List<Long> bytes, long room) {
        List<List<Integer>> batches = new ArrayList<>();
        List<Integer> batch = new ArrayList<>();
        long taken = 0;
        for (int i = 0; i < bytes.size(); i++) {
            if (!batch.isEmpty() && taken + bytes.get(i) > room) {
                batches.add(batch);
                batch = new ArrayList<>();
                taken = 0;
            }
            batch.add(i);
            taken += bytes.get(i);
        }
        batches.add(batch);
        return batches;
    }

    /** The microbenchmarks timed in every round beside the points. */
    private record Beside(TriadStep triad, Optional<GatherStep> gather, RowUpdateStep rows, PageRunStep pageRuns,
            OverlapStep overlap) {

        /** {@code points} and then these microbenchmarks' steps, in the order {@link #rates} reads them. */
        List<Harness.Step> appendTo(List<Harness.Step> points) {
            List<Harness.Step> steps = new ArrayList<>(points);
            steps.add(triad.step());
            gather.ifPresent(g -> steps.add(g.step()));
            steps.add(rows.step());
            steps.add(pageRuns.step());
            steps.addAll(overlap.steps());
            return steps;
        }

        /** The rates of rounds whose first {@code points} steps were the points', then {@link #appendTo}'s. */
        RatesBeside rates(Rounds rounds, int points, HardwareProfile profile) {
            List<Measurement> times = rounds.measurements();
            double[][] samples = rounds.samples();
            int triadAt = points;
            int rowsAt = triadAt + 1 + (gather.isPresent() ? 1 : 0);
            int overlapAt = rowsAt + 2;
            double launch = profile.launchLatencySeconds().value();
            OneQueryDecode decode = overlap.oneQueryDecode();
            // The benchmark's resident tiles of HEADS heads, as the kernel's tiles of one head.
            List<Double> oneQuery = profile.decodeTile().map(t -> OverlapExponent.kernelByRound(
                    samples[overlapAt + 2], decode.launch().passes(), samples[overlapAt + 1],
                    decode.tilesPerUnit() / overlap.tilesPerUnit() * t.seconds(1) / t.seconds(OverlapStep.HEADS),
                    samples[triadAt], decode.bytes(), triad.bytes(), launch)).orElse(List.of());
            RatesBeside.RoundSeconds byRound = new RatesBeside.RoundSeconds(boxed(samples[triadAt]),
                    boxed(samples[rowsAt]), boxed(samples[rowsAt + 1]), boxed(samples[overlapAt + 1]),
                    gather.isPresent() ? boxed(samples[triadAt + 1]) : List.of());
            return new RatesBeside(times.get(triadAt), triad.bytes(), times.get(rowsAt), rows.flops(),
                    times.get(rowsAt + 1), pageRuns.bytes(), times.get(overlapAt),
                    OverlapExponent.byRound(samples[overlapAt], samples[overlapAt + 1], samples[triadAt],
                            overlap.streamedBytes(), triad.bytes(), launch),
                    times.get(overlapAt + 1), overlap.tilesPerUnit(), gather.map(g -> times.get(triadAt + 1)),
                    gather.map(GatherStep::bytes).orElse(0L), oneQuery, byRound);
        }

        private static List<Double> boxed(double[] values) {
            return Arrays.stream(values).boxed().toList();
        }
    }

    /**
     * The triad bandwidths (B/s), row-update FMA rates (FLOP/s), page-run bandwidths (B/s), overlap exponents,
     * gathered lines in flight (none on a GPU), the overlap benchmark's resident seconds a tile and the decoding
     * kernel's one-query exponents measured in the points' rounds, one a round, in {@code sets} sets of rounds.
     */
    public record BesideRates(List<Double> bandwidths, List<Double> rowUpdates, List<Double> pageRuns,
            List<Double> overlapExponents, List<Double> gatherLines, List<Double> decodeTileSeconds,
            List<Double> oneQueryExponents, int sets) {
    }

    /**
     * The rates of every round, the launch latency of {@code profile} subtracted (the gather's lines in flight at
     * its units and memory latency), in the order they ran: each set of rounds once, though the points timed in it
     * share it.
     */
    public static BesideRates besideRates(List<List<Measured>> cells, HardwareProfile profile) {
        double launch = profile.launchLatencySeconds().value();
        List<Double> bandwidths = new ArrayList<>();
        List<Double> rowUpdates = new ArrayList<>();
        List<Double> pageRuns = new ArrayList<>();
        List<Double> tiles = new ArrayList<>();
        List<Double> overlapExponents = new ArrayList<>();
        List<Double> gatherLines = new ArrayList<>();
        List<Double> oneQuery = new ArrayList<>();
        List<RatesBeside> sets = setsOfRounds(cells);
        for (RatesBeside b : sets) {
            bandwidths.addAll(b.bytesPerSecondByRound(launch));
            rowUpdates.addAll(b.rowUpdateFlopsPerSecondByRound(launch));
            pageRuns.addAll(b.pageRunBytesPerSecondByRound(launch));
            overlapExponents.addAll(b.overlapExponents());
            gatherLines.addAll(b.gatherLinesInFlightByRound(launch, profile.units(),
                    profile.memoryLatencySeconds().value()));
            tiles.addAll(b.decodeTileSecondsByRound(launch));
            oneQuery.addAll(b.oneQueryExponents());
        }
        return new BesideRates(List.copyOf(bandwidths), List.copyOf(rowUpdates), List.copyOf(pageRuns),
                List.copyOf(overlapExponents), List.copyOf(gatherLines), List.copyOf(tiles), List.copyOf(oneQuery),
                sets.size());
    }

    /** Each set of rounds the points ran in, once, in the order they ran, though the points timed in it share it. */
    public static List<RatesBeside> setsOfRounds(List<List<Measured>> cells) {
        Set<RatesBeside> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<RatesBeside> sets = new ArrayList<>();
        for (List<Measured> cell : cells) {
            for (Measured m : cell) {
                if (seen.add(m.beside())) {
                    sets.add(m.beside());
                }
            }
        }
        return List.copyOf(sets);
    }

    /**
     * Predicts each measured point on {@code profile} and sets the two side by side, speed-ups included, and again
     * at the rates the device gave beside it ({@link #atRatesBeside}): its prediction at their medians, and the
     * errors of every round at that round's own rates.
     */
    public static List<ValidationRow> compare(List<List<Measured>> cells, HardwareProfile profile) {
        return compare(cells, cell -> profile);
    }

    /** As {@link #compare(List, HardwareProfile)}, each cell's points on the profile {@code profileOf} gives it. */
    public static List<ValidationRow> compare(List<List<Measured>> cells,
            Function<List<Measured>, HardwareProfile> profileOf) {
        List<ValidationRow> rows = new ArrayList<>();
        for (List<Measured> cell : cells) {
            HardwareProfile profile = profileOf.apply(cell);
            Map<RatesBeside, List<HardwareProfile>> roundProfiles = new IdentityHashMap<>();
            List<Prediction> predicted = new ArrayList<>();
            Prediction basePredicted = null;
            Point basePoint = null;
            for (Measured m : cell) {
                Prediction prediction = Simulator.predict(m.point().on(profile));
                predicted.add(prediction);
                if (m.baseline()) {
                    basePredicted = prediction;
                    basePoint = m.point();
                }
            }
            Map<RatesBeside, double[]> baseByRound = new IdentityHashMap<>();
            for (int i = 0; i < cell.size(); i++) {
                Measured m = cell.get(i);
                double launch = profile.launchLatencySeconds().value();
                double bandwidth = m.beside().bytesPerSecond(launch);
                double rowUpdates = m.beside().rowUpdateFlopsPerSecond(launch);
                HardwareProfile beside = atRatesBeside(profile, bandwidth, rowUpdates, m);
                Prediction atBeside = Simulator.predict(m.point().on(beside));
                // The baseline ran in the same rounds as the point: its speed-up at those rates is the baseline's
                // prediction at them too.
                double baseAtBeside = Simulator.predict(basePoint.on(beside)).seconds();
                ValidationRow.RoundErrors byRound;
                if (m.secondsByRound().isEmpty()) {
                    byRound = ValidationRow.RoundErrors.atMedians(atBeside.seconds(), baseAtBeside,
                            m.timing().whole().medianSeconds(), m.speedup() == null ? 1 : m.speedup().median(),
                            bandwidth, rowUpdates);
                } else {
                    List<HardwareProfile> rounds = roundProfiles.computeIfAbsent(m.beside(), b -> {
                        List<RatesBeside.Round> rates = b.rounds(launch, profile.units(),
                                profile.memoryLatencySeconds().value());
                        return IntStream.range(0, rates.size()).mapToObj(n -> atRound(profile, rates.get(n), n))
                                .toList();
                    });
                    Point base = basePoint;
                    double[] baseSeconds = baseByRound.computeIfAbsent(m.beside(), b -> rounds.stream()
                            .mapToDouble(r -> Simulator.predict(base.on(r)).seconds()).toArray());
                    byRound = byRound(m, rounds, baseSeconds, launch);
                }
                rows.add(new ValidationRow(m.variant(), predicted.get(i), m.timing().whole(),
                        basePredicted.seconds() / predicted.get(i).seconds(),
                        m.speedup(), m.timing().stages(), atBeside, bandwidth, rowUpdates,
                        m.beside().overlapExponent(), byRound));
            }
        }
        return rows;
    }

    /**
     * The point predicted in every round on that round's profile ({@code rounds}), against its time in it, and the
     * speed-up its baseline, predicted at {@code baseSeconds} in the same rounds, gives over it against the measured
     * one. On the 2-core VM the memory moved between two states (triad about 45 and 75 GB/s) every few rounds of a run
     * (session 43); the median of such a mixture lands at a different place for each point and for the triad, where
     * each round's error is that of one state.
     */
    private static ValidationRow.RoundErrors byRound(Measured m, List<HardwareProfile> rounds, double[] baseSeconds,
            double launch) {
        int n = m.secondsByRound().size();
        double[] time = new double[n];
        double[] speedup = new double[n];
        double[] predictedSpeedup = new double[n];
        for (int r = 0; r < n; r++) {
            double point = Simulator.predict(m.point().on(rounds.get(r))).seconds();
            time[r] = point / m.secondsByRound().get(r) - 1;
            predictedSpeedup[r] = baseSeconds[r] / point;
            speedup[r] = predictedSpeedup[r] / (m.baselineSecondsByRound().get(r) / m.secondsByRound().get(r)) - 1;
        }
        return new ValidationRow.RoundErrors(MedianInterval.of(time).median(), MedianInterval.of(speedup).median(),
                MedianInterval.of(predictedSpeedup).median(), n,
                ValidationRow.RoundErrors.Spread.of(m.beside().bytesPerSecondByRound(launch)),
                ValidationRow.RoundErrors.Spread.of(m.beside().rowUpdateFlopsPerSecondByRound(launch)));
    }

    /** The profile at {@code r}, the rates of round {@code n}, as {@link #atRatesBeside} takes their medians. */
    private static HardwareProfile atRound(HardwareProfile profile, RatesBeside.Round r, int n) {
        String how = "measured in round " + (n + 1) + " of the point's rounds, launch latency subtracted";
        HardwareProfile p = RunRates.withRates(profile, new Figure(r.bytesPerSecond(), how),
                new Figure(r.rowUpdateFlopsPerSecond(), how), new Figure(r.pageRunBytesPerSecond(), how),
                new Figure(r.overlapExponent(), how), r.gatherLinesInFlight().map(lines -> new Figure(lines, how)));
        return RunRates.withOneQueryExponent(RunRates.withDecodeTileAt(p, r.decodeTileSeconds(), how),
                r.oneQueryExponent(), how);
    }

    /**
     * The profile with the device memory's bandwidth, the row updates' FMA rate (peak x matrix fraction) and,
     * where it has them, the page-run bandwidth, the overlap exponent and the gathered lines in flight that the
     * point ran beside.
     */
    private static HardwareProfile atRatesBeside(HardwareProfile profile, double bandwidth, double rowUpdates,
            Measured m) {
        RatesBeside b = m.beside();
        String how = " in the same rounds as this point, launch latency subtracted";
        double launch = profile.launchLatencySeconds().value();
        HardwareProfile withRates = RunRates.withRates(profile,
                new Figure(bandwidth, "measured on " + b.triad().device() + ": triad of "
                        + Quantity.format(b.triadBytes(), "B") + " a run, median of " + b.triad().repeats() + " runs"
                        + how),
                new Figure(rowUpdates, "measured on " + b.rowUpdates().device() + ": "
                        + RowUpdateStep.kernelDescription(profile.kind() == DeviceKind.GPU) + ", "
                        + Quantity.format(rowUpdates, "FLOP/s") + ", median of " + b.rowUpdates().repeats() + " runs"
                        + how + ", over the profile's peak"),
                new Figure(b.pageRunBytesPerSecond(launch), "measured on " + b.pageRuns().device()
                        + ": PageRunKernel, " + Quantity.format(b.pageRunBytes(), "B") + " a run, median of "
                        + b.pageRuns().repeats() + " runs" + how),
                new Figure(b.overlapExponent(), "measured on " + b.overlapStreamed().device() + ": "
                        + b.overlapStreamed().what() + " and the same on cache-resident rows, p solving "
                        + "(t_resident^p + t_memory^p)^(1/p) = t_streamed (or t_resident + t_memory / p = t_streamed "
                        + "where that is longer than the sum) with t_memory the streamed bytes at the triad's "
                        + "bandwidth, in each of " + b.overlapExponents().size() + " rounds, median" + how),
                b.gatherLinesInFlight(launch, profile.units(), profile.memoryLatencySeconds().value())
                        .map(lines -> new Figure(lines, "measured on " + b.gather().get().device()
                                + ": GatherKernel right after the triad, lines a second a compute unit times the "
                                + "profile's memory latency, median of " + b.gather().get().repeats() + " runs"
                                + how)));
        return RunRates.withOneQueryExponent(RunRates.withDecodeTileAt(withRates,
                b.decodeTileSeconds(launch), "a tile of " + OverlapStep.HEADS + " heads on resident rows, "
                        + b.overlapResident().what() + ", median of " + b.overlapResident().repeats() + " runs" + how),
                b.oneQueryExponent(), "measured on " + b.overlapStreamed().device() + ": the decoding kernel at one "
                        + "query a row over the overlap benchmark's streamed rows, against that benchmark's resident "
                        + "rows (for its tiles at one head) and the triad, in each of " + b.oneQueryExponents().size()
                        + " rounds, median" + how);
    }
}
