package org.attnsim.reports.table;

import java.util.List;
import java.util.Locale;
import org.attnsim.hwmodels.Quantity;
import org.attnsim.sim.Prediction;
import org.attnsim.sim.scenario.ResultRow;

/** The human-readable summary of result rows: what the terminal and the Markdown report show. */
public final class SummaryTable {

    public static final List<String> HEADERS = List.of("hardware", "phase", "seq", "batch", "variant", "Hq/Hkv",
            "attention", "time", "speed-up", "bound", "dominant op", "FLOPs", "exps", "bytes", "memory", "fits");
    public static final boolean[] RIGHT = {false, false, true, true, false, true, false, true, true, false, false,
            true, true, true, true, false};

    private SummaryTable() {
    }

    public static TextTable of(List<ResultRow> rows) {
        TextTable t = new TextTable(HEADERS, RIGHT);
        for (ResultRow r : rows) {
            t.add(cells(r));
        }
        return t;
    }

    /** The cells of one row, in the order of {@link #HEADERS}. */
    public static List<String> cells(ResultRow r) {
        Prediction p = r.prediction();
        var pt = p.point();
        return List.of(
                pt.hardware().id(),
                pt.workload().phase().id(),
                Integer.toString(pt.workload().seqLen()),
                Integer.toString(pt.workload().batch()),
                r.variant().label(),
                pt.shape().queryHeads() + "/" + pt.shape().kvHeads(),
                r.attentionKind(),
                Quantity.formatSeconds(p.seconds()),
                String.format(Locale.ROOT, "%.2fx", r.speedup()),
                p.bound().id(),
                p.dominant().op().name() + " " + p.dominant().op().pass().id(),
                Quantity.format(p.flops(), "FLOP"),
                Quantity.format(p.exponentials(), ""),
                Quantity.format(p.deviceBytes(), "B"),
                Quantity.format(p.footprint().totalBytes(), "B"),
                p.footprint().fits() ? "yes" : "NO");
    }
}
