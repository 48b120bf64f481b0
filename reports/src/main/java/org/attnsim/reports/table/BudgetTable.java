package org.attnsim.reports.table;

import java.util.List;
import java.util.Locale;
import org.attnsim.hwmodels.Quantity;
import org.attnsim.sim.Prediction;
import org.attnsim.sim.cost.OpGroup;
import org.attnsim.sim.scenario.ResultRow;

/** What a token budget costs per variant: step time, tokens per second, attention's share, GPU-hours. */
public final class BudgetTable {

    private BudgetTable() {
    }

    public static String title(double tokenBudget) {
        return String.format(Locale.ROOT, "GPU-hours for %.3g tokens (one device, at the predicted rate)", tokenBudget);
    }

    public static TextTable of(List<ResultRow> rows, double tokenBudget) {
        TextTable t = new TextTable(List.of("hardware", "phase", "seq", "batch", "variant", "step time", "tokens/s",
                "attention share", "GPU-hours", "vs baseline"),
                new boolean[] {false, false, true, true, false, true, true, true, true, true});
        for (ResultRow r : rows) {
            Prediction p = r.prediction();
            double hours = tokenBudget / p.tokensPerSecond() / 3600;
            t.add(List.of(p.point().hardware().id(), p.point().workload().phase().id(),
                    Integer.toString(p.point().workload().seqLen()), Integer.toString(p.point().workload().batch()),
                    r.variant().label() + (p.point().sparq() == null ? "" : " SparQ"),
                    Quantity.formatSeconds(p.seconds()), String.format(Locale.ROOT, "%,.0f", p.tokensPerSecond()),
                    String.format(Locale.ROOT, "%.0f%%", 100 * p.seconds(OpGroup.ATTENTION) / p.seconds()),
                    String.format(Locale.ROOT, "%,.0f", hours),
                    String.format(Locale.ROOT, "%.0f%%", 100 / r.speedup())));
        }
        return t;
    }
}
