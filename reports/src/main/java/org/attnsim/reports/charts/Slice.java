package org.attnsim.reports.charts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attnsim.sim.Point;
import org.attnsim.sim.scenario.ResultRow;
import org.attnsim.sim.workload.Phase;

/** Selections of result rows that the charts and the report need. */
public final class Slice {

    private Slice() {
    }

    public static List<ResultRow> of(List<ResultRow> rows, String hardwareId, Phase phase) {
        List<ResultRow> out = new ArrayList<>();
        for (ResultRow r : rows) {
            Point p = r.prediction().point();
            if (p.hardware().id().equals(hardwareId) && (phase == null || p.workload().phase() == phase)) {
                out.add(r);
            }
        }
        return out;
    }

    public static List<ResultRow> at(List<ResultRow> rows, int seqLen, int batch) {
        List<ResultRow> out = new ArrayList<>();
        for (ResultRow r : rows) {
            if (r.prediction().point().workload().seqLen() == seqLen
                    && r.prediction().point().workload().batch() == batch) {
                out.add(r);
            }
        }
        return out;
    }

    public static List<Phase> phases(List<ResultRow> rows) {
        Set<Phase> set = new LinkedHashSet<>();
        rows.forEach(r -> set.add(r.prediction().point().workload().phase()));
        return new ArrayList<>(set);
    }

    public static int maxSeqLen(List<ResultRow> rows) {
        return rows.stream().mapToInt(r -> r.prediction().point().workload().seqLen()).max().orElse(0);
    }

    public static int firstBatch(List<ResultRow> rows) {
        return rows.isEmpty() ? 1 : rows.get(0).prediction().point().workload().batch();
    }

    /** The batch first run with {@code seqLen}: sweeps may pair each sequence length with its own batch. */
    public static int batchOf(List<ResultRow> rows, int seqLen) {
        for (ResultRow r : rows) {
            if (r.prediction().point().workload().seqLen() == seqLen) {
                return r.prediction().point().workload().batch();
            }
        }
        return 1;
    }

    /** The rows of each sequence length at the first batch run with it: one line per variant in charts. */
    public static List<ResultRow> primary(List<ResultRow> rows) {
        Map<Integer, Integer> firstBatch = new HashMap<>();
        for (ResultRow r : rows) {
            firstBatch.putIfAbsent(r.prediction().point().workload().seqLen(), r.prediction().point().workload().batch());
        }
        List<ResultRow> out = new ArrayList<>();
        for (ResultRow r : rows) {
            var w = r.prediction().point().workload();
            if (w.batch() == firstBatch.get(w.seqLen())) {
                out.add(r);
            }
        }
        return out;
    }

    /** "batch 8", or "each shape's batch" when the sequence lengths come with different batches. */
    public static String batchText(List<ResultRow> rows) {
        long distinct = primary(rows).stream().mapToInt(r -> r.prediction().point().workload().batch()).distinct().count();
        return distinct == 1 ? "batch " + firstBatch(rows) : "the batch of each shape";
    }

    /** The label a row is drawn under: the variant, plus its SparQ settings when it has them. */
    public static String label(ResultRow r) {
        return r.prediction().point().sparq() == null ? r.variant().label()
                : r.variant().label() + " + " + r.prediction().point().sparq().label();
    }

    /** Sequence length in the style of papers: 4096 as "4k", 131072 as "128k". */
    public static String tokens(int seqLen) {
        return seqLen >= 1024 && seqLen % 1024 == 0 ? (seqLen / 1024) + "k" : Integer.toString(seqLen);
    }
}
