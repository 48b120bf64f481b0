package org.attnsim.kernels.calibrate;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.Quantity;
import org.attnsim.kernels.micro.OverlapStep;

/**
 * The device memory's bandwidth, the row updates' FMA rate, the page-run bandwidth, the overlap exponent and
 * the gathered lines in flight over a whole cross-check: the medians of every run of their microbenchmarks in
 * it (the calibration, the recheck after the kernels where it has one, and those timed beside each point). On
 * a shared machine the first two moved by 30-50% between a calibration and a recheck minutes apart, and the
 * faster of the two, which {@link Recalibration} keeps, was a rate the device gave the points at none of them;
 * the gather's lines in flight moved between 5.0 and 9.3 in 0.5 s windows a minute apart (session 33). One
 * figure for all points still, measured in the same run, but as the device ran while the points did.
 */
public final class RunRates {

    private RunRates() {
    }

    /**
     * {@code profile} with its device-memory bandwidth set to the median of {@code bandwidths} (B/s), its
     * matrix fraction to the median of {@code rowUpdates} (FLOP/s) over its FP32 matrix peak (at most 1) and,
     * where it has a page-run bandwidth, that to the median of {@code pageRuns} (B/s); {@code how} says where
     * the measurements came from. Where it has an overlap exponent, that is the median of
     * {@code overlapExponents}; where it has gathered lines in flight and {@code gatherLines} holds any (a GPU's
     * cross-check runs no gather), those are their median.
     */
    public static HardwareProfile medians(HardwareProfile profile, List<Double> bandwidths, List<Double> rowUpdates,
            List<Double> pageRuns, List<Double> overlapExponents, List<Double> gatherLines, String how) {
        if (bandwidths.isEmpty() || rowUpdates.isEmpty() || pageRuns.isEmpty() || overlapExponents.isEmpty()) {
            throw new IllegalArgumentException("no measurements to take the median of");
        }
        double rows = median(rowUpdates);
        double peak = profile.matrixPeak(Dtype.FP32);
        return withRates(profile,
                new Figure(median(bandwidths), "median of " + bandwidths.size() + " triad bandwidths " + how + ", "
                        + range(bandwidths, "B/s")),
                new Figure(rows, "median of " + rowUpdates.size() + " row-update FMA rates " + how + ", "
                        + range(rowUpdates, "FLOP/s") + ", " + Quantity.format(rows, "FLOP/s") + " over the peak "
                        + Quantity.format(peak, "FLOP/s")),
                new Figure(median(pageRuns), "median of " + pageRuns.size() + " page-run bandwidths " + how + ", "
                        + range(pageRuns, "B/s")),
                new Figure(median(overlapExponents), "median of " + overlapExponents.size() + " overlap exponents "
                        + how + ", those beside the points one a round, " + range(overlapExponents, "")),
                gatherLines.isEmpty() ? Optional.empty() : Optional.of(new Figure(median(gatherLines), "median of "
                        + gatherLines.size() + " gathered lines in flight " + how + ", " + range(gatherLines, ""))));
    }

    /**
     * {@code profile} with the rates measured beside a cross-check's points: its device-memory bandwidth, its matrix
     * fraction set to {@code rowUpdates} (FLOP/s, its source the fraction's) over its FP32 matrix peak (at most 1),
     * and, only where the profile has each figure, its page-run bandwidth, overlap exponent and gathered lines in
     * flight (the last only where {@code gatherLines} holds one: a GPU's cross-check runs no gather).
     */
    public static HardwareProfile withRates(HardwareProfile profile, Figure bandwidth, Figure rowUpdates,
            Figure pageRuns, Figure overlapExponent, Optional<Figure> gatherLines) {
        HardwareProfile p = profile.overlapExponent().isEmpty() ? profile
                : profile.withOverlapExponent(Optional.of(overlapExponent));
        p = profile.pageRunBytesPerSecond().isEmpty() ? p : p.withPageRunBandwidth(pageRuns);
        p = profile.gatherLinesInFlight().isEmpty() || gatherLines.isEmpty() ? p
                : p.withGatherLinesInFlight(gatherLines);
        return withRowUpdates(p.withDeviceBandwidth(bandwidth), rowUpdates);
    }

    /** The row updates' FMA rate {@code profile} takes: its FP32 matrix peak times its matrix fraction. */
    public static double rowUpdates(HardwareProfile profile) {
        return profile.matrixPeak(Dtype.FP32) * profile.efficiency().matrixFraction().value();
    }

    /**
     * {@code profile} with its matrix fraction set to {@code rowUpdates} (FLOP/s, its source the fraction's) over its
     * FP32 matrix peak, at most 1.
     */
    public static HardwareProfile withRowUpdates(HardwareProfile profile, Figure rowUpdates) {
        return profile.withEfficiency(profile.efficiency().withMatrixFraction(new Figure(
                Math.min(1, rowUpdates.value() / profile.matrixPeak(Dtype.FP32)), rowUpdates.source())));
    }

    /**
     * {@code profile} with its decoding tile's costs scaled so that a tile of the overlap benchmark's queries takes
     * the median of {@code tileSeconds} (the calibration's among them), as the overlap exponent is solved with those
     * resident times; unchanged where the profile has no tile or there are no times.
     */
    public static HardwareProfile decodeTileOverTheRun(HardwareProfile profile, List<Double> tileSeconds, String how) {
        return tileSeconds.isEmpty() ? profile : withDecodeTileAt(profile, median(tileSeconds), "median of "
                + tileSeconds.size() + " tiles of " + OverlapStep.HEADS + " heads on resident rows " + how + ", "
                + range(tileSeconds, "s"));
    }

    /**
     * {@code profile} with its decoding tile's costs scaled so that a tile of the overlap benchmark's queries takes
     * {@code seconds}; unchanged where it has no tile.
     */
    public static HardwareProfile withDecodeTileAt(HardwareProfile profile, double seconds, String why) {
        return profile.decodeTile().map(t -> profile.withDecodeTile(Optional.of(
                t.times(seconds / t.seconds(OverlapStep.HEADS), why)))).orElse(profile);
    }

    /**
     * {@code profile} with the exponent of its decoding kernel's one-query passes set to the median of
     * {@code exponents} (the calibration's among them); unchanged where its tile has no such exponent or there are
     * none.
     */
    public static HardwareProfile oneQueryExponentOverTheRun(HardwareProfile profile, List<Double> exponents,
            String how) {
        return exponents.isEmpty() ? profile : withOneQueryExponent(profile, Optional.of(median(exponents)),
                "median of " + exponents.size() + " exponents of the decoding kernel at one query a row " + how + ", "
                        + range(exponents, ""));
    }

    /**
     * {@code profile} with the exponent of its decoding kernel's one-query passes set to {@code exponent}, said to be
     * {@code why}; unchanged where its tile has no such exponent or {@code exponent} is empty.
     */
    public static HardwareProfile withOneQueryExponent(HardwareProfile profile, Optional<Double> exponent,
            String why) {
        return profile.decodeTile().filter(t -> t.oneHeadOverlapExponent().isPresent() && exponent.isPresent())
                .map(t -> profile.withDecodeTile(Optional.of(t.withOneHeadOverlapExponent(
                        Optional.of(new Figure(exponent.get(), why)))))).orElse(profile);
    }

    /** Commons Math's median: the middle value, or the mean of the middle two. */
    static double median(List<Double> values) {
        return new Median().evaluate(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static String range(List<Double> values, String unit) {
        return Quantity.format(Collections.min(values), unit) + " to " + Quantity.format(Collections.max(values), unit);
    }
}
