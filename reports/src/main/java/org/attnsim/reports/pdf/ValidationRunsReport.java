package org.attnsim.reports.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.GregorianCalendar;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.reports.charts.ChartSpec;
import org.attnsim.reports.table.TextTable;
import org.attnsim.reports.table.ValidationRuns;
import org.attnsim.sim.scenario.Scenario;

/**
 * The PDF of a repeated cross-check: in how many runs each goal held, each point's speed-up error run by run,
 * and each run's and each point's figures. Each run's own report lies in its folder beside this one.
 */
public final class ValidationRunsReport {

    /** {@link ValidationRuns#byPoint}'s columns split in two: the point and its time errors, then its speed-ups. */
    static final int[] TIME_COLUMNS = {0, 1, 2, 3, 4, 5, 6, 7};
    static final int[] SPEEDUP_COLUMNS = {0, 1, 2, 3, 4, 8, 9, 10, 11, 12};

    private ValidationRunsReport() {
    }

    public static byte[] render(Scenario s, ValidationRuns runs, ChartSpec chart, String version, LocalDate date) {
        try (PdfLayout pdf = new PdfLayout("attnsim " + version + " \u00b7 " + s.name() + " (validate, "
                + runs.size() + " runs)")) {
            pdf.space(60);
            pdf.title("attnsim cross-check, " + runs.size() + " runs", 24f);
            pdf.title(s.name(), 16f);
            if (!s.description().isEmpty()) {
                pdf.paragraph(s.description());
            }
            var first = runs.runs().get(0).get(0).measured();
            pdf.paragraph("Date: " + date + ". attnsim " + version + ". Scenario file: " + s.source() + ".");
            pdf.paragraph("The same cross-check run " + runs.size() + " times, one after another, on " + first.device()
                    + ": each run's points measured as Aparapi OpenCL kernels (fp32; the median of each point's "
                    + "repeats, timed by " + first.clock().description() + ", with the " + Measurement.INTERVAL_METHOD
                    + ") and predicted on the profile that run used (calibrated in the run itself unless a profile was "
                    + "given). Each run's own report, tables and profile are in its folder, run-1 to run-" + runs.size()
                    + ". On a shared machine one run's worst point says as much about the load of its minute as about "
                    + "the model, so each goal is counted over the runs.");
            pdf.heading("Summary", 1);
            pdf.paragraph(runs.summary() + ".");
            pdf.chart(chart.chart(), 300f);
            pdf.caption(chart.caption());
            pdf.heading("Run by run", 2);
            TextTable byRun = runs.byRun();
            pdf.table(byRun.headers(), byRun.rows(), byRun.rightAligned(), 6.5f);
            TextTable byPoint = runs.byPoint();
            pdf.heading("Each point over the runs", 1);
            pdf.heading("Its time", 2);
            pdf.paragraph("The error is (predicted - measured) / measured: its median over the runs and its range, and "
                    + "the median of the same at the rates the device gave beside the point in each run.");
            pdf.table(byPoint.headers(), byPoint.rows(), byPoint.rightAligned(), TIME_COLUMNS, 6.5f);
            pdf.heading("Its speed-up", 2);
            pdf.paragraph("The speed-up error is predicted / measured speed-up over the baseline - 1: its median over "
                    + "the runs, its range and the runs in which it was within 10%, on the run's profile and at the "
                    + "rates beside the point.");
            pdf.table(byPoint.headers(), byPoint.rows(), byPoint.rightAligned(), SPEEDUP_COLUMNS, 6.5f);
            Calendar created = GregorianCalendar.from(date.atStartOfDay(ZoneOffset.UTC));
            return pdf.finish("attnsim cross-check: " + s.name() + ", " + runs.size() + " runs", s.description(),
                    created);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
