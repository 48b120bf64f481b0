package org.attnsim.reports.table;

import java.util.List;
import java.util.Locale;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.sim.roofline.Term;
import org.attnsim.sim.scenario.Comparison;
import org.attnsim.sim.scenario.Comparisons;
import org.attnsim.sim.scenario.ResultRow;
import org.attnsim.sim.scenario.Scenario;

/** The Markdown report of a scenario run: setup, hardware with sources, terms, results, conventions. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String of(Scenario s, List<ResultRow> rows, String version) {
        StringBuilder md = new StringBuilder();
        md.append("# attnsim: ").append(s.name()).append("\n\n");
        if (!s.description().isEmpty()) {
            md.append(s.description()).append("\n\n");
        }
        md.append("Scenario file `").append(s.source()).append("`, attnsim ").append(version)
                .append(". All figures are predictions of the analytic model, not measurements.\n\n");
        md.append("## Setup\n\n");
        md.append("- Scope: ").append(s.scope().id()).append("; dtype ").append(s.dtypeText()).append("; ")
                .append(s.causal() ? "causal" : "not causal").append("; attention algorithm ")
                .append(s.algorithm().id()).append('\n');
        if (s.model() != null) {
            md.append(String.format(Locale.ROOT, "- Model: %d layers, %s FFN hidden %d, vocabulary %d%n",
                    s.model().layers(), s.model().ffn().id(), s.model().ffnHidden(), s.model().vocab()));
        }
        var b = s.baseline().shape();
        md.append(String.format(Locale.ROOT, "- Attention: d_model %d, H %d, d_head %d; baseline %s%n", b.dModel(),
                b.heads(), b.headDim(), s.baseline().label()));
        md.append("- Variants: ");
        for (int i = 0; i < s.variants().size(); i++) {
            var v = s.variants().get(i);
            md.append(i == 0 ? "" : ", ").append(v.label()).append(" (H_q ").append(v.shape().queryHeads())
                    .append(", H_kv ").append(v.shape().kvHeads()).append(')');
        }
        md.append("\n\n");

        md.append("## Hardware profiles\n\n");
        for (HardwareProfile hw : s.hardware()) {
            md.append("### ").append(hw.id()).append(": ").append(hw.name()).append("\n\n");
            md.append("Read from: ").append(hw.origin()).append("\n\n");
            TextTable t = new TextTable(List.of("figure", "value", "source"), new boolean[] {false, true, false});
            for (String[] line : ProfileFigures.of(hw)) {
                t.add(List.of(line));
            }
            md.append(t.markdown()).append('\n');
        }

        md.append("## Timing terms\n\n");
        TextTable terms = new TextTable(List.of("term", "on", "what it models", "source"),
                new boolean[] {false, false, false, false});
        for (Term term : Term.values()) {
            terms.add(List.of(term.id(), s.terms().has(term) ? "yes" : "no", term.description(), term.source()));
        }
        md.append(terms.markdown()).append('\n');

        md.append("## Results\n\n");
        md.append("Speed-up is the baseline's dense time over the row's time at the same hardware, phase, "
                + "sequence length and batch. `bound` is the limiting unit of the op that takes longest.\n\n");
        md.append(SummaryTable.of(rows).markdown()).append('\n');
        if (s.tokenBudget() > 0) {
            md.append("### ").append(BudgetTable.title(s.tokenBudget())).append("\n\n");
            md.append(BudgetTable.of(rows, s.tokenBudget()).markdown()).append('\n');
        }
        List<Comparison> published = Comparisons.of(s, rows);
        if (!published.isEmpty()) {
            md.append("## Published measurements\n\n");
            md.append("Source: ").append(s.reference().source()).append(". Hardware ").append(s.reference().hardwareId())
                    .append(", phase ").append(s.reference().phase().id())
                    .append(s.reference().perSequence() ? "; published times are per sequence of the batch, so the "
                            + "predicted step time is divided by the batch." : ".").append("\n\n");
            md.append(ComparisonTable.of(published).markdown()).append('\n');
            md.append(ComparisonTable.summary(published)).append(".\n\n");
        }

        md.append("## Conventions\n\n");
        md.append("- Attention FLOPs follow FlashAttention's convention: forward 4 B S^2 H_q d_head, halved when "
                + "causal; backward 2.5 x forward. Linear layers 2 x rows x d_in x d_out.\n");
        md.append("- Decode: one new token per sequence against a KV cache of `seq` positions.\n");
        md.append("- SparQ transfers follow Ribar et al. (2024): S r + 2 k d_h + 4 d_h elements per head, plus "
                + "the fp32 approximate scores and the passes of the top-k selection.\n");
        md.append("- Bytes are device-memory (HBM/DRAM) traffic; `memory` is the footprint, `fits` compares it "
                + "with the device capacity.\n");
        return md.toString();
    }
}
