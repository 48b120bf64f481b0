package org.attnsim.kernels.micro;

import com.aparapi.device.OpenCLDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.attnsim.kernels.attention.AttentionShapeArgs;
import org.attnsim.kernels.attention.SparqArgs;
import org.attnsim.kernels.attention.SparqPipeline;
import org.attnsim.kernels.device.LineStart;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;

/**
 * SparQ's decoding step at each of {@link #HEADS} query heads a KV head over the overlap benchmark's own streamed keys
 * (and values), one KV head a (batch, KV head) group, d 64, r {@value #R}, k {@value #K}, no v_bar: what the profile's
 * {@code onceScoresArithmetic} and {@code twiceScoresArithmetic} are solved from, each case timed beside a triad and
 * the row-update benchmark in the overlap rounds. The kernels are attnsim's own, not copies: a copy of the K-once
 * loop on the Zen 5 VM agreed with it within 4% at 2-8 heads a row but took 31% longer at one, where the kernel reads
 * its rows ahead (session 42).
 *
 * <p>With K stored once ({@link #once}), the whole fused step ({@link org.attnsim.kernels.attention.SparqDecodeKernel}:
 * the scores, the top-k and the exact stage, as a cross-check runs it), the groups' rows the keys cut into equal
 * lengths, {@value #GROUPS_PER_UNIT} groups a compute unit, on cache lines after the device's pad as SparQ's steps lay
 * out K and V ({@link LineStart}; 16 bytes off them the scores took 1.02, 1.02, 1.06 and 1.10 times as long at 1, 2, 4
 * and 8 heads, session 47). Not the scores stage alone (until session 47): PoCL builds the same loop differently in the
 * two kernels, and at 8 heads a row the fused step took 0.985 times as long as its scores cut alone over the same rows
 * (S 16k, 16 groups, the same rounds; 1.07-1.09 at 1-4 heads), so MQA's K-once step, priced from the cut, came out
 * 14-25% slow in validate-groups (sessions 46-47). The scores are 90% and more of such a step.
 *
 * <p>With K stored twice ({@link #twice}), the scores stage alone ({@link
 * org.attnsim.kernels.attention.SparqScoresKernel}), the keys as the groups' d-major copies, {@value #TWICE_LENGTH}
 * positions each (S about 16k, so that the kernel reads its columns in halves where it would at that length), up to
 * {@value #TWICE_GROUPS_PER_UNIT} groups a compute unit. There the scores are about two thirds of the step and their
 * arithmetic a small part of them at 1-4 heads, so a factor solved from the whole step carries the other stages'
 * errors, which move with the memory's state: from the whole step it came out 1.64-1.84 at four heads with the memory
 * slow and 1.0-1.23 with it fast, and at one and two heads it solved to 2.3-4.8 (session 47). A calibration with the
 * memory slow then priced GQA's K-twice step 11.7% slow at points that ran with it fast.
 *
 * <p>With K stored twice the scores read their columns in passes above r 16 ({@link SparqArgs#inPasses}), a loop of
 * its own: the cases at {@value #PASSES_R} time that kernel ({@link
 * org.attnsim.kernels.attention.ManyColumnSparqScoresKernel}), for the profile's {@code twicePassesScoresArithmetic}.
 * With the r 16 cases' factors the model priced the K-twice steps at d 128, r 32, 15-22% below their times, and the
 * scores alone at d 64 12-14% below theirs at r 24 and 32, where at r 16 within 4% (session 50): each further pass
 * read its eight columns of 64 groups in 0.65-0.76 ms, where the one-pass kernel's eight took 0.45.
 *
 * @param keyTwice whether the cases store K twice (read its d-major copy) or once (its rows)
 * @param r        the components of q the scores read
 * @param cases    one a number of heads, in the order of {@link #HEADS}
 */
public record SparqStepCases(boolean keyTwice, int r, List<Case> cases) implements AutoCloseable {

    /** Query heads a KV head of the cases: MHA's, SQA's, GQA's at a quarter, MQA's of 8 heads. */
    public static final int[] HEADS = {1, 2, 4, 8};
    /**
     * (batch, KV head) groups a compute unit with K stored once, each one work-group of the kernel: 64 of 16k rows on 2
     * units, the shape of a decoding step at S 16k, so that the step's stages for each group (the top-k, the exact
     * stage) weigh in the case as they do there (8 a unit until session 47, caches of 64k rows).
     */
    public static final int GROUPS_PER_UNIT = 32;
    /** The most groups a compute unit with K stored twice: 64 on 2 units fill the benchmark's 256 MiB of keys. */
    public static final int TWICE_GROUPS_PER_UNIT = 32;
    /** Positions of each group with K stored twice: S 16k less a line, the d-major copy's columns an odd line apart. */
    public static final int TWICE_LENGTH = 16368;
    /** Components of q the scores read, d_h / 4 as in the paper. */
    public static final int R = 16;
    /** The r of the K-twice cases read in passes: d_h / 4 at d_h 128, as in the SparQ paper's Llama 2 7B. */
    public static final int PASSES_R = 32;
    /** Rows the exact stage takes, as in the paper. */
    public static final int K = 128;

    /** One case: the step at {@code shape.queryHeads()} heads a KV head, its rows from float {@code rowStart}. */
    public record Case(AttentionShapeArgs shape, int rowStart, Harness.Step step) {
    }

    public SparqStepCases {
        cases = List.copyOf(cases);
    }

    /**
     * K stored once: the cases over the first {@code rows} rows of {@code keys} and {@code values} (rows of {@code
     * headDim} floats) that fit after the device's pad, cut into equal lengths.
     */
    public static SparqStepCases once(OpenCLDevice device, float[] keys, float[] values, int rows, int headDim) {
        int groups = GROUPS_PER_UNIT * device.getMaxComputeUnits();
        int pad = LineStart.padFloats(device);
        int length = (int) (Math.min(rows, Math.max(0, Math.min(keys.length, values.length) - pad) / headDim) / groups);
        if (length < 1) {
            throw new IllegalArgumentException(rows + " rows of " + headDim + " floats do not give " + groups
                    + " groups a cache from arrays of " + keys.length + " and " + values.length
                    + " floats after a pad of " + pad);
        }
        return new SparqStepCases(false, R, cases(device, groups, length, headDim, false, R, pad, (a, args, q, shape) ->
                SparqPipeline.stepAlone(device, a, args, q, keys, values, "SparQ's fused step, K stored once, " + shape
                        + ", rows streamed")));
    }

    /**
     * K stored once at another head size: the cases over as many groups of {@code keyLength} rows of {@code headDim}
     * floats as {@code keys} and {@code values} hold after the device's pad, a whole number a compute unit. The caches
     * keep the length of the cases at d 64 (S 16k), not their number: the factor solved from a whole step carries what
     * the model misses in its top-k and exact stage, whose weight in a step goes with the cache's length. Cut into 64
     * caches of 8k rows at d 128, GQA's K-once step at S 16k came out 14% slow, the others within 3% (session 53).
     */
    public static SparqStepCases onceAtLength(OpenCLDevice device, float[] keys, float[] values, int headDim,
            int keyLength) {
        int units = device.getMaxComputeUnits();
        int pad = LineStart.padFloats(device);
        long rows = Math.max(0, Math.min(keys.length, values.length) - pad) / headDim;
        int groups = (int) (rows / keyLength / units * units);
        if (groups < units) {
            throw new IllegalArgumentException(rows + " rows of " + headDim + " floats do not give " + units
                    + " groups a cache of " + keyLength + " rows after a pad of " + pad);
        }
        return new SparqStepCases(false, R, cases(device, groups, keyLength, headDim, false, R, pad,
                (a, args, q, shape) -> SparqPipeline.stepAlone(device, a, args, q, keys, values,
                        "SparQ's fused step, K stored once, " + shape + ", rows streamed")));
    }

    /**
     * K stored twice: the scores alone at r {@code r} over {@code keys} as the groups' d-major copies, as many groups
     * as they hold up to {@value #TWICE_GROUPS_PER_UNIT} a compute unit; empty where they hold fewer than one a unit.
     */
    public static Optional<SparqStepCases> twice(OpenCLDevice device, float[] keys, int headDim, int r) {
        int units = device.getMaxComputeUnits();
        AttentionShapeArgs one = AttentionShapeArgs.of(1, 1, 1, 1, TWICE_LENGTH, headDim, false);
        long fit = keys.length / SparqPipeline.columnFloats(one);
        int groups = (int) Math.min((long) TWICE_GROUPS_PER_UNIT * units, fit);
        if (groups < units) {
            return Optional.empty();
        }
        return Optional.of(new SparqStepCases(true, r, cases(device, groups, TWICE_LENGTH, headDim, true, r, 0,
                (a, args, q, shape) -> SparqPipeline.scoresAlone(device, a, args, q, keys, (args.inPasses()
                        ? "ManyColumnSparqScoresKernel" : "SparqScoresKernel") + ", K stored twice, r " + r + ", "
                        + shape + ", columns streamed"))));
    }

    /** The kernel a case times, for its shape, settings and queries; {@code shape} says them in words. */
    private interface CaseStep {
        Harness.Step of(AttentionShapeArgs a, SparqArgs args, float[] q, String shape);
    }

    /** A case for each number of heads, its step made by {@code step}. */
    private static List<Case> cases(OpenCLDevice device, int groups, int length, int headDim, boolean twice, int r,
            int rowStart, CaseStep step) {
        List<Case> cases = new ArrayList<>();
        for (int heads : HEADS) {
            AttentionShapeArgs a = AttentionShapeArgs.of(groups, heads, 1, 1, length, headDim, false);
            float[] q = Microbenchmarks.randomRows(groups * heads * headDim, 37 + heads);
            SparqArgs args = new SparqArgs(r, K, 0, twice, false).fitting(a, device.getLocalMemSize())
                    .withRowStart(rowStart);
            cases.add(new Case(a, rowStart, step.of(a, args, q, heads + " heads a KV head, " + groups + " groups, S "
                    + length)));
        }
        return cases;
    }

    /** The steps to time, in the same rounds. */
    public List<Harness.Step> steps() {
        return cases.stream().map(Case::step).toList();
    }

    /**
     * The cases' times, as measured in the order of {@link #steps}, beside a triad of {@code triadBytesPerSecond} and
     * row updates of {@code rowUpdatesFlopsPerSecond}.
     */
    public Times times(List<Measurement> measured, double triadBytesPerSecond, double rowUpdatesFlopsPerSecond) {
        return times(measured, triadBytesPerSecond, rowUpdatesFlopsPerSecond, Optional.empty());
    }

    /** The same, beside page runs of {@code pageRunBytesPerSecond} too, where they were timed. */
    public Times times(List<Measurement> measured, double triadBytesPerSecond, double rowUpdatesFlopsPerSecond,
            Optional<Double> pageRunBytesPerSecond) {
        if (measured.size() != cases.size()) {
            throw new IllegalArgumentException(measured.size() + " times for " + cases.size() + " cases");
        }
        List<Times.Timed> timed = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            AttentionShapeArgs a = cases.get(i).shape();
            timed.add(new Times.Timed(a.queryHeads(), a.batch(), a.keyLength(), a.headDim(), measured.get(i)));
        }
        return new Times(keyTwice, r, timed, triadBytesPerSecond, rowUpdatesFlopsPerSecond, pageRunBytesPerSecond);
    }

    @Override
    public void close() {
        cases.forEach(c -> c.step().kernel().dispose());
    }

    /**
     * What the cases measured.
     *
     * @param keyTwice            whether K was stored twice
     * @param r                   the components of q the scores read
     * @param cases               one a number of heads a KV head
     * @param triadBytesPerSecond the triad's bandwidth in the same rounds, launch latency subtracted
     * @param rowUpdatesFlopsPerSecond the row-update benchmark's FMA rate in the same rounds ({@link
     *                            RowUpdateStep#besideShape}, as a cross-check times it beside its points), launch
     *                            latency subtracted
     * @param pageRunBytesPerSecond the page-run benchmark's bandwidth in the same rounds ({@link
     *                            PageRunStep#besideShape}, as a cross-check times it beside its points), launch
     *                            latency subtracted; empty where not timed. The K-twice scores read their columns in
     *                            page runs, whose rate follows the memory's state: timed apart from the cases, with the
     *                            memory fast (66 GB/s) while the cases ran with it slow, the one-head K-twice factors
     *                            came out 4.9 and 5.4 where other calibrations gave 1 (session 57).
     */
    public record Times(boolean keyTwice, int r, List<Timed> cases, double triadBytesPerSecond,
            double rowUpdatesFlopsPerSecond, Optional<Double> pageRunBytesPerSecond) {

        public Times {
            cases = List.copyOf(cases);
        }

        /** Times beside no page runs. */
        public Times(boolean keyTwice, int r, List<Timed> cases, double triadBytesPerSecond,
                double rowUpdatesFlopsPerSecond) {
            this(keyTwice, r, cases, triadBytesPerSecond, rowUpdatesFlopsPerSecond, Optional.empty());
        }

        /** Whether the cases' kernel reads K's columns in passes (stored twice, above r 16). */
        public boolean inPasses() {
            return keyTwice && new SparqArgs(r, K, 0, true, false, true).inPasses();
        }

        /** One case's shape (heads over one KV head, groups, their cache's length, d) and time. */
        public record Timed(int heads, int groups, int keyLength, int headDim, Measurement measurement) {
        }
    }
}
