package org.attnsim.kernels.calibrate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.Efficiency;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.MemoryLevel;
import org.attnsim.hwmodels.Quantity;
import org.attnsim.kernels.micro.Microbenchmarks;

/**
 * A calibration reconciled with the same rates measured again after a long run. On a shared machine a
 * device's rates move while a cross-check runs (here the FMA rate measured 14.6 and 27.2 GFLOP/s minutes
 * apart); contention only ever slows a microbenchmark down, so of two measurements the faster is the
 * device's rate, and the profile keeps it, with both in its source. The loop fractions are kept so that
 * peak x fraction is the faster of the two loop rates.
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
        Microbenchmarks.ComputeRates c = after.rates();
        Efficiency eff = before.efficiency();
        List<Drift> drift = new ArrayList<>();

        double fmaPeak = c.fmaPeak();
        drift.add(new Drift("FMA peak", "FLOP/s", before.vectorFlopsPerSecond().value(), fmaPeak));
        Figure vector = faster(before.vectorFlopsPerSecond(), fmaPeak, "FLOP/s", again);
        Map<Dtype, Figure> matrix = new EnumMap<>(Dtype.class);
        before.matrixFlopsPerSecond().forEach((d, f) -> matrix.put(d, faster(f, fmaPeak, "FLOP/s", again)));
        double rowUpdate = c.rowUpdate().perSecond();
        drift.add(new Drift("FMA in row updates", "FLOP/s",
                RunRates.rowUpdates(before), rowUpdate));
        Figure matrixFraction = fasterFraction(eff.matrixFraction(), before.matrixPeak(Dtype.FP32),
                matrix.get(Dtype.FP32).value(), rowUpdate, "FLOP/s", again);
        double loopFma = c.loopFma().perSecond();
        drift.add(new Drift("FMA in a loop", "FLOP/s",
                before.vectorFlopsPerSecond().value() * eff.vectorFraction().value(), loopFma));
        Figure vectorFraction = fasterFraction(eff.vectorFraction(), before.vectorFlopsPerSecond().value(),
                vector.value(), loopFma, "FLOP/s", again);

        Optional<Figure> dependent = before.dependentFlopsPerSecond().map(f -> {
            drift.add(new Drift("dot product", "FLOP/s", f.value(), c.dot().perSecond()));
            return faster(f, c.dot().perSecond(), "FLOP/s", again);
        });

        Optional<Figure> dependent128 = before.dependentFlopsPerSecond128().map(f -> {
            drift.add(new Drift("dot product of 128", "FLOP/s", f.value(), c.longDot().perSecond()));
            return faster(f, c.longDot().perSecond(), "FLOP/s", again);
        });

        Optional<Figure> scalar = before.scalarOpsPerSecond().map(f -> {
            drift.add(new Drift("scalar code", "op/s", f.value(), c.scalar().perSecond()));
            return faster(f, c.scalar().perSecond(), "op/s", again);
        });

        Optional<Figure> scalarExps = before.scalarExponentialsPerSecond().map(f -> {
            drift.add(new Drift("online softmax", "exp/s", f.value(), c.onlineSoftmax().perSecond()));
            return faster(f, c.onlineSoftmax().perSecond(), "exp/s", again);
        });

        double expPeak = c.expPeak();
        drift.add(new Drift("exp peak", "exp/s", before.exponentialsPerSecond().value(), expPeak));
        Figure exps = faster(before.exponentialsPerSecond(), expPeak, "exp/s", again);
        double loopExp = c.loopExp().perSecond();
        drift.add(new Drift("exp in a loop", "exp/s",
                before.exponentialsPerSecond().value() * eff.exponentialFraction().value(), loopExp));
        Figure expFraction = fasterFraction(eff.exponentialFraction(), before.exponentialsPerSecond().value(),
                exps.value(), loopExp, "exp/s", again);

        MemoryLevel memory = before.deviceMemory();
        double bandwidth = after.memoryBytesPerSecond();
        drift.add(new Drift("triad", "B/s", memory.bandwidthBytesPerSecond().value(), bandwidth));
        HardwareProfile p = before.withRates(matrix, vector, exps, dependent, scalar, scalarExps,
                new MemoryLevel(memory.name(),
                        faster(memory.bandwidthBytesPerSecond(), bandwidth, "B/s", again + "triad at the largest size, "),
                        memory.capacityBytes()),
                before.pageRunBytesPerSecond())
                .withDependentFmaRate128(dependent128)
                .withEfficiency(new Efficiency(matrixFraction, vectorFraction, expFraction, eff.memoryFraction(),
                        eff.matrixHalfRateFlops(), eff.memoryHalfRateBytes()));
        return new Result(p, List.copyOf(drift));
    }

    /**
     * The loop fraction after a recheck: the faster of the two loop rates over the reconciled peak, so
     * that peak x fraction is again the faster loop rate.
     */
    private static Figure fasterFraction(Figure fraction, double peakBefore, double peakAfter, double loopAgain,
            String unit, String again) {
        double loop = Math.max(fraction.value() * peakBefore, loopAgain);
        return new Figure(Math.min(1, loop / peakAfter), fraction.source() + ";" + again + "in the loop "
                + Quantity.format(loopAgain, unit) + " (the faster loop rate over the faster peak is used)");
    }

    private static Figure faster(Figure first, double second, String unit, String again) {
        return new Figure(Math.max(first.value(), second), first.source() + ";" + again + Quantity.format(second, unit)
                + " (the faster of the two is used: contention only slows a microbenchmark down)");
    }
}
