package org.attnsim.reports.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.kernels.validate.ValidationRow;
import org.attnsim.reports.charts.ChartSpec;
import org.attnsim.reports.table.ProfileFigures;
import org.attnsim.reports.table.ValidationTable;
import org.attnsim.sim.scenario.Scenario;

/**
 * The PDF of a cross-check: what ran where, how far the predictions were from the measurements,
 * the charts of both, every point, and the calibrated profile the predictions used.
 */
public final class ValidationReport {

    private ValidationReport() {
    }

    /**
     * The cross-check's report; {@code notes} follow its summary: how the device's rates moved over the run, how busy
     * other processes kept the host.
     */
    public static byte[] render(Scenario s, List<ValidationRow> rows, HardwareProfile profile, List<String> notes,
            List<ChartSpec> charts, String version, LocalDate date) {
        try (PdfLayout pdf = new PdfLayout("attnsim " + version + " \u00b7 " + s.name() + " (validate)")) {
            pdf.space(60);
            pdf.title("attnsim cross-check", 24f);
            pdf.title(s.name(), 16f);
            if (!s.description().isEmpty()) {
                pdf.paragraph(s.description());
            }
            String device = rows.isEmpty() ? "-" : rows.get(0).measured().device();
            String clock = rows.isEmpty() ? "-" : rows.get(0).measured().clock().description();
            pdf.paragraph("Date: " + date + ". attnsim " + version + ". Scenario file: " + s.source() + ".");
            pdf.paragraph("Measured: Aparapi OpenCL kernels (fp32) on " + device + "; each time is the median of its "
                    + "repeats after warm-up, kernel alone (inputs on the device, no transfers), timed by " + clock
                    + ", with the "
                    + Measurement.INTERVAL_METHOD + ". Every point of a phase, whatever its shape, is timed in "
                    + "the same rounds, their baselines among them, each phase in rounds of its own, and a point's "
                    + "measured speed-up is the median over those rounds of its baseline's time over the point's in "
                    + "the same round, with the same kind of 95% "
                    + "interval; a triad, the row-update benchmark and page runs run in the same rounds.");
            pdf.paragraph("Predicted: attnsim's roofline on the profile " + profile.id() + " (" + profile.origin()
                    + "); the figures and their sources are in the appendix.");
            pdf.heading("Summary", 1);
            pdf.paragraph(ValidationTable.summary(rows) + ".");
            for (String note : notes) {
                pdf.paragraph(note);
            }
            for (String line : findings(rows)) {
                pdf.bullet(line);
            }
            pdf.heading("Measured against predicted", 1);
            for (ChartSpec c : charts) {
                pdf.chart(c.chart(), 300f);
                pdf.caption(c.caption());
            }
            // The console's one table is too wide for a page: the times, then the speed-ups.
            pdf.heading("Every point", 1);
            table(pdf, rows, TIME_COLUMNS);
            pdf.heading("Speed-ups over the baseline", 1);
            table(pdf, rows, SPEEDUP_COLUMNS);
            pdf.heading("The rates beside each point", 1);
            pdf.paragraph("A triad beyond the cache and the calibration's row updates run in the same rounds as each "
                    + "point. Each point is predicted again with the device memory's bandwidth and the row-update FMA "
                    + "rate set to what they reached (and the overlap exponent, page-run bandwidth and gathered lines "
                    + "in flight where the profile has them): at their medians (the time predicted at them), and in "
                    + "every round at that round's own, and so is its baseline, which ran in the same rounds. The "
                    + "errors and the speed-up at those rates are the medians over the rounds of each round's: a hint "
                    + "of whether a miss is the model's or the device's state at the time, not a correction.");
            var beside = ValidationTable.beside(rows);
            pdf.table(beside.headers(), beside.rows(), beside.rightAligned(), BESIDE_RATE_COLUMNS, 6.5f);
            pdf.heading("Speed-ups at the rates beside", 2);
            pdf.table(beside.headers(), beside.rows(), beside.rightAligned(), BESIDE_SPEEDUP_COLUMNS, 6.5f);
            if (ValidationTable.hasStages(rows)) {
                pdf.heading("Stage by stage", 1);
                pdf.paragraph("What each stage of a multi-stage point (SparQ's approximate scores, top-k and exact "
                        + "attention, one launch) adds to the step: the kernel cut after the scores, cut after the "
                        + "top-k and whole, timed in rounds, each cut after a read of four times the last-level "
                        + "cache so that it starts as cold as the step does after its baseline; each stage the "
                        + "median over rounds of the difference between its cut and the one before; against what the "
                        + "op of the cost model that predicts it adds to the predicted step (the launch's price up to "
                        + "and with it less up to the op before; the op alone beside it): where in the pipeline the "
                        + "model misses.");
                var stages = ValidationTable.stages(rows);
                pdf.table(stages.headers(), stages.rows(), stages.rightAligned(), 6.5f);
            }
            pdf.heading("Appendix: the calibrated profile", 1);
            List<List<String>> figures = new ArrayList<>();
            for (String[] f : ProfileFigures.of(profile)) {
                figures.add(List.of(f));
            }
            pdf.table(List.of("figure", "value", "source"), figures, new boolean[] {false, true, false}, 6f);
            Calendar created = GregorianCalendar.from(date.atStartOfDay(ZoneOffset.UTC));
            return pdf.finish("attnsim cross-check: " + s.name(), s.description(), created);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Columns of {@link ValidationTable#HEADERS}: the point, its times and its bound; the point and its speed-ups. */
    static final int[] TIME_COLUMNS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 13};
    static final int[] SPEEDUP_COLUMNS = {0, 1, 2, 3, 4, 9, 10, 11, 12};
    /** {@link ValidationTable#beside}'s columns split in two, as the table above: the rates, then the speed-ups. */
    static final int[] BESIDE_RATE_COLUMNS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    static final int[] BESIDE_SPEEDUP_COLUMNS = {0, 1, 2, 3, 4, 13, 14};

    private static void table(PdfLayout pdf, List<ValidationRow> rows, int[] columns) throws IOException {
        pdf.table(ValidationTable.HEADERS, rows.stream().map(ValidationTable::cells).toList(), ValidationTable.RIGHT,
                columns, 6.5f);
    }

    /** One sentence per point that is not the baseline: measured speed-up against predicted. */
    static List<String> findings(List<ValidationRow> rows) {
        List<String> out = new ArrayList<>();
        for (ValidationRow r : rows) {
            if (r.measuredSpeedupInterval() == null) {
                continue;
            }
            var w = r.prediction().point().workload();
            out.add(String.format(Locale.ROOT, "%s%s (%s, %d tokens, batch %d) measured %.2fx the baseline's speed "
                    + "(95%% interval %.2fx .. %.2fx), predicted %.2fx (%s, %s the interval); its time was predicted %s "
                    + "off.", r.variant().label(),
                    r.prediction().point().sparq() == null ? "" : " with " + r.prediction().point().sparq().label(),
                    w.phase().id(), w.seqLen(), w.batch(), r.measuredSpeedup(), r.measuredSpeedupInterval().low(),
                    r.measuredSpeedupInterval().high(), r.predictedSpeedup(),
                    String.format(Locale.ROOT, "%+.1f%%", 100 * r.speedupError()),
                    r.predictedSpeedupInsideInterval() ? "inside" : "outside",
                    String.format(Locale.ROOT, "%+.1f%%", 100 * r.error())));
        }
        return out;
    }
}
