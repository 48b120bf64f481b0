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
import java.util.TimeZone;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.reports.charts.ChartSpec;
import org.attnsim.reports.charts.ReportCharts;
import org.attnsim.reports.charts.Slice;
import org.attnsim.reports.table.BudgetTable;
import org.attnsim.reports.table.ComparisonTable;
import org.attnsim.reports.table.ProfileFigures;
import org.attnsim.reports.table.TextTable;
import org.attnsim.reports.table.SummaryTable;
import org.attnsim.sim.roofline.Term;
import org.attnsim.sim.scenario.Comparison;
import org.attnsim.sim.scenario.Comparisons;
import org.attnsim.sim.scenario.ResultRow;
import org.attnsim.sim.scenario.Scenario;
import org.attnsim.sim.scenario.VariantChoice;
import org.attnsim.sim.workload.Phase;

/**
 * The PDF report of a run, laid out like a paper's results section: title page, a page of findings,
 * speed-ups, a section per phase with its breakdown and table, roofline, memory, SparQ, and appendices
 * with the formulas, the timing terms and every hardware figure with its source.
 */
public final class PdfReport {

    /** Columns of the per-phase tables: indices into {@link SummaryTable#HEADERS}. */
    static final int[] COLUMNS = {2, 3, 4, 5, 6, 7, 8, 9, 11, 13, 14, 15};
    static final float CHART_HEIGHT = 300f;
    /** The speed-up chart stacks one panel per phase. */
    static final float PANEL_HEIGHT = 150f;

    private PdfReport() {
    }

    /** Renders the report; {@code date} is printed on the title page and stored as the creation date. */
    public static byte[] render(Scenario s, List<ResultRow> rows, ReportCharts charts, String version, LocalDate date) {
        try (PdfLayout pdf = new PdfLayout("attnsim " + version + " \u00b7 " + s.name())) {
            titlePage(pdf, s, version, date);
            pdf.heading("Summary", 1);
            pdf.paragraph("Findings computed from the predictions of this run, at the largest sequence length and the "
                    + "first batch size of the scenario, unless stated otherwise.");
            for (String line : Headlines.of(s, rows)) {
                pdf.bullet(line);
            }
            if (!charts.failures().isEmpty()) {
                pdf.paragraph("Some charts could not be drawn; their sections say which and why.");
            }

            List<Comparison> published = Comparisons.of(s, rows);
            if (!published.isEmpty()) {
                pdf.heading("Published measurements", 1);
                pdf.paragraph("Source: " + s.reference().source() + ". Hardware " + s.reference().hardwareId()
                        + ", phase " + s.reference().phase().id() + (s.reference().perSequence()
                        ? "; the published times are per sequence of the batch, so the predicted step time is divided "
                                + "by the batch." : ".") + " Error = predicted / published - 1; speed-ups are over "
                        + s.baseline().label() + " at the same shape.");
                pdf.table(ComparisonTable.HEADERS, published.stream().map(ComparisonTable::cells).toList(),
                        ComparisonTable.RIGHT, 7.5f);
                pdf.paragraph(ComparisonTable.summary(published) + ".");
            }
            if (s.tokenBudget() > 0) {
                pdf.heading(BudgetTable.title(s.tokenBudget()), 1);
                TextTable budget = BudgetTable.of(rows, s.tokenBudget());
                pdf.table(budget.headers(), budget.rows(), budget.rightAligned(), 7.5f);
            }
            section(pdf, charts, "Speed-ups", "Speed-ups over " + s.baseline().label(), null, s.phases().size());
            for (Phase phase : s.phases()) {
                section(pdf, charts, phase.id(), "Phase: " + phase.id(), intro(phase), 1);
                for (HardwareProfile hw : s.hardware()) {
                    pdf.heading(phase.id() + " on " + hw.id(), 2);
                    table(pdf, Slice.of(rows, hw.id(), phase));
                }
            }
            section(pdf, charts, "Roofline", "Roofline", null, 1);
            section(pdf, charts, "Memory", "Memory", null, 1);
            if (s.phases().contains(Phase.DECODE)) {
                section(pdf, charts, "SparQ", "SparQ decoding", null, 1);
            }
            appendix(pdf, s);
            Calendar created = GregorianCalendar.from(date.atStartOfDay(ZoneOffset.UTC));
            created.setTimeZone(TimeZone.getTimeZone("UTC"));
            return pdf.finish("attnsim report: " + s.name(), s.description(), created);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void titlePage(PdfLayout pdf, Scenario s, String version, LocalDate date) throws IOException {
        pdf.space(80);
        pdf.title("attnsim report", 26f);
        pdf.title(s.name(), 18f);
        if (!s.description().isEmpty()) {
            pdf.paragraph(s.description());
        }
        pdf.space(10);
        pdf.paragraph("Date: " + date + ". attnsim " + version + ". Scenario file: " + s.source() + ".");
        pdf.paragraph("Every number in this report is a prediction of attnsim's analytic model (cost model and roofline), "
                + "not a measurement. Each hardware figure carries its source in Appendix B.");
        VariantChoice b = s.baseline();
        pdf.paragraph(String.format(Locale.ROOT, "Attention: d_model %d, H %d, d_head %d; scope %s; %s; %s; algorithm %s.",
                b.shape().dModel(), b.shape().heads(), b.shape().headDim(), s.scope().id(), s.dtypeText(),
                s.causal() ? "causal" : "not causal", s.algorithm().id()));
        if (s.model() != null) {
            pdf.paragraph(String.format(Locale.ROOT, "Model: %d layers, %s FFN with hidden size %d, vocabulary %d.",
                    s.model().layers(), s.model().ffn().id(), s.model().ffnHidden(), s.model().vocab()));
        }
        List<String> variants = new ArrayList<>();
        for (VariantChoice v : s.variants()) {
            variants.add(v.label() + " (" + v.shape().queryHeads() + "/" + v.shape().kvHeads() + ")");
        }
        pdf.paragraph("Variants (H_q/H_kv): " + String.join(", ", variants) + "; baseline " + b.label() + ".");
        pdf.title("Hardware profiles", 12.5f);
        for (HardwareProfile hw : s.hardware()) {
            pdf.bullet(hw.id() + ": " + hw.name() + " (" + ("bundled".equals(hw.origin()) ? "bundled profile"
                    : "profile file " + hw.origin()) + ").");
        }
    }

    private static String intro(Phase phase) {
        return switch (phase) {
            case TRAIN -> "One optimiser step: forward, backward (2.5x the forward attention FLOPs) and, for the whole "
                    + "model, the Adam update.";
            case FORWARD -> "A forward pass over every token, as in encoding or evaluation.";
            case PREFILL -> "Processing a prompt: a causal forward pass that fills the KV cache; logits of the last "
                    + "token only.";
            case DECODE -> "One new token per sequence against a KV cache of the given length; attention reads the "
                    + "whole cache (dense) or SparQ's selection of it.";
        };
    }

    private static void section(PdfLayout pdf, ReportCharts charts, String section, String heading, String intro,
            int phases) throws IOException {
        pdf.heading(heading, 1);
        if (intro != null) {
            pdf.paragraph(intro);
        }
        for (ChartSpec c : charts.charts(section)) {
            float height = section.equals("Speed-ups")
                    ? Math.max(CHART_HEIGHT, 90 + PANEL_HEIGHT * phases) : CHART_HEIGHT;
            try {
                pdf.chart(c.chart(), height);
            } catch (RuntimeException e) {
                pdf.paragraph("The chart " + c.fileName() + " could not be drawn: " + e.getMessage());
                continue;
            }
            pdf.caption(c.caption());
        }
        for (ReportCharts.Failure f : charts.failures(section)) {
            pdf.paragraph("The chart " + f.name() + " could not be drawn: " + f.reason());
        }
    }

    private static void table(PdfLayout pdf, List<ResultRow> rows) throws IOException {
        pdf.table(SummaryTable.HEADERS, rows.stream().map(SummaryTable::cells).toList(), SummaryTable.RIGHT, COLUMNS,
                7.5f);
    }

    private static void appendix(PdfLayout pdf, Scenario s) throws IOException {
        pdf.heading("Appendix A: formulas and assumptions", 1);
        for (String line : ASSUMPTIONS) {
            pdf.bullet(line);
        }
        pdf.heading("Timing terms", 2);
        for (Term t : Term.values()) {
            pdf.bullet(t.id() + " (" + (s.terms().has(t) ? "on" : "off") + "): " + t.description() + " Source: "
                    + t.source() + ".");
        }
        pdf.heading("Appendix B: hardware profiles", 1);
        for (HardwareProfile hw : s.hardware()) {
            pdf.heading(hw.id() + ": " + hw.name(), 2);
            List<List<String>> figures = new ArrayList<>();
            for (String[] f : ProfileFigures.of(hw)) {
                figures.add(List.of(f));
            }
            pdf.table(List.of("figure", "value", "source"), figures, new boolean[] {false, true, false}, 6.5f);
        }
    }

    static final List<String> ASSUMPTIONS = List.of(
            "Attention FLOPs follow FlashAttention's convention: forward 4 B S^2 H_q d_head, halved when causal; "
                    + "backward 2.5x forward; a training step 3.5x forward. Linear layers: 2 x rows x d_in x d_out.",
            "Timing per op: work x padding / (peak x efficiency x wave efficiency) for each unit, plus the n-half "
                    + "start-up; compute units add up when serialised, memory overlaps; plus launches x latency. On a "
                    + "profile with a measured overlap exponent p, an op's arithmetic and memory time, and the ops of "
                    + "one launch (SparQ's fused stages), overlap as (t_other^p + t_memory^p)^(1/p).",
            "Tiled attention (FlashAttention-2): blocks of up to 128 rows sized to the SRAM; K/V re-read per query "
                    + "tile from the last-level cache; device memory sees Q, O, logsumexp and K/V once per KV head.",
            "Decode reads the whole KV cache, 2 B H_kv S d_head elements of the cache's type (workload.kvDtype or "
                    + "a variant's own, the compute dtype unless quantised; fp8 and int8 elements cost a conversion "
                    + "and a scale each as they are read, which a CPU profile's measured decoding loop holds, timed "
                    + "over rows of that type where the profile has decodeTile.int8 or decodeTile.fp8), split "
                    + "over the cache to fill the device; the split's partial results "
                    + "are combined in the same launch.",
            "SparQ (Ribar et al. 2024): S r + 2 k d_h + 4 d_h elements per head, plus fp32 approximate scores, five "
                    + "radix-select passes for top-k and whole-sector reads of gathered rows and strided columns.",
            "Memory: bf16 weights plus 14 bytes per parameter of Adam state when training; activations saved for "
                    + "backward; KV cache (with SparQ's second K copy); materialised scores for naive attention.",
            "Efficiency fractions, n-half figures and launch latencies are estimates where the profile says so; a "
                    + "measured profile (attnsim calibrate) replaces them.");
}
