package org.attnsim.kernels.validate;

import java.util.List;
import java.util.Optional;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.kernels.measure.MedianInterval;
import org.attnsim.kernels.micro.GatherStep;

/**
 * What the device gave while a point ran: a triad beyond the cache ({@code triadBytes} a run), the row
 * updates of the calibration ({@code rowUpdateFlops} a run), page runs beyond the cache
 * ({@code pageRunBytes} a run), the overlap benchmark's rows streamed, with the overlap exponent of each
 * round ({@link org.attnsim.kernels.micro.OverlapExponent#byRound}), its rows cache-resident ({@code tilesPerUnit}
 * tiles of {@link org.attnsim.hwmodels.DecodeTile#ROWS} rows a compute unit), and on a CPU the gather of scattered rows
 * right after the triad ({@link GatherStep}, {@code gatherBytes} a run), each timed in the same rounds as the
 * point; and the exponent of the decoding kernel's one-query passes ({@link org.attnsim.kernels.micro.OneQueryDecode})
 * of each round, where the profile has a decoding tile.
 */
public record RatesBeside(Measurement triad, long triadBytes, Measurement rowUpdates, double rowUpdateFlops,
        Measurement pageRuns, long pageRunBytes, Measurement overlapStreamed, List<Double> overlapExponents,
        Measurement overlapResident, double tilesPerUnit, Optional<Measurement> gather, long gatherBytes,
        List<Double> oneQueryExponents) {

    public RatesBeside {
        overlapExponents = List.copyOf(overlapExponents);
        oneQueryExponents = List.copyOf(oneQueryExponents);
    }

    /** The rates with no one-query exponents. */
    public RatesBeside(Measurement triad, long triadBytes, Measurement rowUpdates, double rowUpdateFlops,
            Measurement pageRuns, long pageRunBytes, Measurement overlapStreamed, List<Double> overlapExponents,
            Measurement overlapResident, double tilesPerUnit, Optional<Measurement> gather, long gatherBytes) {
        this(triad, triadBytes, rowUpdates, rowUpdateFlops, pageRuns, pageRunBytes, overlapStreamed, overlapExponents,
                overlapResident, tilesPerUnit, gather, gatherBytes, List.of());
    }

    /**
     * The lines a compute unit kept under way in the gather ({@link GatherStep#linesInFlight}): its bytes over
     * its median less the launch latency, on {@code units} units with {@code latencySeconds} a round trip;
     * empty where no gather ran (a GPU).
     */
    public Optional<Double> gatherLinesInFlight(double launchSeconds, int units, double latencySeconds) {
        return gather.map(m -> GatherStep.linesInFlight(gatherBytes / lessLaunch(m, launchSeconds), units,
                latencySeconds));
    }

    /** A tile's seconds on resident rows for the overlap benchmark's queries: its median less the launch latency. */
    public double decodeTileSeconds(double launchSeconds) {
        return lessLaunch(overlapResident, launchSeconds) / tilesPerUnit;
    }

    /** The triad's bandwidth: its bytes over its median less the launch latency. */
    public double bytesPerSecond(double launchSeconds) {
        return triadBytes / lessLaunch(triad, launchSeconds);
    }

    /** The row updates' FLOP rate, likewise. */
    public double rowUpdateFlopsPerSecond(double launchSeconds) {
        return rowUpdateFlops / lessLaunch(rowUpdates, launchSeconds);
    }

    /** The page runs' bandwidth, likewise. */
    public double pageRunBytesPerSecond(double launchSeconds) {
        return pageRunBytes / lessLaunch(pageRuns, launchSeconds);
    }

    /** The median of the rounds' overlap exponents. */
    public double overlapExponent() {
        return median(overlapExponents);
    }

    /** The median of the rounds' one-query exponents; empty where there are none. */
    public Optional<Double> oneQueryExponent() {
        return oneQueryExponents.isEmpty() ? Optional.empty() : Optional.of(median(oneQueryExponents));
    }

    private static double median(List<Double> values) {
        return MedianInterval.of(values.stream().mapToDouble(Double::doubleValue).toArray()).median();
    }

    private static double lessLaunch(Measurement m, double launchSeconds) {
        double t = m.medianSeconds();
        return t > 2 * launchSeconds ? t - launchSeconds : t;
    }
}
