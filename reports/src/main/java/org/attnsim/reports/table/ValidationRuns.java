package org.attnsim.reports.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.attnsim.kernels.validate.ValidationRow;

/**
 * The same cross-check run several times: on a shared machine one run's worst point is as much the load of
 * its minute as the model, so a goal is stated as the runs in which it held, and each point's error as its
 * median and range over the runs.
 */
public final class ValidationRuns {

    /** The median |error| the summary counts the runs within: the kernels issue's goal for validate-local. */
    static final double MEDIAN_ERROR_GOAL = 0.15;

    private final List<List<ValidationRow>> runs;

    /** Runs of one scenario: the same points in the same order in each. */
    public ValidationRuns(List<List<ValidationRow>> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
        for (List<ValidationRow> run : runs) {
            if (run.size() != runs.get(0).size()) {
                throw new IllegalArgumentException("runs of " + run.size() + " and " + runs.get(0).size() + " points");
            }
            for (int i = 0; i < run.size(); i++) {
                if (!run.get(i).describe().equals(runs.get(0).get(i).describe())) {
                    throw new IllegalArgumentException("point " + i + " is " + run.get(i).describe()
                            + " in one run and " + runs.get(0).get(i).describe() + " in another");
                }
            }
        }
        this.runs = runs.stream().map(List::copyOf).toList();
    }

    /** The runs' rows, run by run. */
    public List<List<ValidationRow>> runs() {
        return runs;
    }

    public int size() {
        return runs.size();
    }

    /** One line a run: its median |error| and worst speed-up error, on the profile and at the rates beside. */
    public TextTable byRun() {
        TextTable t = new TextTable(List.of("run", "median |error|", "worst speed-up error", "speed-ups within 10%",
                "median |error| at rates beside", "worst speed-up error at them", "within 10% at them"),
                new boolean[] {true, true, false, true, true, false, true});
        for (int n = 0; n < runs.size(); n++) {
            List<ValidationRow> run = runs.get(n);
            List<ValidationRow> speedups = speedups(run);
            t.add(List.of(Integer.toString(n + 1), ComparisonTable.percent(medianAbs(run, ValidationRow::error)),
                    ValidationTable.worst(speedups, ValidationRow::speedupError),
                    ValidationTable.within(speedups, ValidationRow::speedupError) + " of " + speedups.size(),
                    ComparisonTable.percent(medianAbs(run, ValidationRow::errorAtRatesBeside)),
                    ValidationTable.worst(speedups, ValidationRow::speedupErrorAtRatesBeside),
                    ValidationTable.within(speedups, ValidationRow::speedupErrorAtRatesBeside) + " of "
                            + speedups.size()));
        }
        return t;
    }

    /**
     * One line a point: the median over the runs of its error and speed-up error, their ranges, and the runs in
     * which the speed-up came within 10% of the predicted one, on the profile and at the rates beside.
     */
    public TextTable byPoint() {
        TextTable t = new TextTable(List.of("variant", "attention", "phase", "seq", "batch", "error", "range",
                "at rates beside", "speed-up error", "range", "within 10%", "at rates beside", "within 10% at them"),
                new boolean[] {false, false, false, true, true, true, true, true, true, true, true, true, true});
        for (int i = 0; i < runs.get(0).size(); i++) {
            ValidationRow first = runs.get(0).get(i);
            var w = first.prediction().point().workload();
            List<String> cells = new ArrayList<>(List.of(first.variant().label(), first.attention(), w.phase().id(),
                    Integer.toString(w.seqLen()), Integer.toString(w.batch())));
            double[] error = point(i, ValidationRow::error);
            cells.addAll(List.of(ComparisonTable.percent(ComparisonTable.median(error)), range(error),
                    ComparisonTable.percent(ComparisonTable.median(point(i, ValidationRow::errorAtRatesBeside)))));
            if (first.measuredSpeedupInterval() == null) {
                cells.addAll(List.of("baseline", "-", "-", "-", "-"));
            } else {
                double[] speedup = point(i, ValidationRow::speedupError);
                double[] atBeside = point(i, ValidationRow::speedupErrorAtRatesBeside);
                cells.addAll(List.of(ComparisonTable.percent(ComparisonTable.median(speedup)), range(speedup),
                        withinOf(speedup), ComparisonTable.percent(ComparisonTable.median(atBeside)),
                        withinOf(atBeside)));
            }
            t.add(cells);
        }
        return t;
    }

    /**
     * The runs in which each goal held: median |error| within 15%, every speed-up within 10% of the predicted one
     * (on the profile and at the rates beside); and the points whose speed-up missed in more than half the runs.
     */
    public String summary() {
        long medianMet = count(run -> medianAbs(run, ValidationRow::error) <= MEDIAN_ERROR_GOAL);
        long medianMetAtBeside = count(run -> medianAbs(run, ValidationRow::errorAtRatesBeside) <= MEDIAN_ERROR_GOAL);
        long speedupsMet = count(run -> allWithin(run, ValidationRow::speedupError));
        long speedupsMetAtBeside = count(run -> allWithin(run, ValidationRow::speedupErrorAtRatesBeside));
        List<String> missedMostly = new ArrayList<>();
        for (int i = 0; i < runs.get(0).size(); i++) {
            ValidationRow first = runs.get(0).get(i);
            double[] speedup = point(i, ValidationRow::speedupError);
            if (first.measuredSpeedupInterval() != null && 2 * within(speedup) < speedup.length) {
                missedMostly.add(first.describe() + " (median " + ComparisonTable.percent(ComparisonTable.median(
                        speedup)) + ", " + ComparisonTable.percent(ComparisonTable.median(point(i,
                        ValidationRow::speedupErrorAtRatesBeside))) + " at the rates beside)");
            }
        }
        return String.format(Locale.ROOT, "%d runs: median |error| within %d%% in %d of them (%d at the rates beside), "
                + "every speed-up within %d%% of the predicted one in %d (%d at the rates beside); %s",
                runs.size(), Math.round(100 * MEDIAN_ERROR_GOAL), medianMet, medianMetAtBeside,
                Math.round(100 * ValidationTable.SPEEDUP_TOLERANCE), speedupsMet, speedupsMetAtBeside,
                missedMostly.isEmpty() ? "no speed-up missed by more than that in more than half the runs"
                        : "missed by more than that in more than half the runs: " + String.join(", ", missedMostly));
    }

    /** {@link #byPoint}'s figures for JSON and CSV, as fractions, with each run's errors in order. */
    public List<Map<String, Object>> fields() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < runs.get(0).size(); i++) {
            ValidationRow first = runs.get(0).get(i);
            var p = first.prediction().point();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("variant", first.variant().variant().id());
            m.put("label", first.variant().label());
            m.put("sparq", p.sparq() == null ? null : p.sparq().label());
            m.put("phase", p.workload().phase().id());
            m.put("seqLen", p.workload().seqLen());
            m.put("batch", p.workload().batch());
            m.put("kvDtype", p.workload().kvDtype().id());
            m.put("runs", runs.size());
            putErrors(m, "error", point(i, ValidationRow::error));
            putErrors(m, "errorAtRatesBeside", point(i, ValidationRow::errorAtRatesBeside));
            boolean baseline = first.measuredSpeedupInterval() == null;
            double[] speedup = point(i, ValidationRow::speedupError);
            double[] atBeside = point(i, ValidationRow::speedupErrorAtRatesBeside);
            putErrors(m, "speedupError", baseline ? null : speedup);
            m.put("speedupRunsWithin", baseline ? null : within(speedup));
            putErrors(m, "speedupErrorAtRatesBeside", baseline ? null : atBeside);
            m.put("speedupRunsWithinAtRatesBeside", baseline ? null : within(atBeside));
            m.put("device", first.measured().device());
            out.add(m);
        }
        return out;
    }

    private static void putErrors(Map<String, Object> m, String name, double[] errors) {
        m.put(name + "Median", errors == null ? null : ComparisonTable.median(errors));
        m.put(name + "Min", errors == null ? null : ComparisonTable.min(errors));
        m.put(name + "Max", errors == null ? null : ComparisonTable.max(errors));
        // CSV cells hold one value: the runs' errors joined, in run order.
        m.put(name + "ByRun", errors == null ? null : String.join(" ", Arrays.stream(errors)
                .mapToObj(e -> String.format(Locale.ROOT, "%.4f", e)).toList()));
    }

    private double[] point(int i, ToDoubleFunction<ValidationRow> error) {
        return runs.stream().mapToDouble(run -> error.applyAsDouble(run.get(i))).toArray();
    }

    private long count(Predicate<List<ValidationRow>> met) {
        return runs.stream().filter(met).count();
    }

    private static List<ValidationRow> speedups(List<ValidationRow> run) {
        return run.stream().filter(r -> r.measuredSpeedupInterval() != null).toList();
    }

    private static boolean allWithin(List<ValidationRow> run, ToDoubleFunction<ValidationRow> error) {
        List<ValidationRow> speedups = speedups(run);
        return ValidationTable.within(speedups, error) == speedups.size();
    }

    private static double medianAbs(List<ValidationRow> run, ToDoubleFunction<ValidationRow> error) {
        return ComparisonTable.median(run.stream().mapToDouble(r -> Math.abs(error.applyAsDouble(r))).toArray());
    }

    private static long within(double[] errors) {
        return Arrays.stream(errors).filter(e -> Math.abs(e) <= ValidationTable.SPEEDUP_TOLERANCE).count();
    }

    private static String withinOf(double[] errors) {
        return within(errors) + " of " + errors.length;
    }

    private static String range(double[] errors) {
        return ComparisonTable.percent(ComparisonTable.min(errors)) + " .. "
                + ComparisonTable.percent(ComparisonTable.max(errors));
    }
}
