package org.attnsim.kernels.validate;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
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
 * point; the exponent of the decoding kernel's one-query passes ({@link org.attnsim.kernels.micro.OneQueryDecode})
 * of each round, where the profile has a decoding tile; and the seconds of the triad, the row updates, the page runs,
 * the resident rows and the gather in each round ({@code byRound}), of which a whole run's rates take their medians.
 */
public record RatesBeside(Measurement triad, long triadBytes, Measurement rowUpdates, double rowUpdateFlops,
        Measurement pageRuns, long pageRunBytes, Measurement overlapStreamed, List<Double> overlapExponents,
        Measurement overlapResident, double tilesPerUnit, Optional<Measurement> gather, long gatherBytes,
        List<Double> oneQueryExponents, RoundSeconds byRound) {

    /** The seconds of each microbenchmark in every round, in the order the rounds ran; no gather on a GPU. */
    public record RoundSeconds(List<Double> triad, List<Double> rowUpdates, List<Double> pageRuns,
            List<Double> resident, List<Double> gather) {

        public RoundSeconds {
            triad = List.copyOf(triad);
            rowUpdates = List.copyOf(rowUpdates);
            pageRuns = List.copyOf(pageRuns);
            resident = List.copyOf(resident);
            gather = List.copyOf(gather);
        }

        /** Rounds known by their medians alone: one round of each, at its median. */
        static RoundSeconds ofMedians(Measurement triad, Measurement rowUpdates, Measurement pageRuns,
                Measurement resident, Optional<Measurement> gather) {
            return new RoundSeconds(List.of(triad.medianSeconds()), List.of(rowUpdates.medianSeconds()),
                    List.of(pageRuns.medianSeconds()), List.of(resident.medianSeconds()),
                    gather.map(g -> List.of(g.medianSeconds())).orElse(List.of()));
        }
    }

    public RatesBeside {
        overlapExponents = List.copyOf(overlapExponents);
        oneQueryExponents = List.copyOf(oneQueryExponents);
    }

    /** The rates known by their medians alone (one round each, see {@link RoundSeconds#ofMedians}). */
    public RatesBeside(Measurement triad, long triadBytes, Measurement rowUpdates, double rowUpdateFlops,
            Measurement pageRuns, long pageRunBytes, Measurement overlapStreamed, List<Double> overlapExponents,
            Measurement overlapResident, double tilesPerUnit, Optional<Measurement> gather, long gatherBytes,
            List<Double> oneQueryExponents) {
        this(triad, triadBytes, rowUpdates, rowUpdateFlops, pageRuns, pageRunBytes, overlapStreamed, overlapExponents,
                overlapResident, tilesPerUnit, gather, gatherBytes, oneQueryExponents,
                RoundSeconds.ofMedians(triad, rowUpdates, pageRuns, overlapResident, gather));
    }

    /** The rates known by their medians alone, with no one-query exponents. */
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

    /** The triad's bandwidth in each round, launch latency subtracted. */
    public List<Double> bytesPerSecondByRound(double launchSeconds) {
        return byRound.triad().stream().map(t -> triadBytes / lessLaunch(t, launchSeconds)).toList();
    }

    /** The row updates' FLOP rate in each round, likewise. */
    public List<Double> rowUpdateFlopsPerSecondByRound(double launchSeconds) {
        return byRound.rowUpdates().stream().map(t -> rowUpdateFlops / lessLaunch(t, launchSeconds)).toList();
    }

    /** The page runs' bandwidth in each round, likewise. */
    public List<Double> pageRunBytesPerSecondByRound(double launchSeconds) {
        return byRound.pageRuns().stream().map(t -> pageRunBytes / lessLaunch(t, launchSeconds)).toList();
    }

    /** A resident tile's seconds in each round, likewise. */
    public List<Double> decodeTileSecondsByRound(double launchSeconds) {
        return byRound.resident().stream().map(t -> lessLaunch(t, launchSeconds) / tilesPerUnit).toList();
    }

    /** The gather's lines in flight a unit in each round, likewise ({@link #gatherLinesInFlight}); none on a GPU. */
    public List<Double> gatherLinesInFlightByRound(double launchSeconds, int units, double latencySeconds) {
        return byRound.gather().stream().map(t -> GatherStep.linesInFlight(gatherBytes / lessLaunch(t, launchSeconds),
                units, latencySeconds)).toList();
    }

    /**
     * The rates of one round, launch latency subtracted: the triad's bandwidth (B/s), the row updates' FLOP rate, the
     * page runs' bandwidth (B/s), a resident tile's seconds, the overlap exponent, and where they were measured the
     * gather's lines in flight a unit (none on a GPU) and the decoding kernel's one-query exponent.
     */
    public record Round(double bytesPerSecond, double rowUpdateFlopsPerSecond, double pageRunBytesPerSecond,
            double decodeTileSeconds, double overlapExponent, Optional<Double> gatherLinesInFlight,
            Optional<Double> oneQueryExponent) {
    }

    /** The rates of each round in turn, the gather's lines at {@code units} and {@code latencySeconds}. */
    public List<Round> rounds(double launchSeconds, int units, double latencySeconds) {
        List<Double> bandwidths = bytesPerSecondByRound(launchSeconds);
        List<Double> rowUpdates = rowUpdateFlopsPerSecondByRound(launchSeconds);
        List<Double> pageRuns = pageRunBytesPerSecondByRound(launchSeconds);
        List<Double> tiles = decodeTileSecondsByRound(launchSeconds);
        List<Double> lines = gatherLinesInFlightByRound(launchSeconds, units, latencySeconds);
        return IntStream.range(0, bandwidths.size()).mapToObj(n -> new Round(bandwidths.get(n), rowUpdates.get(n),
                pageRuns.get(n), tiles.get(n), overlapExponents.get(n),
                lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(n)),
                oneQueryExponents.isEmpty() ? Optional.empty() : Optional.of(oneQueryExponents.get(n)))).toList();
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
        return lessLaunch(m.medianSeconds(), launchSeconds);
    }

    private static double lessLaunch(double t, double launchSeconds) {
        return t > 2 * launchSeconds ? t - launchSeconds : t;
    }
}
