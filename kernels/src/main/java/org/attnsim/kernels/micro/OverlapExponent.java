package org.attnsim.kernels.micro;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.attnsim.sim.roofline.Overlap;

/**
 * How a device overlaps arithmetic with device-memory traffic, as the exponent p of
 * t = (t_compute^p + t_memory^p)^(1/p): p = 1 adds the two (no overlap), p -> infinity takes the longer
 * (full overlap). Solved from {@link OverlapKernel} run three ways in the same rounds: its rows streamed
 * from memory (t), the same instructions on cache-resident rows (t_compute), and a triad (t_memory: the
 * streamed bytes at the triad's bandwidth, as the roofline prices them).
 *
 * <p>The exponent is the middle case's ({@link OverlapStep#HEADS} queries a row), the case {@code validate}
 * times beside its points, so that a calibrated profile and a cross-check price decoding alike. It was the
 * median of the cases, the same case while the exponents rose with the queries (the Zen 4 VM, mostly). On the
 * Zen 5 VM they do not (session 38: 1.09, 2.20 and 1.07 for 1, 2 and 4 queries): the median took the 1-query
 * case, whose rows stream more slowly than the 2-query case's (18.0 against 17.1 ms for the same bytes with
 * half the arithmetic) where the decoding kernel's 1-query rows stream at the triad's bandwidth, and a
 * calibrated profile put dense MHA decoding 40% slow.
 *
 * <p>The decoding kernel's own one-query passes have an exponent of their own ({@code oneQueryKernel}): the
 * kernel itself streamed, against the benchmark's one-query case on resident rows (for the kernel's rows) and the
 * triad (see {@link OneQueryDecode}).
 *
 * @param exponent       the exponent of the case of {@link OverlapStep#HEADS} queries a row
 * @param cases          one per number of queries sharing each row (more queries, more arithmetic per byte), by
 *                       queries
 * @param oneQueryKernel the decoding kernel at one query a row, timed in the same rounds; empty where not timed
 */
public record OverlapExponent(double exponent, List<Case> cases, Optional<Case> oneQueryKernel) {

    /** The largest exponent reported: (1 + 1)^(1/64) is 1.1% above the maximum of two equal times. */
    public static final double MAX_EXPONENT = 64;
    /** The smallest: the memory stream at 1/64 of the triad's bandwidth. */
    public static final double MIN_EXPONENT = 1 / MAX_EXPONENT;

    /** One case: the median seconds of each run and the exponent they give. */
    public record Case(int heads, double streamedSeconds, double residentSeconds, double memorySeconds,
            double exponent) {

        /** The case of these times, its exponent the one they give ({@link #solve}). */
        public static Case solved(int heads, double streamedSeconds, double residentSeconds, double memorySeconds) {
            return new Case(heads, streamedSeconds, residentSeconds, memorySeconds,
                    solve(streamedSeconds, residentSeconds, memorySeconds));
        }
    }

    public OverlapExponent {
        cases = List.copyOf(cases);
    }

    /** The benchmark's cases alone. */
    public OverlapExponent(double exponent, List<Case> cases) {
        this(exponent, cases, Optional.empty());
    }

    /** The cases by queries a row, and the exponent of the one of {@link OverlapStep#HEADS} queries. */
    public static OverlapExponent of(List<Case> cases) {
        return of(cases, Optional.empty());
    }

    /** {@link #of(List)} with the decoding kernel's one-query case. */
    public static OverlapExponent of(List<Case> cases, Optional<Case> oneQueryKernel) {
        Case beside = cases.stream().filter(c -> c.heads() == OverlapStep.HEADS).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no overlap case of " + OverlapStep.HEADS
                        + " queries a row among " + cases.size()));
        return new OverlapExponent(beside.exponent(),
                cases.stream().sorted(Comparator.comparingInt(Case::heads)).toList(), oneQueryKernel);
    }

    /**
     * One exponent a round, from the seconds of the streamed run, the resident run and a triad of
     * {@code triadBytes} in the same round, each less the launch latency: the memory time is the streamed
     * bytes at that round's triad bandwidth. A round is one moment of a shared machine's load; the exponent
     * of the medians would pair a streamed run with a triad from another.
     */
    public static List<Double> byRound(double[] streamed, double[] resident, double[] triad, double streamedBytes,
            double triadBytes, double launchSeconds) {
        if (streamed.length != resident.length || streamed.length != triad.length) {
            throw new IllegalArgumentException("rounds differ: " + streamed.length + " streamed, " + resident.length
                    + " resident, " + triad.length + " triads");
        }
        List<Double> exponents = new ArrayList<>(streamed.length);
        for (int n = 0; n < streamed.length; n++) {
            double memory = streamedBytes * (triad[n] - launchSeconds) / triadBytes;
            exponents.add(solve(streamed[n] - launchSeconds, resident[n] - launchSeconds, memory));
        }
        return List.copyOf(exponents);
    }

    /**
     * The decoding kernel's one-query exponent of each round ({@link OneQueryDecode}): its runs of
     * {@code passes} launches each, {@code kernelBytes} a run, against the benchmark's resident runs of the same
     * rounds times {@code residentScale} (for the kernel's tiles at one head), and the triad.
     */
    public static List<Double> kernelByRound(double[] kernel, int passes, double[] resident, double residentScale,
            double[] triad, double kernelBytes, double triadBytes, double launchSeconds) {
        double[] streamed = new double[kernel.length];
        double[] arithmetic = new double[resident.length];
        for (int n = 0; n < kernel.length; n++) {
            streamed[n] = kernel[n] - (passes - 1) * launchSeconds;
        }
        for (int n = 0; n < resident.length; n++) {
            arithmetic[n] = launchSeconds + (resident[n] - launchSeconds) * residentScale;
        }
        return byRound(streamed, arithmetic, triad, kernelBytes, triadBytes, launchSeconds);
    }

    /**
     * The p for which (c^p + m^p)^(1/p) = t, or where t is at least the sum c + m, the p below 1 for which
     * c + m / p = t ({@link Overlap#seconds}): the stream at that fraction of the triad's bandwidth, down to
     * {@link #MIN_EXPONENT}; {@value #MAX_EXPONENT} where t is at most the maximum of c and m (within the
     * measurement, the overlap is full).
     */
    public static double solve(double t, double c, double m) {
        if (!(t > 0 && c > 0 && m > 0)) {
            throw new IllegalArgumentException("times must be positive: " + Arrays.toString(new double[] {t, c, m}));
        }
        if (t >= c + m) {
            return Math.max(MIN_EXPONENT, m / (t - c));
        }
        if (Overlap.seconds(c, m, MAX_EXPONENT) >= t) {
            return MAX_EXPONENT;
        }
        // The p-norm falls monotonically in p from the sum (p = 1) towards the maximum: one root between.
        return new BrentSolver(1e-12, 1e-15).solve(200, p -> Overlap.seconds(c, m, p) - t, 1, MAX_EXPONENT);
    }
}
