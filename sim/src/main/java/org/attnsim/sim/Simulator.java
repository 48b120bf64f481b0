package org.attnsim.sim;

import java.util.ArrayList;
import java.util.List;
import org.attnsim.sim.cost.CostModel;
import org.attnsim.sim.cost.Footprint;
import org.attnsim.sim.cost.FootprintModel;
import org.attnsim.sim.cost.OpCost;
import org.attnsim.sim.roofline.OpTiming;
import org.attnsim.sim.roofline.Roofline;
import org.attnsim.sim.roofline.Term;

/** Cost model, then roofline: turns a {@link Point} into a {@link Prediction}. Stateless. */
public final class Simulator {

    private Simulator() {
    }

    public static Prediction predict(Point p) {
        List<OpCost> ops = CostModel.ops(p.shape(), p.model(), p.scope(), p.workload(), p.sparq(), p.hardware(),
                p.terms().has(Term.CACHE_REUSE));
        List<OpTiming> timings = new ArrayList<>(ops.size());
        for (OpCost op : ops) {
            timings.add(Roofline.time(op, p.hardware(), p.workload().dtype(), p.workload().kvDtype(),
                    p.terms()));
        }
        Footprint footprint = FootprintModel.footprint(p.shape(), p.model(), p.scope(), p.workload(), p.sparq(),
                p.hardware().deviceMemory().capacityBytes().value());
        return new Prediction(p, timings, footprint);
    }
}
