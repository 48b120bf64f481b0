package org.attnsim.reports.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnsim.sim.Point;
import org.attnsim.sim.Prediction;
import org.attnsim.sim.cost.Footprint;
import org.attnsim.sim.cost.OpGroup;
import org.attnsim.sim.model.SparqConfig;
import org.attnsim.sim.roofline.OpTiming;
import org.attnsim.sim.scenario.ResultRow;

/**
 * The fields of a result row, in base units (seconds, bytes, FLOPs), in one fixed order: the single
 * definition that the CSV, JSON, Markdown and console writers share.
 */
public final class RowFields {

    private RowFields() {
    }

    /** The fields of a row; {@code tokenBudget} > 0 adds the GPU-hours to process that many tokens. */
    public static Map<String, Object> of(ResultRow row, double tokenBudget) {
        Map<String, Object> m = of(row);
        m.put("gpuHours", tokenBudget > 0 ? tokenBudget / row.prediction().tokensPerSecond() / 3600 : null);
        return m;
    }

    public static Map<String, Object> of(ResultRow row) {
        Prediction p = row.prediction();
        Point pt = p.point();
        SparqConfig sq = pt.sparq();
        Footprint f = p.footprint();
        double seconds = p.seconds();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("variant", row.variant().variant().id());
        m.put("label", row.variant().label());
        m.put("attention", sq == null ? "dense" : "sparq");
        m.put("queryHeads", pt.shape().queryHeads());
        m.put("kvHeads", pt.shape().kvHeads());
        m.put("headDim", pt.shape().headDim());
        m.put("sparqR", sq == null ? null : sq.r());
        m.put("sparqK", sq == null ? null : sq.k());
        m.put("sparqKeyLayout", sq == null ? null : sq.keyLayout().id());
        m.put("hardware", pt.hardware().id());
        m.put("phase", pt.workload().phase().id());
        m.put("scope", pt.scope().id());
        m.put("seqLen", pt.workload().seqLen());
        m.put("batch", pt.workload().batch());
        m.put("causal", pt.workload().causalMasked());
        m.put("dtype", pt.workload().dtype().id());
        m.put("kvDtype", pt.workload().kvDtype().id());
        m.put("algorithm", pt.workload().algorithm().id());
        m.put("flops", p.flops());
        m.put("matrixFlops", p.matrixFlops());
        m.put("vectorOps", p.vectorOps());
        m.put("exponentials", p.exponentials());
        m.put("bytes", p.deviceBytes());
        m.put("cacheBytes", p.cacheBytes());
        m.put("seconds", seconds);
        m.put("bound", p.bound().id());
        m.put("dominantOp", p.dominant().op().name() + " (" + p.dominant().op().pass().id() + ")");
        m.put("speedup", row.speedup());
        m.put("baseline", row.baselineLabel());
        m.put("tokensPerSecond", p.tokensPerSecond());
        m.put("attentionFraction", p.seconds(OpGroup.ATTENTION) / seconds);
        m.put("weightBytes", f.weightBytes());
        m.put("trainingStateBytes", f.trainingStateBytes());
        m.put("activationBytes", f.activationBytes());
        m.put("kvCacheBytes", f.kvCacheBytes());
        m.put("scoreBytes", f.scoreBytes());
        m.put("footprintBytes", f.totalBytes());
        m.put("capacityBytes", f.capacityBytes());
        m.put("fits", f.fits());
        return m;
    }

    /** The per-op breakdown of a row, for the JSON and ops CSV. */
    public static List<Map<String, Object>> ops(Prediction p) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (OpTiming t : p.ops()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("op", t.op().name());
            m.put("group", t.op().group().id());
            m.put("pass", t.op().pass().id());
            m.put("repeats", t.op().repeats());
            m.put("seconds", t.seconds());
            m.put("bound", t.bound().id());
            m.put("matrixFlops", t.op().matrixFlops() * t.op().repeats());
            m.put("vectorOps", t.op().vectorOps() * t.op().repeats());
            m.put("exponentials", t.op().exponentials() * t.op().repeats());
            m.put("bytes", t.op().deviceBytes() * t.op().repeats());
            m.put("cacheBytes", t.op().cacheBytes() * t.op().repeats());
            m.put("tiles", t.op().tiles());
            m.put("launches", t.op().launches() * t.op().repeats());
            m.put("waveEfficiency", t.waveEfficiency());
            m.put("matrixSeconds", t.matrixSeconds() * t.op().repeats());
            m.put("vectorSeconds", t.vectorSeconds() * t.op().repeats());
            m.put("exponentialSeconds", t.exponentialSeconds() * t.op().repeats());
            m.put("memorySeconds", t.memorySeconds() * t.op().repeats());
            m.put("cacheSeconds", t.cacheSeconds() * t.op().repeats());
            m.put("latencySeconds", t.latencySeconds() * t.op().repeats());
            m.put("pageRunSeconds", t.pageRunSeconds() * t.op().repeats());
            m.put("passLoopSeconds", t.passLoopSeconds() * t.op().repeats());
            m.put("launchSeconds", t.launchSeconds() * t.op().repeats());
            m.put("startSeconds", t.startSeconds() * t.op().repeats());
            out.add(m);
        }
        return out;
    }
}
