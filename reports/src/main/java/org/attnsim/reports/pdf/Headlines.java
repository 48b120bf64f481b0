package org.attnsim.reports.pdf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.Quantity;
import org.attnsim.reports.charts.Slice;
import org.attnsim.sim.cost.OpGroup;
import org.attnsim.sim.roofline.Bound;
import org.attnsim.sim.scenario.ResultRow;
import org.attnsim.sim.scenario.Scenario;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Scope;

/** The findings of a run as sentences, computed from the rows, for the summary page. */
public final class Headlines {

    private Headlines() {
    }

    public static List<String> of(Scenario s, List<ResultRow> rows) {
        List<String> out = new ArrayList<>();
        for (HardwareProfile hw : s.hardware()) {
            for (Phase phase : s.phases()) {
                List<ResultRow> slice = Slice.of(rows, hw.id(), phase);
                int seq = Slice.maxSeqLen(slice);
                int batch = Slice.batchOf(slice, seq);
                List<ResultRow> dense = Slice.at(slice, seq, batch).stream()
                        .filter(r -> r.prediction().point().sparq() == null).toList();
                ResultRow best = dense.stream().max(Comparator.comparingDouble(ResultRow::speedup)).orElseThrow();
                ResultRow worst = dense.stream().min(Comparator.comparingDouble(ResultRow::speedup)).orElseThrow();
                String where = where(phase, seq, batch, hw.id());
                if (best.speedup() > 1.005) {
                    out.add(String.format(Locale.ROOT, "%s %s %.2fx faster than %s %s; its longest op, %s, is bound by %s.",
                            best.variant().label(), verb(phase), best.speedup(), best.baselineLabel(), where,
                            opName(best), boundName(best.prediction().bound())));
                } else {
                    out.add(String.format(Locale.ROOT, "No variant %s faster than %s %s; %s's longest op, %s, is bound by %s.",
                            verb(phase), best.baselineLabel(), where, best.baselineLabel(), opName(worst),
                            boundName(worst.prediction().bound())));
                }
                if (worst.speedup() < 0.995) {
                    out.add(String.format(Locale.ROOT, "%s is %.2fx slower than %s %s.", worst.variant().label(),
                            1 / worst.speedup(), worst.baselineLabel(), where));
                }
                trend(out, slice, best, phase);
                if (s.scope() == Scope.MODEL) {
                    ResultRow base = dense.stream().filter(r -> r.variant() == s.baseline()).findFirst().orElseThrow();
                    out.add(String.format(Locale.ROOT, "Attention takes %.0f%% of %s's %s time %s.",
                            100 * base.prediction().seconds(OpGroup.ATTENTION) / base.prediction().seconds(),
                            base.variant().label(), phase.id(), where));
                }
                sparq(out, Slice.at(slice, seq, batch), where);
                memory(out, slice, hw);
            }
        }
        return out;
    }

    private static void trend(List<String> out, List<ResultRow> slice, ResultRow best, Phase phase) {
        List<ResultRow> line = Slice.primary(slice).stream().filter(r -> r.variant() == best.variant()
                && r.prediction().point().sparq() == null).toList();
        if (line.size() < 2 || best.speedup() <= 1.005) {
            return;
        }
        ResultRow first = line.get(0);
        ResultRow last = line.get(line.size() - 1);
        String direction = last.speedup() > first.speedup() * 1.02 ? "grows"
                : last.speedup() < first.speedup() * 0.98 ? "shrinks" : "stays near";
        out.add(String.format(Locale.ROOT, "%s's %s speed-up %s from %.2fx at %s to %.2fx at %s tokens on %s.",
                best.variant().label(), phase.id(), direction.equals("stays near") ? "stays level," : direction,
                first.speedup(),
                Slice.tokens(first.prediction().point().workload().seqLen()), last.speedup(),
                Slice.tokens(last.prediction().point().workload().seqLen()),
                best.prediction().point().hardware().id()));
    }

    private static void sparq(List<String> out, List<ResultRow> at, String where) {
        ResultRow best = null;
        double gain = 0;
        for (ResultRow r : at) {
            if (r.prediction().point().sparq() == null) {
                continue;
            }
            ResultRow dense = at.stream().filter(d -> d.variant() == r.variant() && d.prediction().point().sparq() == null)
                    .findFirst().orElseThrow();
            double g = dense.prediction().seconds() / r.prediction().seconds();
            if (g > gain) {
                gain = g;
                best = r;
            }
        }
        if (best != null) {
            out.add(String.format(Locale.ROOT, "%s speeds up %s's decoding %.2fx over dense attention %s.",
                    best.prediction().point().sparq().label(), best.variant().label(), gain, where));
        }
    }

    private static void memory(List<String> out, List<ResultRow> slice, HardwareProfile hw) {
        for (ResultRow r : slice) {
            if (!r.prediction().footprint().fits()) {
                out.add(String.format(Locale.ROOT, "%s %s at %s tokens, batch %d, needs %s: more than the %s of %s.",
                        r.variant().label(), r.prediction().point().workload().phase().id(),
                        Slice.tokens(r.prediction().point().workload().seqLen()),
                        r.prediction().point().workload().batch(),
                        Quantity.format(r.prediction().footprint().totalBytes(), "B"),
                        Quantity.format(r.prediction().footprint().capacityBytes(), "B"), hw.id()));
                return;
            }
        }
    }

    static String verb(Phase p) {
        return switch (p) {
            case TRAIN -> "trains";
            case FORWARD -> "runs a forward pass";
            case PREFILL -> "prefills";
            case DECODE -> "decodes";
        };
    }

    static String where(Phase p, int seq, int batch, String hw) {
        return p == Phase.DECODE
                ? "with a " + Slice.tokens(seq) + "-token KV cache at batch " + batch + " on " + hw
                : "at " + Slice.tokens(seq) + " tokens, batch " + batch + ", on " + hw;
    }

    static String opName(ResultRow r) {
        var op = r.prediction().dominant().op();
        return op.name() + " (" + op.pass().id() + ")";
    }

    static String boundName(Bound b) {
        return switch (b) {
            case MATRIX -> "the matrix unit";
            case VECTOR -> "the vector unit";
            case EXPONENTIAL -> "the exponential (special-function) unit";
            case MEMORY -> "device-memory bandwidth";
            case CACHE -> "cache bandwidth";
            case LATENCY -> "memory latency (dependent passes)";
            case LAUNCH -> "kernel launch latency";
        };
    }
}
