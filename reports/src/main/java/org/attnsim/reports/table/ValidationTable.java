package org.attnsim.reports.table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.attnsim.hwmodels.Quantity;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.kernels.measure.MedianInterval;
import org.attnsim.kernels.validate.ValidationRow;
import org.attnsim.sim.roofline.OpTiming;

/** Measured against predicted, point by point and speed-up by speed-up. */
public final class ValidationTable {

    public static final List<String> HEADERS = List.of("variant", "attention", "phase", "seq", "batch", "predicted",
            "measured", "95% CI", "error", "predicted speed-up", "measured speed-up", "95% CI", "speed-up error",
            "bound");
    public static final boolean[] RIGHT = {false, false, false, true, true, true, true, true, true, true, true, true,
        true, false};

    /** The speed-up error the summary counts the points within: the kernels issue's goal for validate-local. */
    public static final double SPEEDUP_TOLERANCE = 0.10;

    private ValidationTable() {
    }

    public static TextTable of(List<ValidationRow> rows) {
        TextTable t = new TextTable(HEADERS, RIGHT);
        for (ValidationRow r : rows) {
            t.add(cells(r));
        }
        return t;
    }

    public static List<String> cells(ValidationRow r) {
        Measurement m = r.measured();
        var w = r.prediction().point().workload();
        return List.of(r.variant().label(), r.attention(), w.phase().id(), Integer.toString(w.seqLen()),
                Integer.toString(w.batch()), Quantity.formatSeconds(r.prediction().seconds()),
                Quantity.formatSeconds(m.medianSeconds()),
                interval(m), ComparisonTable.percent(r.error()), ComparisonTable.times(r.predictedSpeedup()),
                ComparisonTable.times(r.measuredSpeedup()), speedupInterval(r), ComparisonTable.percent(r.speedupError()),
                r.prediction().bound().id());
    }

    /** A measurement's 95% interval: "low .. high" in seconds. */
    public static String interval(Measurement m) {
        return Quantity.formatSeconds(m.lowSeconds()) + " .. " + Quantity.formatSeconds(m.highSeconds());
    }

    /** The measured speed-up's 95% interval, or "-" for the baseline itself. */
    static String speedupInterval(ValidationRow r) {
        MedianInterval i = r.measuredSpeedupInterval();
        return i == null ? "-" : String.format(Locale.ROOT, "%.2f .. %.2fx", i.low(), i.high());
    }

    /**
     * What the device gave beside each point (a triad's bandwidth and the row updates' FMA rate, each against
     * the profile's, and the overlap exponent) and the point predicted at those rates: a hint of whether a miss
     * is the model's or the device's load at the time.
     */
    public static TextTable beside(List<ValidationRow> rows) {
        TextTable t = new TextTable(List.of("variant", "attention", "phase", "seq", "batch", "measured", "triad beside",
                "of profile", "row updates beside", "of profile", "overlap p beside", "predicted at them",
                "error at them", "speed-up at them", "speed-up error at them"),
                new boolean[] {false, false, false, true, true, true, true, true, true, true, true, true, true, true,
                    true});
        for (ValidationRow r : rows) {
            var w = r.prediction().point().workload();
            t.add(List.of(r.variant().label(), r.attention(), w.phase().id(), Integer.toString(w.seqLen()),
                    Integer.toString(w.batch()), Quantity.formatSeconds(r.measured().medianSeconds()),
                    Quantity.format(r.bytesPerSecondBeside(), "B/s"), wholePercent(r.bandwidthBesideFraction()),
                    Quantity.format(r.rowUpdateFlopsBeside(), "FLOP/s"), wholePercent(r.rowUpdatesBesideFraction()),
                    String.format(Locale.ROOT, "%.2f", r.overlapExponentBeside()),
                    Quantity.formatSeconds(r.atRatesBeside().seconds()),
                    ComparisonTable.percent(r.errorAtRatesBeside()),
                    String.format(Locale.ROOT, "%.2fx", r.predictedSpeedupAtRatesBeside()),
                    ComparisonTable.percent(r.speedupErrorAtRatesBeside())));
        }
        return t;
    }

    /**
     * What each stage of the multi-stage points (SparQ's) adds to the step, with the interval of that median
     * (a stage small beside its step's noise shows a wide one, and no error where the interval reaches zero:
     * "unresolved"), against what the op that predicts it adds to the predicted step (in a launch whose cores overlap
     * their stages, less than the op alone, also shown): where in a pipeline the model misses. Empty when every point
     * is one kernel.
     */
    public static TextTable stages(List<ValidationRow> rows) {
        TextTable t = new TextTable(List.of("variant", "attention", "seq", "batch", "stage", "predicted", "alone",
                "measured", "95% CI", "error", "predicted bound"),
                new boolean[] {false, false, true, true, false, true, true, true, true, true, false});
        for (ValidationRow r : rows) {
            var w = r.prediction().point().workload();
            List<Double> added = r.prediction().addedSeconds();
            for (int i = 0; i < r.stages().size(); i++) {
                OpTiming op = r.prediction().ops().get(i);
                Measurement m = r.stages().get(i);
                t.add(List.of(r.variant().label(), r.attention(), Integer.toString(w.seqLen()),
                        Integer.toString(w.batch()), op.op().name(), Quantity.formatSeconds(added.get(i)),
                        Quantity.formatSeconds(op.seconds()), Quantity.formatSeconds(m.medianSeconds()),
                        interval(m), m.lowSeconds() > 0 ? ComparisonTable.percent(r.stageError(i)) : "unresolved",
                        op.bound().id()));
            }
        }
        return t;
    }

    public static boolean hasStages(List<ValidationRow> rows) {
        return rows.stream().anyMatch(r -> !r.stages().isEmpty());
    }

    /**
     * The summary line: median and worst error, each worst naming its point with its sign, how many speed-ups lie
     * within {@link #SPEEDUP_TOLERANCE} of the predicted one and how many predicted ones lie inside the measured one's
     * interval, the device, and the same errors at the rates the device gave beside the points.
     */
    public static String summary(List<ValidationRow> rows) {
        double[] time = rows.stream().mapToDouble(r -> Math.abs(r.error())).toArray();
        List<ValidationRow> speedups = rows.stream().filter(r -> r.measuredSpeedupInterval() != null).toList();
        double[] speed = speedups.stream().mapToDouble(r -> Math.abs(r.speedupError())).toArray();
        long inside = speedups.stream().filter(ValidationRow::predictedSpeedupInsideInterval).count();
        long within = within(speedups, ValidationRow::speedupError);
        double[] atBeside = rows.stream().mapToDouble(r -> Math.abs(r.errorAtRatesBeside())).toArray();
        double[] speedAtBeside = speedups.stream().mapToDouble(r -> Math.abs(r.speedupErrorAtRatesBeside())).toArray();
        long withinAtBeside = within(speedups, ValidationRow::speedupErrorAtRatesBeside);
        double[] triadLow = rows.stream().mapToDouble(r -> r.bandwidthRoundsFraction().low()).toArray();
        double[] triadHigh = rows.stream().mapToDouble(r -> r.bandwidthRoundsFraction().high()).toArray();
        double[] updatesLow = rows.stream().mapToDouble(r -> r.rowUpdatesRoundsFraction().low()).toArray();
        double[] updatesHigh = rows.stream().mapToDouble(r -> r.rowUpdatesRoundsFraction().high()).toArray();
        return String.format(Locale.ROOT, "prediction error: median |error| %s, worst %s; speed-ups: median |error| "
                + "%s, worst %s, %d of %d within %d%% of the predicted one, the predicted one inside the measured "
                + "one's 95%% interval for %d of %d (%d points, device %s). At the rates the device gave beside each "
                + "point, each round at its own (over the rounds the triad ran at %s to %s and the row updates at "
                + "%s to %s of the profile's): median |error| %s, worst %s; "
                + "speed-ups: median |error| %s, worst %s, %d of %d within %d%%",
                ComparisonTable.percent(ComparisonTable.median(time)), worst(rows, ValidationRow::error),
                ComparisonTable.percent(ComparisonTable.median(speed)), worst(speedups, ValidationRow::speedupError),
                within, speedups.size(), Math.round(100 * SPEEDUP_TOLERANCE),
                inside, speedups.size(), rows.size(), rows.isEmpty() ? "-" : rows.get(0).measured().device(),
                wholePercent(ComparisonTable.min(triadLow)), wholePercent(ComparisonTable.max(triadHigh)),
                wholePercent(ComparisonTable.min(updatesLow)), wholePercent(ComparisonTable.max(updatesHigh)),
                ComparisonTable.percent(ComparisonTable.median(atBeside)),
                worst(rows, ValidationRow::errorAtRatesBeside),
                ComparisonTable.percent(ComparisonTable.median(speedAtBeside)),
                worst(speedups, ValidationRow::speedupErrorAtRatesBeside), withinAtBeside, speedups.size(),
                Math.round(100 * SPEEDUP_TOLERANCE));
    }

    /** How many rows' {@code error} lies within {@link #SPEEDUP_TOLERANCE} in size. */
    static long within(List<ValidationRow> rows, ToDoubleFunction<ValidationRow> error) {
        return rows.stream().filter(r -> Math.abs(error.applyAsDouble(r)) <= SPEEDUP_TOLERANCE).count();
    }

    /** The largest error in size, with its sign and the point it belongs to; "-" when there are no rows. */
    static String worst(List<ValidationRow> rows, ToDoubleFunction<ValidationRow> error) {
        return rows.stream().max(Comparator.comparingDouble(r -> Math.abs(error.applyAsDouble(r))))
                .map(r -> ComparisonTable.percent(error.applyAsDouble(r)) + " (" + r.describe() + ")").orElse("-");
    }

    private static String wholePercent(double fraction) {
        return Math.round(100 * fraction) + "%";
    }

    /** Fields for JSON and CSV: base units, the keys the validate command documents. */
    public static List<Map<String, Object>> fields(List<ValidationRow> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ValidationRow r : rows) {
            var p = r.prediction().point();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("variant", r.variant().variant().id());
            m.put("label", r.variant().label());
            m.put("attention", p.sparq() == null ? "dense" : "sparq");
            m.put("sparq", p.sparq() == null ? null : p.sparq().label());
            m.put("queryHeads", p.shape().queryHeads());
            m.put("kvHeads", p.shape().kvHeads());
            m.put("headDim", p.shape().headDim());
            m.put("phase", p.workload().phase().id());
            m.put("seqLen", p.workload().seqLen());
            m.put("batch", p.workload().batch());
            m.put("causal", p.workload().causalMasked());
            m.put("kvDtype", p.workload().kvDtype().id());
            m.put("predictedSeconds", r.prediction().seconds());
            m.put("measuredSeconds", r.measured().medianSeconds());
            m.put("measuredLowSeconds", r.measured().lowSeconds());
            m.put("measuredHighSeconds", r.measured().highSeconds());
            m.put("repeats", r.measured().repeats());
            m.put("intervalMethod", Measurement.INTERVAL_METHOD);
            m.put("includesTransfers", r.measured().includesTransfers());
            m.put("clock", r.measured().clock().name().toLowerCase(Locale.ROOT));
            m.put("error", r.error());
            m.put("predictedSpeedup", r.predictedSpeedup());
            m.put("measuredSpeedup", r.measuredSpeedup());
            MedianInterval interval = r.measuredSpeedupInterval();
            m.put("measuredSpeedupLow", interval == null ? null : interval.low());
            m.put("measuredSpeedupHigh", interval == null ? null : interval.high());
            m.put("speedupError", r.speedupError());
            m.put("bound", r.prediction().bound().id());
            m.put("triadBesideBytesPerSecond", r.bytesPerSecondBeside());
            m.put("rowUpdatesBesideFlopsPerSecond", r.rowUpdateFlopsBeside());
            m.put("overlapExponentBeside", r.overlapExponentBeside());
            m.put("predictedAtRatesBesideSeconds", r.atRatesBeside().seconds());
            m.put("errorAtRatesBeside", r.errorAtRatesBeside());
            m.put("predictedSpeedupAtRatesBeside", r.predictedSpeedupAtRatesBeside());
            m.put("speedupErrorAtRatesBeside", r.speedupErrorAtRatesBeside());
            m.put("profile", p.hardware().id());
            m.put("device", r.measured().device());
            out.add(m);
        }
        return out;
    }

    /** {@link #fields} with each multi-kernel point's stages nested under {@code stages}, for JSON. */
    public static List<Map<String, Object>> jsonFields(List<ValidationRow> rows) {
        List<Map<String, Object>> out = fields(rows);
        for (int i = 0; i < rows.size(); i++) {
            ValidationRow r = rows.get(i);
            if (!r.stages().isEmpty()) {
                List<Map<String, Object>> stages = new ArrayList<>();
                for (int s = 0; s < r.stages().size(); s++) {
                    stages.add(stage(r, s));
                }
                out.get(i).put("stages", stages);
            }
        }
        return out;
    }

    /** One flat row per stage of the multi-kernel points, for CSV. */
    public static List<Map<String, Object>> stageFields(List<ValidationRow> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ValidationRow r : rows) {
            var p = r.prediction().point();
            for (int s = 0; s < r.stages().size(); s++) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("variant", r.variant().variant().id());
                m.put("label", r.variant().label());
                m.put("sparq", p.sparq() == null ? null : p.sparq().label());
                m.put("seqLen", p.workload().seqLen());
                m.put("batch", p.workload().batch());
                m.putAll(stage(r, s));
                m.put("device", r.stages().get(s).device());
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Stage {@code s} of a row: the op that predicts it, what it adds to the predicted step and its time alone, its
     * measured time and the error.
     */
    private static Map<String, Object> stage(ValidationRow r, int s) {
        OpTiming op = r.prediction().ops().get(s);
        Measurement m = r.stages().get(s);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stage", op.op().name());
        out.put("predictedSeconds", r.prediction().addedSeconds().get(s));
        out.put("predictedAloneSeconds", op.seconds());
        out.put("measuredSeconds", m.medianSeconds());
        out.put("measuredLowSeconds", m.lowSeconds());
        out.put("measuredHighSeconds", m.highSeconds());
        out.put("error", r.stageError(s));
        out.put("bound", op.bound().id());
        return out;
    }
}
