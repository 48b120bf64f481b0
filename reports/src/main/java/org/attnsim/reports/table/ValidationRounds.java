package org.attnsim.reports.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.kernels.validate.CrossCheck;
import org.attnsim.kernels.validate.RatesBeside;
import org.attnsim.kernels.validate.ValidationRow;

/**
 * A cross-check round by round: every point's seconds and every microbenchmark's beside it, in each round of each set
 * of rounds (one set where all cells fit in memory together), for {@code rounds.csv}. On a shared machine the device's
 * state can change every few rounds; this is where to see it.
 */
public final class ValidationRounds {

    private ValidationRounds() {
    }

    /**
     * One row a step and round: {@code set} and {@code round} (from 1), {@code what}, its {@code seconds} (empty for
     * an exponent, which is solved from others' seconds) and, for the microbenchmarks, the {@code rate} they give,
     * launch latency of {@code profile} subtracted, in {@code rateUnit}.
     */
    public static List<Map<String, Object>> fields(List<List<CrossCheck.Measured>> cells, HardwareProfile profile) {
        List<RatesBeside> sets = CrossCheck.setsOfRounds(cells);
        double launch = profile.launchLatencySeconds().value();
        List<Map<String, Object>> out = new ArrayList<>();
        for (int set = 0; set < sets.size(); set++) {
            RatesBeside b = sets.get(set);
            RatesBeside.RoundSeconds s = b.byRound();
            List<RatesBeside.Round> rates = b.rounds(launch, profile.units(), profile.memoryLatencySeconds().value());
            for (int n = 0; n < rates.size(); n++) {
                RatesBeside.Round r = rates.get(n);
                for (List<CrossCheck.Measured> cell : cells) {
                    for (CrossCheck.Measured m : cell) {
                        if (m.beside() == b && n < m.secondsByRound().size()) {
                            out.add(row(set, n, ValidationRow.describe(m.variant(), m.point()),
                                    m.secondsByRound().get(n), null, ""));
                        }
                    }
                }
                out.add(row(set, n, "triad", s.triad().get(n), r.bytesPerSecond(), "B/s"));
                if (r.gatherLinesInFlight().isPresent()) {
                    out.add(row(set, n, "gather", s.gather().get(n), r.gatherLinesInFlight().get(),
                            "lines in flight a unit"));
                }
                out.add(row(set, n, "row updates", s.rowUpdates().get(n), r.rowUpdateFlopsPerSecond(), "FLOP/s"));
                out.add(row(set, n, "page runs", s.pageRuns().get(n), r.pageRunBytesPerSecond(), "B/s"));
                out.add(row(set, n, "overlap benchmark, resident rows", s.resident().get(n), r.decodeTileSeconds(),
                        "s a tile"));
                out.add(row(set, n, "overlap exponent", null, r.overlapExponent(), "p"));
                if (r.oneQueryExponent().isPresent()) {
                    out.add(row(set, n, "decoding kernel's one-query exponent", null, r.oneQueryExponent().get(), "p"));
                }
            }
        }
        return out;
    }

    private static Map<String, Object> row(int set, int round, String what, Double seconds, Double rate, String unit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("set", set + 1);
        m.put("round", round + 1);
        m.put("what", what);
        m.put("seconds", seconds);
        m.put("rate", rate);
        m.put("rateUnit", unit);
        return m;
    }
}
