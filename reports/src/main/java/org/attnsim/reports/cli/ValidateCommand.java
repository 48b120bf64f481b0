package org.attnsim.reports.cli;

import com.aparapi.device.OpenCLDevice;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.attnsim.hwmodels.DecodeTile;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.InvalidInputException;
import org.attnsim.hwmodels.ProfileWriter;
import org.attnsim.hwmodels.Quantity;
import org.attnsim.kernels.calibrate.Recalibration;
import org.attnsim.kernels.calibrate.RunRates;
import org.attnsim.kernels.device.HostLoad;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.micro.CalibrationScope;
import org.attnsim.kernels.micro.Microbenchmarks;
import org.attnsim.kernels.micro.OverlapStep;
import org.attnsim.kernels.validate.CrossCheck;
import org.attnsim.kernels.validate.ValidationRow;
import org.attnsim.reports.charts.ChartSpec;
import org.attnsim.reports.charts.MeasuredVsPredictedChart;
import org.attnsim.reports.charts.ReportCharts;
import org.attnsim.reports.charts.ReportFonts;
import org.attnsim.reports.charts.SpeedupComparisonChart;
import org.attnsim.reports.charts.SpeedupErrorRunsChart;
import org.attnsim.reports.pdf.ValidationReport;
import org.attnsim.reports.pdf.ValidationRunsReport;
import org.attnsim.reports.table.Csv;
import org.attnsim.reports.table.Json;
import org.attnsim.reports.table.OutputFolder;
import org.attnsim.reports.table.ValidationRounds;
import org.attnsim.reports.table.ValidationRuns;
import org.attnsim.reports.table.ValidationTable;
import org.attnsim.sim.scenario.Scenario;
import org.attnsim.sim.scenario.ScenarioReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code attnsim validate FILE.yaml}: the scenario's points as real kernels and as predictions, side by side. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Run a scenario's points as OpenCL kernels and as predictions on the calibrated profile of the "
                + "same device (calibrating first what the points are priced with, unless --profile is given, and "
                + "measuring its rates again after); "
                + "report both and the error of each. Every point of a phase, whatever its shape, is timed in the "
                + "same rounds, their baselines among them, each phase in rounds of its own.")
public final class ValidateCommand implements Callable<Integer> {

    enum Format { table, json, csv }

    /**
     * Seconds per microbenchmark of the recheck after the run: it only has to catch a rate that moved; the
     * faster of the two measurements is kept, or for the triad and the row updates the median of the run's.
     */
    static final double RECHECK_SECONDS = 0.3;
    /**
     * Seconds per microbenchmark of the calibration before the run (`calibrate` takes the budget's): at least
     * nine runs each, and half the time, so that validate-quick stays under 40 s.
     */
    static final double CALIBRATION_SECONDS = 0.5;

    @Parameters(index = "0", paramLabel = "FILE.yaml", description = "Scenario: scope attention, dtype fp32, phases "
            + "forward, prefill or decode.")
    Path scenarioFile;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output folder (default: out/<scenario name>/).")
    Path output;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "What to print: table, json or csv (default: ${DEFAULT-VALUE}); files are always written.")
    Format format;

    @Option(names = "--profile", paramLabel = "ID|FILE", description = "Profile to predict with (default: calibrate the device now).")
    String profile;

    @Mixin
    DeviceOptions deviceOptions;

    /** A hundred runs of validate-local take about three hours: past it a typo, not a wish. */
    static final int MAX_REPEAT = 100;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1", description = "Run the cross-check N times "
            + "(calibrating each time unless --profile is given; default: ${DEFAULT-VALUE}): each run's files in "
            + "DIR/run-1 to DIR/run-N, the runs side by side in repeats.md, .csv, .json and .pdf, and --format json or "
            + "csv prints those. On a shared machine a goal holds in some runs and not in others.")
    int repeat;

    /** What the table of rates beside each point shows. */
    static final String BESIDE = "The rates beside each point (a triad, the row updates and the overlap benchmark, "
            + "timed in the same rounds as the point; their medians) and the point predicted at them; the errors at "
            + "them, and the speed-up at them, are the medians over the rounds of each round's, the point and its "
            + "baseline predicted at that round's own rates: a hint of whether a miss is the model's or the "
            + "device's state at the time.";

    /** A rate that moves more than this during a run makes the summary warn. */
    static final double DRIFT_WARNING = 0.15;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Scenario s = ScenarioReader.read(scenarioFile);
        CrossCheck.requireKernelScenario(s);
        Harness.Budget budget = deviceOptions.budget();
        if (repeat < 1 || repeat > MAX_REPEAT) {
            throw new InvalidInputException("--repeat", "value " + repeat + " is out of range",
                    "must be from 1 to " + MAX_REPEAT);
        }
        OpenCLDevice d = deviceOptions.choose();
        Path dir = output != null ? output : Path.of("out", s.name());
        OutputFolder folder = new OutputFolder(dir);
        folder.checkWritable();
        var err = spec.commandLine().getErr();
        int calibration = ProfileOrCalibration.steps(profile);
        int recheck = profile == null ? Microbenchmarks.RECHECK_STEPS : 0;
        int steps = calibration + CrossCheck.size(s) + recheck;
        List<Run> runs = new ArrayList<>();
        try (Progress progress = Progress.start("validate " + s.name(), (long) repeat * steps)) {
            for (int n = 0; n < repeat; n++) {
                int before = n * steps;
                runs.add(run(s, d, budget, err, step -> progress.set(before + step)));
            }
        }
        var out = spec.commandLine().getOut();
        if (repeat == 1) {
            Run run = runs.get(0);
            add(folder, "", s, run, err);
            print(out, run);
        } else {
            for (int n = 0; n < repeat; n++) {
                add(folder, "run-" + (n + 1) + "/", s, runs.get(n), err);
            }
            ValidationRuns over = new ValidationRuns(runs.stream().map(Run::rows).toList());
            List<Map<String, Object>> fields = over.fields();
            folder.add("repeats.csv", Csv.of(fields));
            folder.add("repeats.json", Json.of(fields));
            folder.add("repeats.md", "# attnsim cross-check: " + s.name() + ", " + repeat + " runs\n\n"
                    + over.summary() + ".\n\nEach run's tables, charts and report are in its own folder, run-1 to run-"
                    + repeat + ".\n\n## Run by run\n\n" + over.byRun().markdown()
                    + "\n## Point by point, over the runs\n\n" + over.byPoint().markdown());
            try {
                ReportFonts.registerWithAwt();
                ChartSpec chart = SpeedupErrorRunsChart.build(over);
                folder.add(chart.fileName(), ReportCharts.png(chart));
                folder.add(chart.svgFileName(), ReportCharts.svg(chart));
                folder.add("repeats.pdf", ValidationRunsReport.render(s, over, chart, Version.text(),
                        ReportDate.today()));
            } catch (RuntimeException e) {
                err.println("attnsim: warning: the chart and PDF of the runs could not be drawn (" + e.getMessage()
                        + "); their tables are written");
            }
            switch (format) {
                case json -> out.print(Json.of(fields));
                case csv -> out.print(Csv.of(fields));
                default -> {
                    for (int n = 0; n < repeat; n++) {
                        out.println("run " + (n + 1) + ": " + ValidationTable.summary(runs.get(n).rows()));
                        String prefix = "run " + (n + 1) + ": ";
                        runs.get(n).notes().forEach(note -> out.println(prefix + note));
                    }
                    out.println();
                    out.print(over.byRun().aligned());
                    out.println();
                    out.print(over.byPoint().aligned());
                    out.println(over.summary());
                }
            }
        }
        for (Path p : folder.commit().values()) {
            err.println("wrote " + p);
        }
        return 0;
    }

    /**
     * One cross-check: its profile (calibrated first unless one was given), its rows, how the rates moved and how
     * busy other processes kept the host meanwhile.
     */
    private record Run(HardwareProfile profile, List<List<CrossCheck.Measured>> measured, List<ValidationRow> rows,
            String drift, Optional<HostLoad.Share> load) {

        /** What the summary says after the errors: how the rates moved, and how busy the host was. */
        List<String> notes() {
            List<String> notes = new ArrayList<>();
            if (!drift.isEmpty()) {
                notes.add(drift);
            }
            load.ifPresent(l -> notes.add("While the cross-check ran, " + l.describe()
                    + (l.contended() ? "; warning: the machine was contended, and the errors above carry it" : "")
                    + "."));
            return notes;
        }
    }

    /** Calibrates (unless a profile was given), runs the points, rechecks the rates and compares; step counts up. */
    private Run run(Scenario s, OpenCLDevice d, Harness.Budget budget, PrintWriter err, IntConsumer step) {
        Optional<HostLoad.Sample> start = HostLoad.now();
        int calibration = ProfileOrCalibration.steps(profile);
        CalibrationScope scope = CrossCheck.calibrationScope(s);
        HardwareProfile hw = ProfileOrCalibration.get(profile, d, budget.atMost(CALIBRATION_SECONDS), scope, err,
                step);
        if (profile != null) {
            scope.missingFrom(hw).ifPresent(w -> err.println("attnsim: warning: " + w));
        }
        List<List<CrossCheck.Measured>> measured = CrossCheck.measure(s, hw, d, budget,
                done -> step.accept(calibration + done));
        String drift = "";
        Function<List<CrossCheck.Measured>, HardwareProfile> profileOf;
        if (profile == null) {
            int[] done = {calibration + CrossCheck.size(s)};
            Microbenchmarks.Recheck again = Microbenchmarks.recheck(d, budget.atMost(RECHECK_SECONDS),
                    what -> step.accept(++done[0]));
            Recalibration.Result recalibration = Recalibration.reconcile(hw, again,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS));
            HardwareProfile calibrated = hw;
            String device = d.getName().trim();
            hw = overTheRun(calibrated, recalibration.profile(), measured, device);
            profileOf = cell -> overTheRun(calibrated, recalibration.profile(), List.of(cell), device);
            drift = driftNote(recalibration, hw, HostLoad.between(start, HostLoad.now()));
        } else {
            HardwareProfile given = hw;
            profileOf = cell -> given;
        }
        return new Run(hw, measured, CrossCheck.compare(measured, profileOf), drift,
                HostLoad.between(start, HostLoad.now()));
    }

    /** A run's files, each name after {@code prefix}: its tables, its calibrated profile, its charts and report. */
    private void add(OutputFolder folder, String prefix, Scenario s, Run run, PrintWriter err) {
        List<ValidationRow> rows = run.rows();
        if (profile == null) {
            folder.add(prefix + "calibrated-profile.yaml", ProfileWriter.yaml(run.profile(), "Measured by attnsim "
                    + "validate " + Version.text() + " before the cross-check, and its rates again after it and beside "
                    + "each point."));
        }
        boolean stages = ValidationTable.hasStages(rows);
        folder.add(prefix + "validation.csv", Csv.of(ValidationTable.fields(rows)));
        folder.add(prefix + "validation.json", Json.of(ValidationTable.jsonFields(rows)));
        folder.add(prefix + "rounds.csv", Csv.of(ValidationRounds.fields(run.measured(), run.profile())));
        if (stages) {
            folder.add(prefix + "stages.csv", Csv.of(ValidationTable.stageFields(rows)));
        }
        folder.add(prefix + "validation.md", "# attnsim cross-check: " + s.name() + "\n\n"
                + ValidationTable.summary(rows) + ".\n\n" + run.notes().stream().map(n -> n + "\n\n")
                        .collect(Collectors.joining())
                + ValidationTable.of(rows).markdown()
                + "\n## The rates beside each point\n\n" + BESIDE + "\n\n" + ValidationTable.beside(rows).markdown()
                + (stages ? "\n## Stage by stage\n\n" + ValidationTable.stages(rows).markdown() : ""));
        try {
            ReportFonts.registerWithAwt();
            List<ChartSpec> charts = new ArrayList<>(List.of(MeasuredVsPredictedChart.build(rows),
                    SpeedupComparisonChart.build(rows)));
            for (ChartSpec c : charts) {
                folder.add(prefix + c.fileName(), ReportCharts.png(c));
                folder.add(prefix + c.svgFileName(), ReportCharts.svg(c));
            }
            folder.add(prefix + "report.pdf", ValidationReport.render(s, rows, run.profile(), run.notes(), charts,
                    Version.text(), ReportDate.today()));
        } catch (RuntimeException e) {
            err.println("attnsim: warning: the validation charts and PDF could not be drawn (" + e.getMessage()
                    + "); the tables are written");
        }
    }

    /** One run in the chosen format. */
    private void print(PrintWriter out, Run run) {
        List<ValidationRow> rows = run.rows();
        switch (format) {
            case json -> out.print(Json.of(ValidationTable.jsonFields(rows)));
            case csv -> out.print(Csv.of(ValidationTable.fields(rows)));
            default -> {
                out.print(ValidationTable.of(rows).aligned());
                out.println(ValidationTable.summary(rows));
                run.notes().forEach(out::println);
                out.println();
                out.println(BESIDE);
                out.print(ValidationTable.beside(rows).aligned());
                if (ValidationTable.hasStages(rows)) {
                    out.println();
                    out.println("Stage by stage (what each stage adds to the step cut after it, the cuts timed in rounds, "
                            + "each after a read that evicts the cache):");
                    out.print(ValidationTable.stages(rows).aligned());
                }
            }
        }
    }

    /**
     * The reconciled profile with the device memory's bandwidth, the row updates' FMA rate, the page-run
     * bandwidth, the overlap exponent, the gathered lines in flight, the decoding tile and its one-query exponent
     * taken over the rounds the points of {@code measured} ran in ({@link RunRates}): their medians, one a round.
     * A run's profile takes every cell's rounds; each cell's points are predicted on its own cell's, as each phase
     * runs in rounds of its own ({@link CrossCheck#measure}): beside validate-local's forward points the row
     * updates ran 117-118 GFLOP/s where beside its decoding points 121-123, and at every phase's medians together
     * the forward points came out 1-5% fast (session 48). The calibration's
     * and the recheck's were measured before and after the points, and on the 2-core VM the memory's state
     * changed between them and the points in one run of three (session 43); they count only where the rounds
     * measured nothing (a GPU runs no gather).
     */
    static HardwareProfile overTheRun(HardwareProfile calibrated, HardwareProfile reconciled,
            List<List<CrossCheck.Measured>> measured, String device) {
        CrossCheck.BesideRates beside = CrossCheck.besideRates(measured, calibrated);
        List<Double> bandwidths = orElse(beside.bandwidths(),
                Optional.of(calibrated.deviceMemory().bandwidthBytesPerSecond().value()));
        List<Double> rowUpdates = orElse(beside.rowUpdates(),
                Optional.of(RunRates.rowUpdates(calibrated)));
        List<Double> pageRuns = orElse(beside.pageRuns(), calibrated.pageRunBytesPerSecond().map(Figure::value));
        List<Double> overlapExponents = orElse(beside.overlapExponents(),
                calibrated.overlapExponent().map(Figure::value));
        List<Double> gatherLines = orElse(beside.gatherLines(), calibrated.gatherLinesInFlight().map(Figure::value));
        List<Double> tiles = orElse(beside.decodeTileSeconds(),
                calibrated.decodeTile().map(t -> t.seconds(OverlapStep.HEADS)));
        List<Double> oneQuery = orElse(beside.oneQueryExponents(),
                calibrated.decodeTile().flatMap(DecodeTile::oneHeadOverlapExponent).map(Figure::value));
        String how = "measured on " + device + " in the rounds the points ran in (one a round, in " + beside.sets()
                + (beside.sets() == 1 ? " set" : " sets") + " of rounds, launch latency subtracted)";
        return RunRates.oneQueryExponentOverTheRun(RunRates.decodeTileOverTheRun(RunRates.medians(reconciled,
                bandwidths, rowUpdates, pageRuns, overlapExponents, gatherLines, how), tiles, how), oneQuery, how);
    }

    /** {@code measured}, or the calibration's figure alone where the rounds measured none. */
    private static List<Double> orElse(List<Double> measured, Optional<Double> calibrated) {
        return measured.isEmpty() ? calibrated.map(List::of).orElse(List.of()) : measured;
    }

    /**
     * How the device's rates moved between the calibration and the recheck after the run, with a warning when one
     * moved by more than {@link #DRIFT_WARNING} that says, from {@code load}, whether other processes here were busy.
     */
    static String driftNote(Recalibration.Result r, HardwareProfile used, Optional<HostLoad.Share> load) {
        return "Device rates before and after the run: "
                + r.drift().stream().map(Recalibration.Drift::toString).collect(Collectors.joining(", "))
                + "; predictions use the faster of each, but for the triad, the row updates, the page runs, the "
                + "overlap exponent and the gathered lines in flight their medians over the rounds the points ran in, "
                + "each phase's over its own (over every phase's: "
                + Quantity.format(used.deviceMemory().bandwidthBytesPerSecond().value(), "B/s") + ", "
                + Quantity.format(RunRates.rowUpdates(used), "FLOP/s")
                + used.pageRunBytesPerSecond().map(f -> ", page runs " + Quantity.format(f.value(), "B/s")).orElse("")
                + used.overlapExponent().map(f -> String.format(Locale.ROOT, ", overlap p %.2f", f.value())).orElse("")
                + used.gatherLinesInFlight().map(f -> String.format(Locale.ROOT, ", %.1f gathered lines in flight",
                        f.value())).orElse("")
                + ")"
                + (r.largestChange() > DRIFT_WARNING ? String.format(Locale.ROOT, " (warning: a rate moved by %.0f%%%s,"
                        + " and the errors above carry it; the rates beside each point say where)",
                        100 * r.largestChange(),
                        load.map(ValidateCommand::why).orElse(": the machine was contended or its rates changed"))
                        : "");
    }

    /** Why a rate moved, from how busy other processes kept the host meanwhile. */
    private static String why(HostLoad.Share load) {
        return load.contended()
                ? " while " + load.busy()
                : " with no other process busy here: the device's rates changed under the run (on a VM, under other "
                        + "tenants of its host)";
    }
}
