package org.attnsim.kernels.micro;

import java.util.List;
import java.util.Optional;
import org.attnsim.kernels.measure.Measurement;

/**
 * What the microbenchmarks measured on one device.
 *
 * @param memoryBytesPerSecond triad bandwidth far beyond the last-level cache (median of the largest sizes)
 * @param cacheBytesPerSecond  the best triad bandwidth at cache-resident sizes
 * @param memoryHalfRateBytes  Hockney's n-half of device-memory streams, from an OLS fit of time on bytes
 * @param unitBandwidth        what one compute unit streams alone against all of them, on a CPU; empty elsewhere
 * @param unitPageRuns         what one compute unit reads in page runs alone against all of them, on a CPU where the
 *                             scope holds SparQ's steps; empty elsewhere
 * @param compute              FMA and exponential rates (see {@link Microbenchmarks.ComputeRates})
 * @param pageRunBytesPerSecond bytes/s read as 4 KiB runs at random pages, one work item at a time per unit
 * @param overlap              how far arithmetic overlaps device-memory traffic
 * @param launchAfterWork      what a launch loses when it follows other work ({@link LaunchAfterWork})
 * @param gather               SparQ's exact stage's loads ({@link GatherStep}), on a CPU; empty elsewhere
 * @param decodeTile           a decoding step's loop on resident rows, whose cases are also {@code overlap}'s: on a
 *                             GPU {@link DecodeTileKernel}, on a CPU {@link OverlapKernel}, with the decoding kernel's
 *                             further passes, and the same at other rows' lengths, on a CPU
 * @param unitDecode           the decoding kernel on one compute unit while the others are idle, on a CPU; empty
 *                             elsewhere
 * @param scores               SparQ's fused step at 1-8 query heads a KV head over the same keys, K stored once and
 *                             twice ({@link SparqStepCases}), on a CPU; none elsewhere
 * @param forward              the forward kernel at each measured head dimension beside the row updates
 *                             ({@link ForwardAlone}), on a CPU; empty elsewhere
 */
public record MicroResults(
        List<BandwidthPoint> bandwidth,
        double memoryBytesPerSecond,
        double cacheBytesPerSecond,
        double memoryHalfRateBytes,
        Optional<UnitBandwidth> unitBandwidth,
        Optional<UnitBandwidth> unitPageRuns,
        Microbenchmarks.ComputeRates compute,
        Measurement pageRuns,
        double pageRunBytesPerSecond,
        OverlapExponent overlap,
        Measurement launch,
        LaunchAfterWork launchAfterWork,
        Measurement chase,
        double memoryLatencySeconds,
        Optional<Gather> gather,
        DecodeTileTimes decodeTile,
        Optional<UnitDecode> unitDecode,
        List<SparqStepCases.Times> scores,
        Optional<PassesStep.Times> passesStep,
        Optional<ForwardAlone.Times> forward) {

    /**
     * The decoding kernel at one query a row over {@code bytes} of rows in one work-group ({@link
     * OneQueryDecode#oneUnit}), its bandwidth less the launch, and the same kernel's over the same rows on every unit
     * ({@link OneQueryDecode#over}) in the same rounds.
     */
    public record UnitDecode(Measurement measurement, double bytes, double bytesPerSecond,
            double everyBytesPerSecond) {
    }

    /** The gather benchmark's time, its rate, and the lines a unit kept under way in it. */
    public record Gather(Measurement measurement, double bytesPerSecond, double linesInFlight) {
    }
}
