package org.attnsim.kernels.calibrate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.MemoryLevel;
import org.attnsim.hwmodels.Quantity;
import org.attnsim.kernels.micro.Microbenchmarks;

/**
 * A calibration reconciled with the same rates measured again after a long run. On a shared machine a
 * device's rates move while a cross-check runs (here the FMA rate measured 14.6 and 27.2 GFLOP/s minutes
 * apart); contention only ever slows a microbenchmark down, so of two measurements the faster is the
 * device's rate, and the profile keeps it, with both in its source.
 */
public final class Recalibration {

    /** One rate, measured before and after the run. */
    public record Drift(String figure, String unit, double before, double after) {

        public double change() {
            return after / before - 1;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %s -> %s (%+.0f%%)", figure, Quantity.format(before, unit),
                    Quantity.format(after, unit), 100 * change());
        }
    }

    /** The reconciled profile and how each rate moved. */
    public record Result(HardwareProfile profile, List<Drift> drift) {

        /** The largest relative change of any rate, in either direction. */
        public double largestChange() {
            return drift.stream().mapToDouble(d -> Math.abs(d.change())).max().orElse(0);
        }
    }

    private Recalibration() {
    }

    public static Result reconcile(HardwareProfile before, Microbenchmarks.Recheck after, Instant when) {
        String again = " measured again at " + when + " after the cross-check: ";
        List<Drift> drift = new ArrayList<>();
        double flops = after.rates().flopsPerSecond();
        drift.add(new Drift("FMA", "FLOP/s", before.vectorFlopsPerSecond().value(), flops));
        Map<Dtype, Figure> matrix = new EnumMap<>(Dtype.class);
        before.matrixFlopsPerSecond().forEach((d, f) -> matrix.put(d, faster(f, flops, "FLOP/s", again)));
        Optional<Figure> dependent = before.dependentFlopsPerSecond().map(f -> {
            drift.add(new Drift("one-chain FMA", "FLOP/s", f.value(), after.rates().dependentFlopsPerSecond()));
            return faster(f, after.rates().dependentFlopsPerSecond(), "FLOP/s", again);
        });
        double exps = after.rates().expsPerSecond();
        drift.add(new Drift("exp", "exp/s", before.exponentialsPerSecond().value(), exps));
        MemoryLevel memory = before.deviceMemory();
        double bandwidth = after.memoryBytesPerSecond();
        drift.add(new Drift("triad", "B/s", memory.bandwidthBytesPerSecond().value(), bandwidth));
        HardwareProfile p = before.withRates(matrix, faster(before.vectorFlopsPerSecond(), flops, "FLOP/s", again),
                faster(before.exponentialsPerSecond(), exps, "exp/s", again), dependent,
                new MemoryLevel(memory.name(),
                        faster(memory.bandwidthBytesPerSecond(), bandwidth, "B/s", again + "triad at the largest size, "),
                        memory.capacityBytes()),
                before.pageRunBytesPerSecond());
        return new Result(p, List.copyOf(drift));
    }

    private static Figure faster(Figure first, double second, String unit, String again) {
        return new Figure(Math.max(first.value(), second), first.source() + ";" + again + Quantity.format(second, unit)
                + " (the faster of the two is used: contention only slows a microbenchmark down)");
    }
}
