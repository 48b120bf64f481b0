package org.attnsim.kernels.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.Efficiency;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.MemoryLevel;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.kernels.micro.Microbenchmarks;
import org.junit.jupiter.api.Test;

class RecalibrationTest {

    static final Measurement M = new Measurement("t", 1, 1, 1, 1, "d", false);

    /**
     * The bundled CPU profile as a calibration would leave it: FMA peak 100 GFLOP/s of which row updates reach
     * 0.6 (60 GFLOP/s) and a scalar loop 0.2 (20 GFLOP/s), dot products 3, exp peak 1.2 G of which a loop
     * reaches a third (0.4 G), scalar code 8 G op/s, online softmax 0.3 G/s, triad 30 GB/s.
     */
    static HardwareProfile calibrated() {
        HardwareProfile p = HardwareCatalog.resolve("cpu-server-64c", "t", null);
        Figure fma = new Figure(100e9, "measured: fma");
        Map<Dtype, Figure> matrix = new EnumMap<>(Dtype.class);
        for (Dtype d : Dtype.values()) {
            matrix.put(d, fma);
        }
        Efficiency e = p.efficiency();
        Figure rows = new Figure(0.6, "measured: row updates");
        Figure loop = new Figure(0.2, "measured: fma in a loop");
        return p.withRates(matrix, fma, new Figure(1.2e9, "measured: exp"), Optional.of(new Figure(3e9, "measured: chain")),
                Optional.of(new Figure(8e9, "measured: histograms")), Optional.of(new Figure(0.3e9, "measured: softmax")),
                new MemoryLevel("dram", new Figure(30e9, "measured: triad"), p.deviceMemory().capacityBytes()),
                Optional.empty())
                .withEfficiency(new Efficiency(rows, loop, new Figure(1.0 / 3, "measured: exp in a loop"),
                        e.memoryFraction(), e.matrixHalfRateFlops(), e.memoryHalfRateBytes()));
    }

    static Microbenchmarks.Rate rate(double perSecond) {
        return new Microbenchmarks.Rate(M, perSecond);
    }

    @Test
    void theFasterOfTwoMeasurementsIsTheDevicesRate() {
        // After the run: FMA peak 150 GFLOP/s (faster), row updates 54 (slower), in a loop 27 (faster), dot
        // products 2.5 (slower), exp peak 1.0 G (slower), in a loop 0.4 G (same), scalar code 10 G (faster),
        // online softmax 0.24 G (slower), triad 45 GB/s (faster).
        Microbenchmarks.Recheck later = new Microbenchmarks.Recheck(new Microbenchmarks.ComputeRates(rate(150e9),
                rate(27e9), rate(54e9), rate(2.5e9), rate(3.5e9), rate(1.0e9), rate(0.4e9), rate(10e9), rate(0.24e9)),
                45e9);
        Recalibration.Result r = Recalibration.reconcile(calibrated(), later, Instant.parse("2026-11-22T09:00:00Z"));
        HardwareProfile p = r.profile();
        assertEquals(150e9, p.vectorFlopsPerSecond().value());
        for (Dtype d : Dtype.values()) {
            assertEquals(150e9, p.matrixPeak(d));
        }
        // The fractions make peak x fraction the faster loop rate: 60 / 150, 27 / 150 and 0.4 / 1.2.
        assertEquals(0.4, p.efficiency().matrixFraction().value(), 1e-12);
        assertEquals(0.18, p.efficiency().vectorFraction().value(), 1e-12);
        assertEquals(1.2e9, p.exponentialsPerSecond().value());
        assertEquals(1.0 / 3, p.efficiency().exponentialFraction().value(), 1e-12);
        assertEquals(3e9, p.dependentFlopsPerSecond().orElseThrow().value());
        assertEquals(10e9, p.scalarOpsPerSecond().orElseThrow().value());
        assertEquals(0.3e9, p.scalarExponentialsPerSecond().orElseThrow().value());
        assertEquals(45e9, p.deviceMemory().bandwidthBytesPerSecond().value());
        // Both measurements stay in the source.
        String source = p.vectorFlopsPerSecond().source();
        assertTrue(source.startsWith("measured: fma;") && source.contains("2026-11-22T09:00:00Z")
                && source.contains("150 GFLOP/s"), source);
        String loopSource = p.efficiency().vectorFraction().source();
        assertTrue(loopSource.startsWith("measured: fma in a loop;") && loopSource.contains("27.0 GFLOP/s"), loopSource);
        // The drift: FMA peak +50%, row updates -10%, in a loop +35%, dot products -17%, scalar code +25%, online
        // softmax -20%, exp peak -17%, in a loop 0%, triad +50%.
        double[] changes = {0.5, -0.1, 0.35, -1.0 / 6, 0.25, -0.2, -1.0 / 6, 0.0, 0.5};
        assertEquals(changes.length, r.drift().size());
        for (int i = 0; i < changes.length; i++) {
            assertEquals(changes[i], r.drift().get(i).change(), 1e-12, r.drift().get(i).toString());
        }
        assertEquals(0.5, r.largestChange(), 1e-12);
        assertEquals("FMA in a loop 20.0 GFLOP/s -> 27.0 GFLOP/s (+35%)", r.drift().get(2).toString());
    }

    @Test
    void theLongDotsRateIsReconciledWhereTheProfileHasOne() {
        // Dots of 128 at 4 GFLOP/s, then 3.5 (slower, -12.5%): the profile keeps 4, the drift says so after the dots
        // of 64's. A profile without the figure gains none.
        Microbenchmarks.Recheck later = new Microbenchmarks.Recheck(new Microbenchmarks.ComputeRates(rate(150e9),
                rate(27e9), rate(54e9), rate(2.5e9), rate(3.5e9), rate(1.0e9), rate(0.4e9), rate(10e9), rate(0.24e9)),
                45e9);
        HardwareProfile withLong = calibrated().withDependentFmaRate128(Optional.of(new Figure(4e9, "measured: 128")));
        Recalibration.Result r = Recalibration.reconcile(withLong, later, Instant.parse("2026-11-22T09:00:00Z"));
        assertEquals(4e9, r.profile().dependentFlopsPerSecond128().orElseThrow().value());
        assertEquals("dot product of 128", r.drift().get(4).figure());
        assertEquals(-0.125, r.drift().get(4).change(), 1e-12);
        assertTrue(Recalibration.reconcile(calibrated(), later, Instant.parse("2026-11-22T09:00:00Z")).profile()
                .dependentFlopsPerSecond128().isEmpty());
    }
}
