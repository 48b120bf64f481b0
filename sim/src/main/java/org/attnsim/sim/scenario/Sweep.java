package org.attnsim.sim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.sim.Point;
import org.attnsim.sim.Prediction;
import org.attnsim.sim.Simulator;
import org.attnsim.sim.model.SparqConfig;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Workload;

/**
 * Expands a scenario into points and predicts them, in a fixed order (hardware, phase, shape (sequence
 * length and batch), then the variants, each dense and then with every SparQ setting on decode steps), so that the
 * same scenario always gives the same rows.
 */
public final class Sweep {

    private Sweep() {
    }

    /** The number of rows {@link #run} returns. */
    public static int size(Scenario s) {
        int rows = 0;
        for (Phase p : s.phases()) {
            for (Shape shape : s.shapes()) {
                if (shape.runsIn(p)) {
                    rows += s.variants().size() * (1 + (p == Phase.DECODE ? s.sparq().size() : 0));
                }
            }
        }
        return s.hardware().size() * rows;
    }

    public static List<ResultRow> run(Scenario s) {
        return run(s, done -> { });
    }

    /** Runs the sweep, reporting the number of rows done after each cell. */
    public static List<ResultRow> run(Scenario s, IntConsumer progress) {
        List<ResultRow> rows = new ArrayList<>(size(s));
        for (HardwareProfile hw : s.hardware()) {
            for (Phase phase : s.phases()) {
                for (Shape shape : s.shapes()) {
                    if (!shape.runsIn(phase)) {
                        continue;
                    }
                    Workload w = workload(s, phase, shape);
                    Prediction base = Simulator.predict(point(s, s.baseline(), w, null, hw));
                    for (VariantChoice v : s.variants()) {
                        Prediction dense = v == s.baseline() ? base : Simulator.predict(point(s, v, w, null, hw));
                        rows.add(new ResultRow(dense, v, base.seconds() / dense.seconds(), s.baseline().label()));
                        if (phase == Phase.DECODE) {
                            for (SparqConfig c : s.sparq()) {
                                Prediction sp = Simulator.predict(point(s, v, w, c, hw));
                                rows.add(new ResultRow(sp, v, base.seconds() / sp.seconds(), s.baseline().label()));
                            }
                        }
                    }
                    progress.accept(rows.size());
                }
            }
        }
        return rows;
    }

    /** The workload of one sweep cell. */
    public static Workload workload(Scenario s, Phase phase, Shape shape) {
        return Workload.of(phase, shape.seqLen(), shape.batch(), s.causal(), s.dtype(), s.algorithm(), s.framework(),
                s.attentionDropout(), s.source()).withKvDtype(s.kvDtype(), !s.sparq().isEmpty(), s.source());
    }

    /** The point of a variant in a cell, with the variant's own KV cache type where it has one. */
    public static Point point(Scenario s, VariantChoice v, Workload w, SparqConfig sparq, HardwareProfile hw) {
        Workload own = v.kvDtype() == null ? w : w.withKvDtype(v.kvDtype(), !s.sparq().isEmpty(), s.source());
        return new Point(sparq == null ? v.label() : v.label() + " + " + sparq.label(), v.variant().id(), v.shape(),
                s.model(), s.scope(), own, sparq, hw, s.terms());
    }
}
