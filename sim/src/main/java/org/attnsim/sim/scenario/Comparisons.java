package org.attnsim.sim.scenario;

import java.util.ArrayList;
import java.util.List;
import org.attnsim.sim.Point;
import org.attnsim.sim.model.KeyLayout;

/** Pairs every published time of a scenario with its predicted row. */
public final class Comparisons {

    private Comparisons() {
    }

    public static List<Comparison> of(Scenario s, List<ResultRow> rows) {
        List<Comparison> out = new ArrayList<>();
        Reference ref = s.reference();
        if (ref == null) {
            return out;
        }
        String baseline = s.baseline().label();
        for (ReferenceTime t : ref.times()) {
            ResultRow row = find(rows, ref, t.variant(), t.seqLen(), t.batch(), t.keyLayout());
            ReferenceTime base = published(ref, baseline, t.seqLen(), t.batch());
            ResultRow baseRow = find(rows, ref, baseline, t.seqLen(), t.batch(), null);
            double scale = ref.perSequence() ? t.batch() : 1;
            double predicted = row.prediction().seconds() / scale;
            double publishedSpeedup = base == null ? Double.NaN : base.seconds() / t.seconds();
            double predictedSpeedup = baseRow.prediction().seconds() / row.prediction().seconds();
            out.add(new Comparison(t, row, predicted, publishedSpeedup, predictedSpeedup));
        }
        return out;
    }

    static ReferenceTime published(Reference ref, String variant, int seqLen, int batch) {
        for (ReferenceTime t : ref.times()) {
            if (t.variant().equals(variant) && t.seqLen() == seqLen && t.batch() == batch && t.keyLayout() == null) {
                return t;
            }
        }
        return null;
    }

    static ResultRow find(List<ResultRow> rows, Reference ref, String variant, int seqLen, int batch, KeyLayout layout) {
        for (ResultRow r : rows) {
            Point p = r.prediction().point();
            boolean sameAttention = layout == null ? p.sparq() == null
                    : p.sparq() != null && p.sparq().keyLayout() == layout;
            if (r.variant().label().equals(variant) && p.workload().seqLen() == seqLen
                    && p.workload().batch() == batch && sameAttention && p.hardware().id().equals(ref.hardwareId())
                    && p.workload().phase() == ref.phase()) {
                return r;
            }
        }
        throw new IllegalStateException("no row for published time " + variant + " " + seqLen + "x" + batch);
    }
}
